using Instagram.Grains.Comments;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Common.Text;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Moderation;

/// <summary>
/// One user's muted words, normalised, and the one rule that decides what they hide. Text is read as words: runs of
/// letters, digits and underscores, compared in lower case, so a muted "cat" hides "Cat!" and "#cat" but not
/// "category". A plain entry ("cat", or a phrase such as "spoiler alert") matches those words anywhere in a caption or
/// comment, hashtags included; a "#cat" entry matches only the hashtag. Nobody's own posts and comments are hidden
/// from them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Moderation.MutedWords")]
public sealed record MutedWords([property: Id(0)] string[] Words)
{
    public const int MaxWords = 200;
    public const int MaxLength = 50;

    public static MutedWords None { get; } = new([]);

    // Compiled on first use: the serializer fills Words without running any constructor logic.
    [NonSerialized] private Entry[]? _entries;

    private Entry[] Entries => _entries ??= [.. Words.Select(Compile)];

    /// <summary>
    /// Normalises what a user asked to mute: trimmed, lower case, inner spaces collapsed, duplicates dropped, order
    /// kept. Anything that is not a word list we can match is refused as a whole (400), so nothing half-changes.
    /// </summary>
    public static MutedWords Parse(IReadOnlyList<string?> words)
    {
        if (words.Count > MaxWords)
        {
            throw DomainException.InvalidInput($"words may hold at most {MaxWords} entries.");
        }

        var normalized = new List<string>(words.Count);
        foreach (var word in words)
        {
            var entry = Normalize(word);
            if (!normalized.Contains(entry, StringComparer.Ordinal))
            {
                normalized.Add(entry);
            }
        }

        return new MutedWords([.. normalized]);
    }

    /// <summary>Whether the post is hidden from <paramref name="viewerId"/>: its caption or a hashtag holds a muted word.</summary>
    public bool HidesPost(PostDetails post, long viewerId) =>
        Words.Length > 0 && post.AuthorId != viewerId
        && (MatchesText(post.Caption) || post.Hashtags.Any(tag => Entries.Any(e => e.Words is [var only] && only == tag)));

    /// <summary>Whether the comment is hidden from <paramref name="viewerId"/>: its text holds a muted word.</summary>
    public bool HidesComment(CommentDetails comment, long viewerId) =>
        Words.Length > 0 && comment.AuthorId != viewerId && MatchesText(comment.Text);

    private bool MatchesText(string text)
    {
        var tokens = Tokenize(text);
        return tokens.Count > 0 && Entries.Any(entry => Matches(entry, tokens));
    }

    private static bool Matches(Entry entry, List<Token> tokens)
    {
        for (var start = 0; start + entry.Words.Length <= tokens.Count; start++)
        {
            var all = true;
            for (var i = 0; i < entry.Words.Length && all; i++)
            {
                var token = tokens[start + i];
                all = token.Word == entry.Words[i] && (!entry.HashtagOnly || token.IsHashtag);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string? word)
    {
        var trimmed = word?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxLength || !TextRules.IsAllowed(trimmed))
        {
            throw DomainException.InvalidInput($"Each muted word has 1 to {MaxLength} characters (after trimming) and no control characters.");
        }

        var lower = string.Join(' ', trimmed.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (lower.StartsWith('#'))
        {
            if (lower.Length == 1 || !lower.Skip(1).All(IsWordChar))
            {
                throw DomainException.InvalidInput($"A muted hashtag is '#' followed by letters, digits or underscores: '{trimmed}' is not.");
            }
        }
        else if (Tokenize(lower).Count == 0)
        {
            throw DomainException.InvalidInput($"A muted word needs at least one letter or digit: '{trimmed}' has none.");
        }

        return lower;
    }

    private static Entry Compile(string word) => word.StartsWith('#')
        ? new Entry([word[1..]], HashtagOnly: true)
        : new Entry([.. Tokenize(word).Select(t => t.Word)], HashtagOnly: false);

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }

            tokens.Add(new Token(text[start..i].ToLowerInvariant(), start > 0 && text[start - 1] == '#'));
        }

        return tokens;
    }

    private sealed record Entry(string[] Words, bool HashtagOnly);

    private readonly record struct Token(string Word, bool IsHashtag);
}
