namespace Instagram.Grains.Search;

/// <summary>
/// The Snowball English ("Porter2") stemmer, the one PostgreSQL's <c>english</c> text search configuration uses, so
/// the in-memory index stems captions the way <c>to_tsvector('english', ...)</c> does ("running" → "run").
/// Input is one lower-case word.
/// </summary>
public static class EnglishStemmer
{
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["skis"] = "ski", ["skies"] = "sky", ["dying"] = "die", ["lying"] = "lie", ["tying"] = "tie",
        ["idly"] = "idl", ["gently"] = "gentl", ["ugly"] = "ugli", ["early"] = "earli", ["only"] = "onli",
        ["singly"] = "singl", ["sky"] = "sky", ["news"] = "news", ["howe"] = "howe", ["atlas"] = "atlas",
        ["cosmos"] = "cosmos", ["bias"] = "bias", ["andes"] = "andes",
    };

    private static readonly HashSet<string> InvariantAfterStep1A =
        ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ization", "ize"), ("ational", "ate"), ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"),
        ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"), ("entli", "ent"), ("ation", "ate"),
        ("alism", "al"), ("aliti", "al"), ("ousli", "ous"), ("iviti", "ive"), ("fulli", "ful"), ("enci", "ence"),
        ("anci", "ance"), ("abli", "able"), ("izer", "ize"), ("ator", "ate"), ("alli", "al"), ("bli", "ble"),
        ("ogi", "og"), ("li", ""),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ative", ""),
        ("ical", "ic"), ("ness", ""), ("ful", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
        "ion", "al", "er", "ic",
    ];

    public static string Stem(string word)
    {
        if (word.Length <= 2)
        {
            return word;
        }

        if (Exceptions.TryGetValue(word, out var exception))
        {
            return exception;
        }

        var w = word.StartsWith('\'') ? word[1..] : word;
        w = MarkConsonantY(w);
        var r1 = R1(w);
        var r2 = NextRegion(w, r1);

        w = Step0(w);
        w = Step1A(w);
        if (InvariantAfterStep1A.Contains(w))
        {
            return w;
        }

        w = Step1B(w, r1);
        w = Step1C(w);
        w = Step2(w, r1);
        w = Step3(w, r1, r2);
        w = Step4(w, r2);
        w = Step5(w, r1, r2);
        return w.Replace('Y', 'y');
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static string MarkConsonantY(string w)
    {
        var chars = w.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == 'y' && (i == 0 || IsVowel(chars[i - 1])))
            {
                chars[i] = 'Y';
            }
        }

        return new string(chars);
    }

    private static int R1(string w)
    {
        foreach (var prefix in new[] { "gener", "commun", "arsen" })
        {
            if (w.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix.Length;
            }
        }

        return NextRegion(w, 0);
    }

    // The position after the first non-vowel that follows a vowel, at or after start.
    private static int NextRegion(string w, int start)
    {
        for (var i = start + 1; i < w.Length; i++)
        {
            if (!IsVowel(w[i]) && IsVowel(w[i - 1]))
            {
                return i + 1;
            }
        }

        return w.Length;
    }

    private static bool HasVowel(ReadOnlySpan<char> part)
    {
        foreach (var c in part)
        {
            if (IsVowel(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithDouble(string w) =>
        w.Length >= 2 && w[^1] == w[^2] && w[^1] is 'b' or 'd' or 'f' or 'g' or 'm' or 'n' or 'p' or 'r' or 't';

    private static bool EndsWithShortSyllable(string w) => w.Length switch
    {
        < 2 => false,
        2 => IsVowel(w[0]) && !IsVowel(w[1]),
        _ => !IsVowel(w[^3]) && IsVowel(w[^2]) && !IsVowel(w[^1]) && w[^1] is not ('w' or 'x' or 'Y'),
    };

    private static bool IsShort(string w, int r1) => r1 >= w.Length && EndsWithShortSyllable(w);

    private static string Step0(string w)
    {
        foreach (var suffix in new[] { "'s'", "'s", "'" })
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal))
            {
                return w[..^suffix.Length];
            }
        }

        return w;
    }

    private static string Step1A(string w)
    {
        if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            return w[..^2];
        }

        if (w.EndsWith("ied", StringComparison.Ordinal) || w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w.Length > 4 ? w[..^2] : w[..^1];
        }

        if (w.EndsWith("us", StringComparison.Ordinal) || w.EndsWith("ss", StringComparison.Ordinal))
        {
            return w;
        }

        return w.EndsWith('s') && w.Length >= 2 && HasVowel(w.AsSpan(0, w.Length - 2)) ? w[..^1] : w;
    }

    private static string Step1B(string w, int r1)
    {
        foreach (var suffix in new[] { "eedly", "ingly", "edly", "eed", "ing", "ed" })
        {
            if (!w.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var stem = w[..^suffix.Length];
            if (suffix is "eed" or "eedly")
            {
                return stem.Length >= r1 ? stem + "ee" : w;
            }

            if (!HasVowel(stem))
            {
                return w;
            }

            if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("bl", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal))
            {
                return stem + "e";
            }

            if (EndsWithDouble(stem))
            {
                return stem[..^1];
            }

            return IsShort(stem, r1) ? stem + "e" : stem;
        }

        return w;
    }

    private static string Step1C(string w) =>
        w.Length > 2 && w[^1] is 'y' or 'Y' && !IsVowel(w[^2]) ? w[..^1] + "i" : w;

    private static string Step2(string w, int r1)
    {
        foreach (var (suffix, replacement) in Step2Rules)
        {
            if (!w.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var start = w.Length - suffix.Length;
            if (start < r1)
            {
                return w;
            }

            return suffix switch
            {
                "ogi" => start > 0 && w[start - 1] == 'l' ? w[..start] + replacement : w,
                "li" => start > 0 && w[start - 1] is 'c' or 'd' or 'e' or 'g' or 'h' or 'k' or 'm' or 'n' or 'r' or 't' ? w[..start] : w,
                _ => w[..start] + replacement,
            };
        }

        return w;
    }

    private static string Step3(string w, int r1, int r2)
    {
        foreach (var (suffix, replacement) in Step3Rules)
        {
            if (!w.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var start = w.Length - suffix.Length;
            if (start < r1 || (suffix == "ative" && start < r2))
            {
                return w;
            }

            return w[..start] + replacement;
        }

        return w;
    }

    private static string Step4(string w, int r2)
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (!w.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var start = w.Length - suffix.Length;
            if (start < r2)
            {
                return w;
            }

            return suffix == "ion" && !(start > 0 && w[start - 1] is 's' or 't') ? w : w[..start];
        }

        return w;
    }

    private static string Step5(string w, int r1, int r2)
    {
        if (w.EndsWith('e'))
        {
            var start = w.Length - 1;
            if (start >= r2 || (start >= r1 && !EndsWithShortSyllable(w[..start])))
            {
                return w[..start];
            }
        }
        else if (w.EndsWith('l') && w.Length - 1 >= r2 && w.Length >= 2 && w[^2] == 'l')
        {
            return w[..^1];
        }

        return w;
    }
}
