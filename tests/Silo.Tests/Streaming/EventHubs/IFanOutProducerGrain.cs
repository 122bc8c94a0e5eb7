namespace Instagram.Silo.Tests.Streaming.EventHubs;

/// <summary>Publishes fan-out events the way an author's grain does (key = author id), through the product's publisher.</summary>
public interface IFanOutProducerGrain : IGrainWithIntegerKey
{
    Task PublishAsync(long[] postIds);
}
