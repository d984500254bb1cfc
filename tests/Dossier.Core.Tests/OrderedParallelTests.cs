namespace Dossier.Core.Tests;

public class OrderedParallelTests
{
    [Theory]
    [InlineData(0, 7)]
    [InlineData(1, 7)]
    [InlineData(1000, 7)]
    [InlineData(1000, 1)]
    public void Results_come_in_input_order(int count, int batch)
    {
        // Uneven work per item, so workers finish out of order.
        var results = OrderedParallel.Map(Enumerable.Range(0, count), i =>
        {
            Thread.SpinWait((i * 7919 % 13) * 100);
            return i * 2;
        }, batch, parallelism: 4).ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 2), results);
    }

    [Fact]
    public void The_source_is_read_lazily_a_batch_ahead()
    {
        var read = 0;
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 10_000; i++)
            {
                Interlocked.Increment(ref read);
                yield return i;
            }
        }
        var first = OrderedParallel.Map(Source(), i => i, batchSize: 10).Take(5).ToList();
        Assert.Equal([0, 1, 2, 3, 4], first);
        // The batch being consumed and at most one more were read, not the whole source.
        Assert.InRange(Volatile.Read(ref read), 10, 21);
    }

    [Fact]
    public void An_exception_in_the_map_reaches_the_consumer()
    {
        var e = Assert.ThrowsAny<Exception>(() => OrderedParallel.Map(Enumerable.Range(0, 100), i => i == 42 ? throw new InvalidOperationException("bad item") : i, 8).ToList());
        var inner = e is AggregateException a ? a.Flatten().InnerExceptions.Single() : e;
        Assert.Equal("bad item", inner.Message);
    }
}
