namespace Instagram.LoadTest.Measurement;

public static class GcHeap
{
    /// <summary>Bytes on the managed heap after a blocking, compacting full collection (what is really retained).</summary>
    public static long AfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
