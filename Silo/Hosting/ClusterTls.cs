using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Instagram.Silo.Hosting;

/// <summary>
/// Orleans' own connections — silo to silo and client to gateway — over mutual TLS when a certificate is configured
/// (<c>Orleans:Tls:CertificatePath</c>, a PKCS#12 file, and <c>Orleans:Tls:CertificatePassword</c>). Every silo and
/// every client presents the cluster's certificate and accepts only a peer presenting that same certificate (pinned
/// by thumbprint), so a process without it can neither join the cluster nor call a grain. Unset, the ports speak
/// plaintext (local runs); a deployment must then keep them private (infra/k8s NetworkPolicy, internal environments).
/// </summary>
public static class ClusterTls
{
    public const string SectionName = "Orleans:Tls";

    public static ISiloBuilder UseClusterTlsWhenConfigured(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (Load(configuration) is { } certificate)
        {
            silo.UseTls(certificate, tls => Pin(tls, certificate));
        }

        return silo;
    }

    public static IClientBuilder UseClusterTlsWhenConfigured(this IClientBuilder client, IConfiguration configuration)
    {
        if (Load(configuration) is { } certificate)
        {
            client.UseTls(certificate, tls => Pin(tls, certificate));
        }

        return client;
    }

    private static X509Certificate2? Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var path = section["CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{SectionName}:CertificatePath names {path}, which does not exist.");
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, section["CertificatePassword"]);
    }

    // A private cluster needs no public CA: both ends must show exactly the cluster's own certificate.
    private static void Pin(TlsOptions tls, X509Certificate2 certificate)
    {
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (remote, _, _) =>
            remote is not null && string.Equals(remote.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase);
    }
}
