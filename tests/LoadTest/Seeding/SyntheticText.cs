namespace Instagram.LoadTest.Seeding;

/// <summary>
/// Captions of seeded posts and the searches run against them. Captions mix a few words from a fixed vocabulary (so a
/// caption search matches a realistic share of the index, not every post or none), two hashtags and a mention; the
/// same post index always gets the same caption.
/// </summary>
public static class SyntheticText
{
    public const int HashtagCount = 100;

    public static readonly string[] Words =
    [
        "sunset", "beach", "coffee", "morning", "mountain", "hiking", "city", "lights", "friends", "family", "dinner", "pasta",
        "pizza", "garden", "flowers", "spring", "summer", "autumn", "winter", "snow", "rain", "ocean", "waves", "surfing",
        "road", "trip", "travel", "airport", "train", "station", "museum", "painting", "concert", "music", "guitar", "dancing",
        "birthday", "wedding", "party", "cake", "chocolate", "breakfast", "brunch", "lunch", "market", "street", "bridge",
        "river", "lake", "forest", "camping", "fire", "stars", "night", "skyline", "rooftop", "balcony", "window", "books",
        "reading", "library", "puppy", "kitten", "running", "cycling", "yoga", "workout", "marathon", "football", "tennis",
        "harbor", "boats", "island", "desert", "canyon", "volcano", "glacier", "waterfall", "meadow", "vineyard", "castle",
        "village", "festival", "lanterns", "tacos", "sushi", "ramen", "noodles", "bakery", "croissant", "icecream",
        "picnic", "sunrise", "golden", "hour", "portrait", "selfie", "vintage", "film",
    ];

    public static string Caption(int index)
    {
        var random = new Random(index);
        var words = string.Join(' ', Enumerable.Range(0, 3 + random.Next(4)).Select(_ => Words[random.Next(Words.Length)]));
        return string.Create(CultureInfo.InvariantCulture,
            $"{char.ToUpperInvariant(words[0])}{words[1..]} with friends #loadtest #{Hashtag(index % HashtagCount)} @lt_friend{index % 7}");
    }

    public static string Hashtag(int n) => string.Create(CultureInfo.InvariantCulture, $"tag{n}");
}
