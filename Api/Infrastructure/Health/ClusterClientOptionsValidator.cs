namespace Instagram.Api.Infrastructure.Health;

[OptionsValidator]
public sealed partial class ClusterClientOptionsValidator : IValidateOptions<ClusterClientOptions>;
