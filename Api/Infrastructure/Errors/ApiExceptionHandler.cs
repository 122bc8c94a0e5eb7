using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;

namespace Instagram.Api.Infrastructure.Errors;

/// <summary>
/// The one place exceptions become problem details: a broken domain rule gets its status and message, a
/// malformed request a 400 (or the status Kestrel chose), a bot-speed limit a 429 and an unreachable cluster a 503, both
/// with Retry-After, and anything else a bare 500 whose details stay in the log. Every 400 has the shape <see cref="BadRequestProblems"/> gives.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, TimeProvider time, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    // A failover answers many requests 503 at once: an expected condition, so one line (no stack) per 10 s with a count.
    private readonly LogThrottle _unavailable = new(TimeSpan.FromSeconds(10), time);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            DomainException domain => (StatusOf(domain.Kind), TitleOf(domain.Kind), domain.Message),
            Moderation.VelocityLimitException velocity => (StatusCodes.Status429TooManyRequests, "Too many requests", velocity.Message),
            BadHttpRequestException bad => (bad.StatusCode, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(bad.StatusCode), bad.Message),
            SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or GatewayTooBusyException or TimeoutException =>
                (StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The cluster is not answering right now; try again shortly."),
            _ => (StatusCodes.Status500InternalServerError, "Internal server error", "Something went wrong on our side."),
        };

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            if (_unavailable.ShouldLog(out var suppressed))
            {
                LogUnavailable(context.Request.Method, context.Request.Path, exception.GetType().Name, exception.Message, suppressed);
            }
        }
        else if (status >= 500)
        {
            LogFailure(exception, context.Request.Method, context.Request.Path);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }
        else if (exception is Moderation.VelocityLimitException { RetryAfter: var wait })
        {
            RateLimitingExtensions.SetRetryAfter(context.Response, wait);
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = status != StatusCodes.Status400BadRequest ? new ProblemDetails { Status = status, Title = title, Detail = detail }
                : exception is BadHttpRequestException binding ? BadRequestProblems.FromBinding(binding)
                : BadRequestProblems.Create(detail),
        });
    }

    public static int StatusOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        DomainErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.InvalidInput => "Invalid input",
        DomainErrorKind.NotFound => "Not found",
        DomainErrorKind.Forbidden => "Forbidden",
        DomainErrorKind.Conflict => "Conflict",
        _ => "Unprocessable request",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster did not answer {Method} {Path} ({Reason}: {Detail}); answered 503. {Suppressed} more such requests since the last line")]
    private partial void LogUnavailable(string method, string path, string reason, string detail, int suppressed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure in {Method} {Path}")]
    private partial void LogFailure(Exception exception, string method, string path);
}
