using System.Globalization;
using Instagram.Grains.Common;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Common.Text;

namespace Instagram.Grains.Search;

/// <summary>
/// What a search request may ask for, and the normal form the index works with. A broken rule is the caller's
/// mistake (<see cref="DomainException.InvalidInput"/>, a 400); odd characters in a query are not: they are text.
/// Control and bidi formatting characters are the exception (<see cref="TextRules"/>): PostgreSQL refuses a NUL.
/// </summary>
public static class SearchRules
{
    public const int MaxQueryLength = 100;
    public const double MaxRadiusKm = 20_000;
    public const double DefaultRadiusKm = 10;

    /// <summary>The query as given, trimmed: 1 to <see cref="MaxQueryLength"/> characters.</summary>
    public static string Query(string? query, string name = "q")
    {
        if (query is { Length: > MaxQueryLength })
        {
            throw DomainException.InvalidInput($"'{name}' has at most {MaxQueryLength} characters.");
        }

        TextRules.EnsureAllowed(query, name);

        return string.IsNullOrWhiteSpace(query)
            ? throw DomainException.InvalidInput($"'{name}' must not be empty.")
            : query.Trim();
    }

    public static int Limit(int? limit)
    {
        var value = limit ?? PageRequest.DefaultLimit;
        return value is < 1 or > PageRequest.MaxLimit
            ? throw DomainException.InvalidInput($"limit must be between 1 and {PageRequest.MaxLimit}.")
            : value;
    }

    /// <summary>Usernames are lower-case; "@name" means "name".</summary>
    public static string UserKey(string query) => query.Trim().TrimStart('@').Trim().ToLowerInvariant();

    /// <summary>Hashtags are stored lower-case without the '#'.</summary>
    public static string TagKey(string query) => query.Trim().TrimStart('#').Trim().ToLowerInvariant();

    /// <summary>A circle from lat, lng and radiusKm (radius <see cref="DefaultRadiusKm"/> when omitted), or null when no place was given.</summary>
    public static GeoCircle? Place(double? lat, double? lng, double? radiusKm)
    {
        if (lat is null && lng is null)
        {
            return radiusKm is null ? null : throw DomainException.InvalidInput("radiusKm needs lat and lng.");
        }

        if (lat is not { } latitude || lng is not { } longitude)
        {
            throw DomainException.InvalidInput("lat and lng go together.");
        }

        if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            throw DomainException.InvalidInput("lat must be between -90 and 90.");
        }

        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            throw DomainException.InvalidInput("lng must be between -180 and 180.");
        }

        var radius = radiusKm ?? DefaultRadiusKm;
        if (!double.IsFinite(radius) || radius is <= 0 or > MaxRadiusKm)
        {
            throw DomainException.InvalidInput(string.Create(CultureInfo.InvariantCulture, $"radiusKm must be more than 0 and at most {MaxRadiusKm}."));
        }

        return new GeoCircle(latitude, longitude, radius);
    }

    /// <summary>A post search needs at least one of caption text, hashtag or place; each given one must be valid.</summary>
    public static PostSearch PostSearch(string? text, string? hashtag, double? lat, double? lng, double? radiusKm)
    {
        var query = text is null ? null : Query(text);
        var tag = hashtag is null ? null : TagKey(Query(hashtag, "hashtag"));
        if (tag is { Length: 0 })
        {
            throw DomainException.InvalidInput("'hashtag' must name a tag.");
        }

        var place = Place(lat, lng, radiusKm);
        return query is null && tag is null && place is null
            ? throw DomainException.InvalidInput("Search posts by q (caption text), hashtag, or lat/lng/radiusKm.")
            : new PostSearch(query, tag, place);
    }

    /// <summary>Re-checks a search that arrives at a grain (the Api checks first; other callers may not).</summary>
    public static PostSearch Validate(PostSearch search) =>
        PostSearch(search.Text, search.Hashtag, search.Place?.Lat, search.Place?.Lng, search.Place?.RadiusKm);
}
