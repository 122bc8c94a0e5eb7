global using Instagram.Grains.Common;
global using Instagram.Grains.Common.Errors;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
global using Orleans.Concurrency;
global using Orleans.Runtime;
