namespace Instagram.Grains.Stories;

/// <summary>Builds a viewer's story tray (key = viewer id); stateless, so it runs on whichever silo is asked.</summary>
[Alias("Instagram.Grains.Stories.IStoryTrayGrain")]
public interface IStoryTrayGrain : IGrainWithIntegerKey
{
    [Alias("GetTrayAsync")] Task<TrayEntry[]> GetTrayAsync();
}
