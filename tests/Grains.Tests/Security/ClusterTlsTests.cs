using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Instagram.Grains.Common;
using Instagram.Grains.Tests.Infrastructure;
using Instagram.Grains.Users;
using Instagram.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Security;

/// <summary>
/// With a cluster certificate configured, silos and clients talk over mutual TLS and pin that certificate: a client
/// holding it calls grains as usual (the pinning callback runs on both ends of every connection).
/// </summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"cluster-tls-{Guid.NewGuid():N}.pfx");
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=instagram-cluster-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(_certificatePath, certificate.Export(X509ContentType.Pkcs12, "test-password"));
        }

        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = "tls-tests-" + Guid.NewGuid().ToString("N");
        builder.Properties["Orleans:Tls:CertificatePath"] = _certificatePath;
        builder.Properties["Orleans:Tls:CertificatePassword"] = "test-password";
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddClientBuilderConfigurator<ClientSetup>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        File.Delete(_certificatePath);
    }

    [Fact]
    public async Task AClientWithTheClusterCertificateCallsGrains()
    {
        var id = new IdGenerator(IdGenerator.MaxGeneratorId).NextId();
        var user = await _cluster.Client.GetGrain<IUserGrain>(id).CreateAsync(new NewAccount($"tls{id}", $"tls{id}@example.com", "x", null));
        Assert.Equal($"tls{id}", user.Username);
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) =>
            silo.AddInstagramGrains().AddEmbeddedProviders().UseClusterTlsWhenConfigured(silo.Configuration);
    }

    private sealed class ClientSetup : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) => client.UseClusterTlsWhenConfigured(configuration);
    }
}
