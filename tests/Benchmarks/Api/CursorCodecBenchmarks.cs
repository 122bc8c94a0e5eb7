using BenchmarkDotNet.Attributes;
using Instagram.Api.Auth;
using Instagram.Api.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace Instagram.Benchmarks.Api;

/// <summary>The opaque, MAC-protected page cursor: encoded on every page answered, decoded on every page asked for.</summary>
[MemoryDiagnoser]
public class CursorCodecBenchmarks
{
    private CursorCodec _codec = null!;
    private string _cursor = "";

    [GlobalSetup]
    public void Setup()
    {
        var keys = new ServerKeys(Options.Create(new JwtOptions { SigningKey = "benchmark-signing-key-0123456789-abcdefghijklmnop" }));
        _codec = new CursorCodec(keys, new Microsoft.AspNetCore.Http.HttpContextAccessor()); // outside a request: the empty list
        _cursor = _codec.Encode(250_527_132_130_643_973)!;
    }

    [Benchmark]
    public string? Encode() => _codec.Encode(250_527_132_130_643_973);

    [Benchmark]
    public long? Decode() => _codec.Decode(_cursor);
}
