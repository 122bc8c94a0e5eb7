using Instagram.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.UseInstagramSilo();
await builder.Build().RunAsync();
