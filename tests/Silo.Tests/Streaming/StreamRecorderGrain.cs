using Instagram.Silo.Tests.Infrastructure;
using Orleans.Streams;

namespace Instagram.Silo.Tests.Streaming;

[ImplicitStreamSubscription(Namespace)]
public sealed class StreamRecorderGrain : Grain, IStreamRecorderGrain
{
    public const string Namespace = "redis-streams-tests";

    private readonly List<int> _values = [];
    private StreamSequenceToken? _lastToken;
    private int _tokensOutOfOrder;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(RedisStreamsClusterFixture.ProviderName)
            .GetStream<int>(StreamId.Create(Namespace, this.GetPrimaryKey()));
        await stream.SubscribeAsync(OnNextAsync);
    }

    public Task<StreamRecording> GetRecordingAsync() => Task.FromResult(new StreamRecording([.. _values], _tokensOutOfOrder));

    private Task OnNextAsync(int value, StreamSequenceToken? token)
    {
        _values.Add(value);
        if (token is not null && _lastToken is not null && token.CompareTo(_lastToken) <= 0)
        {
            _tokensOutOfOrder++;
        }

        _lastToken = token ?? _lastToken;
        return Task.CompletedTask;
    }
}
