namespace Instagram.Api.Infrastructure.OpenApi;

/// <summary>
/// The error statuses the OpenAPI document lists. Handlers throw for errors (one mapping turns them into problem
/// details), so their return types name only successes; these declare the rest, on a group for what every route in
/// it can answer and on a route for what only it can.
/// </summary>
public static class ProblemResponses
{
    /// <summary>
    /// What any /v1 route can answer whatever it does: 429 (the general budget per caller, or the route's own) and
    /// 503 (the cluster did not answer).
    /// </summary>
    public static TBuilder ProducesCommonProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>A route behind a token: the common problems and 401 (no token, a bad one, or an ended session).</summary>
    public static TBuilder ProducesAuthorizedProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesCommonProblems().ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>
    /// A route reading a JSON body: 400 for a malformed or invalid one (a validation problem naming the fields) and
    /// 415 when the content type is not JSON.
    /// </summary>
    public static RouteHandlerBuilder ProducesJsonBodyProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Several route-specific problem statuses at once (404, 403, 409, 422...).</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
