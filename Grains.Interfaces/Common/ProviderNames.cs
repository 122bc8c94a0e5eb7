namespace Instagram.Grains.Common;

/// <summary>Names of the Orleans providers every profile registers; grains refer to these, never to a concrete provider.</summary>
public static class ProviderNames
{
    public const string GrainStorage = "instagram";
    public const string Streams = "events";
}
