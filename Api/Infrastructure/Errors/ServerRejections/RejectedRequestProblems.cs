using System.Buffers.Text;
using System.Collections.Frozen;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Instagram.Api.Infrastructure.Errors.ServerRejections;

/// <summary>
/// Gives the requests Kestrel refuses on its own (a malformed request line or header, <c>%00</c> in the path, headers
/// too large, a body without a length) a problem detail instead of an empty body. Kestrel answers these before any
/// middleware runs and offers no hook, so this sits one layer lower, on the connection: it recognises Kestrel's
/// rejection response as it is written (an error status, <c>Content-Length: 0</c>, <c>Connection: close</c>, no
/// content type) and writes the same response with a body. Anything else passes through untouched, and a rejection
/// it does not recognise (split across writes, or on a TLS endpoint where the bytes are encrypted) keeps Kestrel's
/// empty body, so the worst case is today's behaviour.
/// </summary>
internal static class RejectedRequestProblems
{
    private static readonly FrozenDictionary<int, byte[]> Bodies = new Dictionary<int, byte[]>
    {
        [400] = Body(400, BadRequestProblems.Title, "The request is not valid HTTP: its request line, a header or the path (an encoded NUL, for example) could not be read.", "https://tools.ietf.org/html/rfc9110#section-15.5.1", withErrors: true),
        [405] = Body(405, "Method Not Allowed", "This server does not accept that method.", "https://tools.ietf.org/html/rfc9110#section-15.5.6"),
        [408] = Body(408, "Request Timeout", "The request did not arrive in time.", "https://tools.ietf.org/html/rfc9110#section-15.5.9"),
        [411] = Body(411, "Length Required", "A request with a body needs Content-Length or chunked Transfer-Encoding.", "https://tools.ietf.org/html/rfc9110#section-15.5.12"),
        [413] = Body(413, "Content Too Large", "The request body is larger than this server accepts.", "https://tools.ietf.org/html/rfc9110#section-15.5.14"),
        [414] = Body(414, "URI Too Long", "The request target is longer than this server accepts.", "https://tools.ietf.org/html/rfc9110#section-15.5.15"),
        [431] = Body(431, "Request Header Fields Too Large", "The request headers are larger than this server accepts.", "https://tools.ietf.org/html/rfc6585#section-5"),
        [505] = Body(505, "HTTP Version Not Supported", "This server speaks HTTP/1.0, HTTP/1.1 and HTTP/2.", "https://tools.ietf.org/html/rfc9110#section-15.6.6"),
    }.ToFrozenDictionary();

    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;
    private static ReadOnlySpan<byte> EmptyLength => "\r\nContent-Length: 0\r\n"u8;
    private static ReadOnlySpan<byte> ClosesConnection => "\r\nConnection: close\r\n"u8;
    private static ReadOnlySpan<byte> ContentTypeHeader => "\r\nContent-Type:"u8;

    /// <summary>Adds the rewriting to every endpoint Kestrel listens on.</summary>
    public static IServiceCollection AddRejectedRequestProblems(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(next => connection =>
            {
                var transport = connection.Transport;
                connection.Transport = new DuplexPipe(transport.Input, new ProblemRewritingPipeWriter(transport.Output));
                return next(connection);
            })));

    /// <summary>
    /// The response to write instead of <paramref name="written"/> when those bytes are exactly the head of one of
    /// Kestrel's empty rejection responses; null otherwise.
    /// </summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        // "HTTP/1.1 400 " at least, and the write is one whole header block with no body after it
        if (written.Length < 16 || !written.StartsWith("HTTP/1."u8) || written[8] != (byte)' ' ||
            !Utf8Parser.TryParse(written.Slice(9, 3), out int status, out var digits) || digits != 3 ||
            !Bodies.TryGetValue(status, out var body) ||
            written.IndexOf(HeaderEnd) != written.Length - HeaderEnd.Length)
        {
            return null;
        }

        var lengthAt = written.IndexOf(EmptyLength);
        if (lengthAt < 0 || written.IndexOf(ClosesConnection) < 0 || written.IndexOf(ContentTypeHeader) >= 0)
        {
            return null;
        }

        var lengthHeader = Encoding.ASCII.GetBytes(
            $"\r\nContent-Length: {body.Length}\r\nContent-Type: application/problem+json\r\n");
        var rewritten = new byte[written.Length - EmptyLength.Length + lengthHeader.Length + body.Length];
        var output = rewritten.AsSpan();
        written[..lengthAt].CopyTo(output);
        output = output[lengthAt..];
        lengthHeader.CopyTo(output);
        output = output[lengthHeader.Length..];
        var rest = written[(lengthAt + EmptyLength.Length)..];
        rest.CopyTo(output);
        body.CopyTo(output[rest.Length..]);
        return rewritten;
    }

    private static byte[] Body(int status, string title, string detail, string type, bool withErrors = false)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            if (withErrors)
            {
                // every 400 of this Api has an errors object; here no one field is at fault
                json.WriteStartObject("errors");
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
