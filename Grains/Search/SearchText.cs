namespace Instagram.Grains.Search;

/// <summary>
/// Text matching the way PostgreSQL does it, for the in-memory index: English full-text lexemes (what
/// <c>to_tsvector('english', ...)</c> keeps), pg_trgm trigrams and similarity, and "at most one typo".
/// </summary>
public static class SearchText
{
    /// <summary>pg_trgm's default similarity threshold (<c>pg_trgm.similarity_threshold</c>, the <c>%</c> operator).</summary>
    public const double SimilarityThreshold = 0.3;

    /// <summary>Queries shorter than this are matched by prefix only: one typo in two letters matches almost anything.</summary>
    public const int MinFuzzyLength = 3;

    // PostgreSQL's english.stop list.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them",
        "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am",
        "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did",
        "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by",
        "for", "with", "about", "against", "between", "into", "through", "during", "before", "after", "above",
        "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further",
        "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few",
        "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too",
        "very", "s", "t", "can", "will", "just", "don", "should", "now",
    };

    /// <summary>Runs of letters and digits, lower-case: the words both full text search and trigrams see.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>The distinct lexemes of <paramref name="text"/>: stop words dropped, words stemmed (words with digits kept as they are).</summary>
    public static HashSet<string> Lexemes(string text)
    {
        var lexemes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            if (word.Any(char.IsDigit))
            {
                lexemes.Add(word);
            }
            else if (!StopWords.Contains(word))
            {
                lexemes.Add(EnglishStemmer.Stem(word));
            }
        }

        return lexemes;
    }

    /// <summary>pg_trgm's trigrams: each word padded with two spaces in front and one behind, cut into every run of three.</summary>
    public static HashSet<string> Trigrams(string text)
    {
        var trigrams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            var padded = "  " + word + " ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                trigrams.Add(padded.Substring(i, 3));
            }
        }

        return trigrams;
    }

    /// <summary>pg_trgm's <c>similarity()</c>: shared trigrams over all trigrams.</summary>
    public static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>True when <paramref name="a"/> becomes <paramref name="b"/> with at most one insertion, deletion or substitution.</summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        var i = 0;
        while (i < shorter.Length && shorter[i] == longer[i])
        {
            i++;
        }

        if (i == shorter.Length)
        {
            return true;
        }

        // First difference: skip one character of the longer string (insertion) or of both (substitution).
        return shorter.Length == longer.Length
            ? shorter.AsSpan(i + 1).SequenceEqual(longer.AsSpan(i + 1))
            : shorter.AsSpan(i).SequenceEqual(longer.AsSpan(i + 1));
    }

    /// <summary>True when <paramref name="query"/> starts <paramref name="text"/> or one of its words.</summary>
    public static bool StartsAWord(string text, string query) =>
        text.StartsWith(query, StringComparison.Ordinal) || text.Contains(" " + query, StringComparison.Ordinal);
}

/// <summary>Distances on the globe (a sphere of the Earth's mean radius).</summary>
public static class GeoMath
{
    public const double EarthRadiusKm = 6371.0088;
    private const double KmPerDegree = Math.PI * EarthRadiusKm / 180;

    public static double DistanceKm(double lat1, double lng1, double lat2, double lng2)
    {
        var dLat = Radians(lat2 - lat1);
        var dLng = Radians(lng2 - lng1);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLng / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// A latitude/longitude box that holds the whole circle, for an index to narrow by before the exact distance
    /// check. Near a pole or across the antimeridian it spans every longitude.
    /// </summary>
    public static (double MinLat, double MaxLat, double MinLng, double MaxLng) BoundingBox(GeoCircle circle)
    {
        var dLat = circle.RadiusKm / KmPerDegree;
        var minLat = circle.Lat - dLat;
        var maxLat = circle.Lat + dLat;
        if (minLat <= -90 || maxLat >= 90)
        {
            return (Math.Max(minLat, -90), Math.Min(maxLat, 90), -180, 180);
        }

        var dLng = dLat / Math.Cos(Radians(Math.Max(Math.Abs(minLat), Math.Abs(maxLat))));
        var minLng = circle.Lng - dLng;
        var maxLng = circle.Lng + dLng;
        return minLng < -180 || maxLng > 180 ? (minLat, maxLat, -180, 180) : (minLat, maxLat, minLng, maxLng);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
