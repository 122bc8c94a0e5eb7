using Instagram.Api.Extensions;
using Instagram.ServiceDefaults;

return await ConfigurationErrors.RunAsync("Instagram.Api", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddApiServices();

    var app = builder.Build();
    ConfigurationErrors.ValidateOptions(app);
    app.UseApiPipeline();
    app.MapApi();
    await app.RunAsync();
    return 0;
});
