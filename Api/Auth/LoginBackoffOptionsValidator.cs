namespace Instagram.Api.Auth;

[OptionsValidator]
public sealed partial class LoginBackoffOptionsValidator : IValidateOptions<LoginBackoffOptions>;
