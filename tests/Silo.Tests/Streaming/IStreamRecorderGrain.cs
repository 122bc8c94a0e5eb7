namespace Instagram.Silo.Tests.Streaming;

/// <summary>Consumer of one test stream (the grain key is the stream key); remembers what it received.</summary>
public interface IStreamRecorderGrain : IGrainWithGuidKey
{
    Task<StreamRecording> GetRecordingAsync();
}

[GenerateSerializer]
[Alias("Instagram.Silo.Tests.Streaming.StreamRecording")]
public sealed record StreamRecording(
    [property: Id(0)] List<int> Values,
    [property: Id(1)] int TokensOutOfOrder);
