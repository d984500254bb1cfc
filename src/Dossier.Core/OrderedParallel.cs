namespace Dossier;

/// <summary>
/// Maps a stream on all cores and yields the results in input order, holding at most two batches at a time.
/// PLINQ's ordered merge lets fast workers run thousands of items ahead of a slow consumer; here the consumer
/// works on one batch while the next is read and mapped, and memory stays bounded by the batch size.
/// </summary>
public static class OrderedParallel
{
    public static IEnumerable<TResult> Map<TSource, TResult>(IEnumerable<TSource> source, Func<TSource, TResult> map, int batchSize = 256,
        int parallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Iterate(source, map, batchSize, parallelism, cancellationToken);
    }

    private static IEnumerable<TResult> Iterate<TSource, TResult>(IEnumerable<TSource> source, Func<TSource, TResult> map, int batchSize,
        int parallelism, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism <= 0 ? Environment.ProcessorCount : parallelism, CancellationToken = cancellationToken };
        using var items = source.GetEnumerator();
        TResult[] Next()
        {
            // Reading stays on one thread at a time: the next batch starts only after this one has been read.
            var batch = new List<TSource>(batchSize);
            while (batch.Count < batchSize && items.MoveNext()) batch.Add(items.Current);
            var results = new TResult[batch.Count];
            Parallel.For(0, batch.Count, options, i => results[i] = map(batch[i]));
            return results;
        }

        var pending = Task.Run(Next, cancellationToken);
        try
        {
            while (true)
            {
                var batch = pending.GetAwaiter().GetResult();
                if (batch.Length == 0) yield break;
                pending = Task.Run(Next, cancellationToken);
                foreach (var result in batch) yield return result;
            }
        }
        finally
        {
            // A consumer that stops early must not dispose the source under a batch still reading it.
            try { pending.Wait(CancellationToken.None); }
            catch (AggregateException) { }
        }
    }
}
