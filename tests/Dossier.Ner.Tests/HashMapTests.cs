using Xunit;

namespace Dossier.Ner.Tests;

public class HashMapTests
{
    [Fact]
    public void FindsEveryKeyItWasGivenAndNoOther()
    {
        var random = new Random(7);
        var entries = new Dictionary<ulong, int>();
        // Key 0 is the empty-slot marker inside, so it must still be stored; small keys collide in the low bits.
        entries[0] = -1;
        for (var i = 1; i <= 64; i++) entries[(ulong)i << 32] = i;
        while (entries.Count < 5_000) entries[(ulong)random.NextInt64()] = random.Next();
        var map = new HashMap<int>(entries);

        Assert.Equal(entries.Count, map.Count);
        foreach (var (key, value) in entries)
        {
            Assert.True(map.TryGetValue(key, out var found));
            Assert.Equal(value, found);
        }
        for (var i = 0; i < 5_000; i++)
        {
            var key = (ulong)random.NextInt64();
            Assert.Equal(entries.ContainsKey(key), map.ContainsKey(key));
        }
        Assert.Equal(entries.OrderBy(e => e.Key), map.Entries.OrderBy(e => e.Key));
    }

    [Fact]
    public void AnEmptyMapHasNothing()
    {
        var map = new HashMap<byte>(new Dictionary<ulong, byte>());
        Assert.Equal(0, map.Count);
        Assert.False(map.TryGetValue(0, out _));
        Assert.False(map.ContainsKey(12345));
        Assert.Empty(map.Entries);
    }
}
