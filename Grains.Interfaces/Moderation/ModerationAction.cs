namespace Instagram.Grains.Moderation;

/// <summary>What an admin did. The first three resolve a report; <see cref="Lift"/> ends a suspension.</summary>
[GenerateSerializer, Alias("Instagram.Grains.Moderation.ModerationAction")]
public enum ModerationAction
{
    /// <summary>Closes the report; the target stays.</summary>
    Dismiss = 0,

    /// <summary>Deletes the target the way its author would (a user target: suspends the account).</summary>
    Remove = 1,

    /// <summary>Suspends the target's author (or the user).</summary>
    Suspend = 2,

    /// <summary>Lifts a suspension.</summary>
    Lift = 3,
}
