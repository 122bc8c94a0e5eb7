using Instagram.Grains.Users;

namespace Instagram.Grains.Stories;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Stories.TrayEntry")]
public sealed record TrayEntry(
    [property: Id(0)] UserSummary User,
    [property: Id(1)] TrayStory[] Stories,
    [property: Id(2)] bool AllSeen);

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Stories.TrayStory")]
public sealed record TrayStory(
    [property: Id(0)] StoryDetails Story,
    [property: Id(1)] bool Seen);
