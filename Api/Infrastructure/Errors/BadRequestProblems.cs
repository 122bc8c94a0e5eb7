using System.Text.Json;
using System.Text.RegularExpressions;

namespace Instagram.Api.Infrastructure.Errors;

/// <summary>
/// Every 400 has one shape: a validation problem titled "Invalid input" whose <c>detail</c> a person can read and
/// whose <c>errors</c> name the fields at fault by their JSON names (empty when no one field is). Data annotations,
/// binding failures (a query value that is not a number, a body that is not JSON) and domain checks all end here, so
/// a client reads one body, and never the framework's wording ("Failed to bind parameter", .NET type names).
/// </summary>
internal static partial class BadRequestProblems
{
    public const string Title = "Invalid input";

    /// <summary>The key for a problem with the body as a whole (JSONPath's root, as System.Text.Json names it).</summary>
    public const string BodyKey = "$";

    public static HttpValidationProblemDetails Create(string detail, string? field = null) =>
        new(field is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Title,
            Detail = detail,
        };

    /// <summary>A request the framework could not bind to the handler's parameters, in our words.</summary>
    public static HttpValidationProblemDetails FromBinding(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return FromJson(json);
        }

        if (BindingFailed().Match(bad.Message) is { Success: true } failed)
        {
            var name = FieldName(failed.Groups["name"].Value);
            return Create($"{name} must be {Expected(failed.Groups["type"].Value)}.", name);
        }

        if (RequiredMissing().Match(bad.Message) is { Success: true } missing)
        {
            return missing.Groups["source"].Value == "body"
                ? Create("The request needs a JSON body.", BodyKey)
                : Create($"{FieldName(missing.Groups["name"].Value)} is required.", FieldName(missing.Groups["name"].Value));
        }

        if (bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
        {
            return Create("The request needs a JSON body.", BodyKey);
        }

        return Create(bad.Message); // Kestrel's own (malformed request line, headers): already plain words
    }

    /// <summary>
    /// The validation filter's problem (made from data annotations) brought into the shape above: the keys it names
    /// after C# properties become JSON names, and the messages also make up the detail.
    /// </summary>
    public static void Normalize(HttpValidationProblemDetails problem)
    {
        if (problem.Title == Title)
        {
            return;
        }

        var errors = problem.Errors.ToList();
        problem.Errors.Clear();
        foreach (var (key, messages) in errors)
        {
            problem.Errors[JsonPath(key)] = messages;
        }

        problem.Title = Title;
        problem.Detail ??= string.Join(" ", errors.SelectMany(e => e.Value));
    }

    private static HttpValidationProblemDetails FromJson(JsonException json)
    {
        var path = json.Path is null or BodyKey ? BodyKey : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
        if (ConversionFailed().Match(json.Message) is { Success: true } conversion)
        {
            var expected = Expected(conversion.Groups["type"].Value);
            return path == BodyKey
                ? Create($"The request body must be {expected}.", BodyKey)
                : Create($"{path} must be {expected}.", path);
        }

        // A syntax error: where it is helps; the reader's wording (and the payload) stays out.
        var where = json.LineNumber is { } line && json.BytePositionInLine is { } position ? $" (line {line + 1}, position {position + 1})" : "";
        return Create($"The request body is not valid JSON{where}.", BodyKey);
    }

    /// <summary>What a value of a .NET type looks like to a client: "Nullable&lt;int&gt;", "System.Int64", "List`1[...]".</summary>
    private static string Expected(string typeName)
    {
        var name = NullableOf().Match(typeName) is { Success: true } nullable ? nullable.Groups["inner"].Value : typeName;
        if (name.EndsWith("[]", StringComparison.Ordinal) || name.Contains('`', StringComparison.Ordinal) || name.Contains('<', StringComparison.Ordinal))
        {
            return "an array";
        }

        var simple = name[(name.LastIndexOf('.') + 1)..];
        return simple switch
        {
            "int" or "long" or "short" or "byte" or "uint" or "ulong" or "Int32" or "Int64" or "Int16" or "Byte" or "UInt32" or "UInt64" => "a whole number",
            "double" or "float" or "decimal" or "Double" or "Single" or "Decimal" => "a number",
            "bool" or "Boolean" => "true or false",
            "string" or "String" => "a string",
            "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601)",
            "Guid" => "a GUID",
            _ when EnumNamed(name) is { } values => "one of " + string.Join(", ", values),
            _ when name.StartsWith("Instagram.", StringComparison.Ordinal) => "an object",
            _ => "a valid value",
        };
    }

    // Enums travel as camelCase strings (JsonStringEnumConverter), so the allowed values can be listed.
    private static IEnumerable<string>? EnumNamed(string fullName) =>
        fullName.StartsWith("Instagram.", StringComparison.Ordinal)
            ? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName)).FirstOrDefault(t => t is { IsEnum: true })
                ?.GetEnumNames().Select(JsonNamingPolicy.CamelCase.ConvertName)
            : null;

    private static string FieldName(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    // "Location.Name" -> "location.name", "MediaIds[0]" -> "mediaIds[0]".
    private static string JsonPath(string key) => string.Join('.', key.Split('.').Select(FieldName));

    // RequestDelegateFactory's messages (Microsoft.AspNetCore.Http.Extensions); a test pins each one we translate.
    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ ]+)" from ".*"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindingFailed();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ ]+)" was not provided from (?<source>\w+)""")]
    private static partial Regex RequiredMissing();

    [GeneratedRegex("""could not be converted to (?<type>\S+?)\.(?: Path:|$)""")]
    private static partial Regex ConversionFailed();

    [GeneratedRegex("""^(?:System\.)?Nullable(?:`1\[|<)(?<inner>.+)(?:\]|>)$""")]
    private static partial Regex NullableOf();
}
