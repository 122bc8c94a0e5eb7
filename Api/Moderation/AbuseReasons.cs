namespace Instagram.Api.Moderation;

/// <summary>The <c>reason</c> label of <see cref="AbuseMetrics"/> and the log, one per limit.</summary>
public static class AbuseReasons
{
    public const string FollowRate = "follow_rate";
    public const string RepeatedComment = "repeated_comment";
    public const string NewAccountLink = "new_account_link";
}
