namespace Instagram.Api.Graph;

/// <summary>The caller's relationship after a follow: "following" or "requested".</summary>
public sealed record FollowResponse(string State);
