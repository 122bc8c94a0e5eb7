using Instagram.Grains.Common.Errors;

namespace Instagram.Grains.Users;

/// <summary>What a suspended account is told when it tries to sign in or refresh.</summary>
public static class Suspension
{
    public const string Message = "This account is suspended.";

    public static DomainException Refusal() => DomainException.Forbidden(Message);
}
