using System.Globalization;

namespace Instagram.Grains.Messages;

/// <summary>Keys and limits of the messaging grains.</summary>
public static class MessageKeys
{
    /// <summary>A group is its creator and at most this many others (32 people).</summary>
    public const int MaxOthers = 31;

    /// <summary>The 1:1 index key of two users, the same whichever of them asks.</summary>
    public static string Pair(long a, long b) => string.Create(CultureInfo.InvariantCulture, $"{Math.Min(a, b)}:{Math.Max(a, b)}");

    public static string Page(long conversationId, long page) => string.Create(CultureInfo.InvariantCulture, $"{conversationId}:{page}");

    public static string ArchivePage(long userId, InboxFolder folder, long page) =>
        string.Create(CultureInfo.InvariantCulture, $"{userId}:{(int)folder}:{page}");
}
