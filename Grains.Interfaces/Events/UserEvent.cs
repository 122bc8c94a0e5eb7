using Instagram.Grains.Users;

namespace Instagram.Grains.Events;

/// <summary>A user was created or changed their profile (name, bio, privacy); on the <see cref="Common.StreamNamespaces.UserEvents"/> stream of that user.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Events.UserEvent")]
public sealed record UserEvent(
    [property: Id(0)] UserSummary User,
    [property: Id(1)] string Bio);
