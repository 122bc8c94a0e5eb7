using System.Net;

namespace Instagram.Api.Tests.Infrastructure;

/// <summary>Asks a process under test for a path, as a probe would: its status, or null while nothing listens.</summary>
public static class HttpProbe
{
    public static async Task<HttpStatusCode?> StatusAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
