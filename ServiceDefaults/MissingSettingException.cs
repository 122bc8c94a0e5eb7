namespace Instagram.ServiceDefaults;

/// <summary>
/// A setting the process cannot start without is absent. <see cref="ConfigurationErrors"/> turns it into one line and
/// exit code 2, so the message must name the key.
/// </summary>
public sealed class MissingSettingException(string message) : Exception(message);
