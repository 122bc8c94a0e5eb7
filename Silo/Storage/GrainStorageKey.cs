using System.Text;
using Orleans.Storage;

namespace Instagram.Silo.Storage;

/// <summary>
/// The identity columns of a grain's row in OrleansStorage, computed exactly as Microsoft.Orleans.Persistence.AdoNet
/// computes them (so rows written in batches are the rows its reads find): an integer key goes to GrainIdN1, a Guid
/// key is split over N0/N1, anything else is the extension string; the hash covers the key's bytes, reversed on
/// little-endian machines, with the provider's own hasher.
/// </summary>
internal readonly record struct GrainStorageKey(int IdHash, long N0, long N1, string? Extension, int TypeHash, string TypeName)
{
    public static GrainStorageKey For<T>(IStorageHasherPicker hashers, string serviceId, string providerName, string stateName, GrainId grainId, IGrainState<T> state)
    {
        long n0 = 0, n1 = 0;
        string? extension;
        byte[] keyBytes;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            var bytes = guid.ToByteArray();
            n0 = BitConverter.ToInt64(bytes, 0);
            n1 = BitConverter.ToInt64(bytes, 8);
            keyBytes = bytes;
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            keyBytes = BitConverter.GetBytes(integer);
        }
        else
        {
            extension = grainId.Key.ToString();
            keyBytes = [];
        }

        if (extension is not null)
        {
            keyBytes = [.. keyBytes, .. Encoding.UTF8.GetBytes(extension)];
        }

        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(keyBytes);
        }

        var hasher = hashers.PickHasher(serviceId, providerName, stateName, grainId, state)
            ?? throw new InvalidOperationException($"Storage provider {providerName} has no hasher.");
        return new GrainStorageKey(hasher.Hash(keyBytes), n0, n1, extension, hasher.Hash(Encoding.UTF8.GetBytes(stateName)), stateName);
    }
}
