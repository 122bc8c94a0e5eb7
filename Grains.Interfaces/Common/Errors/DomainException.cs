namespace Instagram.Grains.Common.Errors;

/// <summary>
/// A broken business rule reported by a grain. It crosses grain calls intact, and its message is safe to show to
/// the caller; the Api turns it into a problem detail with the status of <see cref="Kind"/>.
/// </summary>
[GenerateSerializer, Alias("Instagram.Grains.Common.Errors.DomainException")]
public sealed class DomainException : Exception
{
    public DomainException(DomainErrorKind kind, string message) : base(message) => Kind = kind;

    [Id(0)]
    public DomainErrorKind Kind { get; private set; }

    public static DomainException InvalidInput(string message) => new(DomainErrorKind.InvalidInput, message);
    public static DomainException NotFound(string what) => new(DomainErrorKind.NotFound, $"The {what} does not exist.");
    public static DomainException Forbidden(string message) => new(DomainErrorKind.Forbidden, message);
    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);
    public static DomainException Unprocessable(string message) => new(DomainErrorKind.Unprocessable, message);
}
