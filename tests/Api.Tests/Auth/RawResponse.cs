using System.Globalization;

namespace Instagram.Api.Tests.Auth;

/// <summary>An HTTP/1.1 response read off a socket: just enough parsing for Content-Length and chunked bodies.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static List<RawResponse> ParseAll(string text)
    {
        var responses = new List<RawResponse>();
        var at = 0;
        while (at < text.Length)
        {
            var headEnd = text.IndexOf("\r\n\r\n", at, StringComparison.Ordinal);
            Assert.True(headEnd > at, "a response head ends with an empty line");
            var lines = text[at..headEnd].Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
            var headers = lines.Skip(1).Select(line => line.Split(": ", 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
            at = headEnd + 4;

            string body;
            if (headers.TryGetValue("Content-Length", out var length))
            {
                var n = int.Parse(length, CultureInfo.InvariantCulture);
                body = text.Substring(at, n);
                at += n;
            }
            else
            {
                var chunks = new System.Text.StringBuilder();
                while (true)
                {
                    var sizeEnd = text.IndexOf("\r\n", at, StringComparison.Ordinal);
                    var size = int.Parse(text[at..sizeEnd], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    at = sizeEnd + 2;
                    if (size == 0)
                    {
                        at += 2;
                        break;
                    }

                    chunks.Append(text, at, size);
                    at += size + 2;
                }

                body = chunks.ToString();
            }

            responses.Add(new RawResponse(status, headers, body));
        }

        return responses;
    }
}
