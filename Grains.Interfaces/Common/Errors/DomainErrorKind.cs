namespace Instagram.Grains.Common.Errors;

/// <summary>The kinds of broken rules a grain reports; the Api maps each to one HTTP status.</summary>
[GenerateSerializer, Alias("Instagram.Grains.Common.Errors.DomainErrorKind")]
public enum DomainErrorKind
{
    /// <summary>Malformed in a way only the domain can tell (400).</summary>
    InvalidInput,

    /// <summary>Unknown, deleted or not visible to the caller (404).</summary>
    NotFound,

    /// <summary>Known caller that may not do this (403).</summary>
    Forbidden,

    /// <summary>Clashes with existing state, such as a taken username (409).</summary>
    Conflict,

    /// <summary>Well formed but breaks a rule, such as following yourself (422).</summary>
    Unprocessable,
}
