namespace Instagram.LoadTest.Systems;

/// <summary>A short tag unique to one run, so usernames and Redis keys of different runs never collide.</summary>
public static class RunTag
{
    public static string Value { get; } = Create();

    public static string UserName(int index) => UserName(Value, index);

    /// <summary>The username of user <paramref name="index"/> of the run tagged <paramref name="tag"/> (an earlier run's, from its manifest).</summary>
    public static string UserName(string tag, int index) => $"lt{tag}_{index}";

    private static string Create()
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var n = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 100) % 60_466_176; // 36^5
        Span<char> chars = stackalloc char[5];
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = digits[(int)(n % 36)];
            n /= 36;
        }

        return new string(chars);
    }
}
