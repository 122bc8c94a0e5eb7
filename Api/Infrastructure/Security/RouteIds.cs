namespace Instagram.Api.Infrastructure.Security;

/// <summary>IDs travel as strings; a value that is not a positive 64-bit number is the client's mistake (400).</summary>
public static class RouteIds
{
    public static long Parse(string value, string name = "id") =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw DomainException.InvalidInput($"'{name}' must be a numeric id.");
}
