using Microsoft.OpenApi;

namespace Instagram.Api.Infrastructure.OpenApi;

public static class OpenApiExtensions
{
    /// <summary>The OpenAPI document (/openapi/v1.json): a bearer scheme on the routes that need a token, responses in status order.</summary>
    public static IServiceCollection AddApiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer<BearerSecuritySchemeTransformer>();
            // Group-level statuses are declared before a route's own; a reader looks for them by number.
            options.AddOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses is { Count: > 1 } responses)
                {
                    var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
                    responses.Clear();
                    foreach (var (status, response) in sorted)
                    {
                        responses.Add(status, response);
                    }
                }

                return Task.CompletedTask;
            });
        });
}
