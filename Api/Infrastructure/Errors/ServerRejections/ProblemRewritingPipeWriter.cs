using System.IO.Pipelines;

namespace Instagram.Api.Infrastructure.Errors.ServerRejections;

/// <summary>
/// A pass-through writer over a connection's output that looks at each committed write before it is committed, and
/// swaps Kestrel's empty rejection response for one with a problem detail (<see cref="RejectedRequestProblems"/>).
/// Kestrel writes a response head into memory it got from <see cref="GetMemory"/> and then calls
/// <see cref="Advance"/>, so the bytes can be read there without copying anything on the normal path.
/// </summary>
internal sealed class ProblemRewritingPipeWriter(PipeWriter inner) : PipeWriter
{
    private Memory<byte> _lastMemory;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override Memory<byte> GetMemory(int sizeHint = 0) => _lastMemory = inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        // Cheap test first: every response head starts with "HTTP/1.", a body chunk almost never does.
        var written = bytes <= _lastMemory.Length ? _lastMemory.Span[..bytes] : [];
        if (written.Length > 0 && written[0] == (byte)'H' && RejectedRequestProblems.Rewrite(written) is { } replacement)
        {
            // Nothing of the original was committed: write the replacement over it (or into fresh memory).
            replacement.CopyTo(inner.GetSpan(replacement.Length));
            inner.Advance(replacement.Length);
        }
        else
        {
            inner.Advance(bytes);
        }

        _lastMemory = default;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
