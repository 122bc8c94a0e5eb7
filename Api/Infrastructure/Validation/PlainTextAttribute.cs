using System.ComponentModel.DataAnnotations;
using Instagram.Grains.Common.Text;

namespace Instagram.Api.Infrastructure.Validation;

/// <summary>
/// Refuses text carrying control or bidi formatting characters (<see cref="TextRules"/>), as a 400 validation
/// problem naming the field, before the handler runs: so nothing is written. Put it on every string a client sends
/// that is stored, shown or used as a key; <see cref="MultiLine"/> for free text that may keep its line breaks.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    /// <summary>Captions, comments and bios: line breaks and bidi marks allowed; other controls and overrides still not.</summary>
    public bool MultiLine { get; init; }

    public override bool IsValid(object? value) => value is not string text || TextRules.IsAllowed(text, MultiLine);

    // The name is the C# property's; the client knows the field by its JSON (camelCase) name.
    public override string FormatErrorMessage(string name) => TextRules.Describe(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name), MultiLine);
}
