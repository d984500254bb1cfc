namespace Dossier.Stories;

/// <summary>
/// A word → string map looked up by span, for work done on every word of every article (interning, stemming): a
/// string allocated per word was a large share of analysis. Cleared when full, so a long run's memory stays bounded.
/// Not thread-safe: each thread keeps its own (see the [ThreadStatic] fields of its users).
/// </summary>
internal sealed class WordMap(Func<string, string> make, int capacity = 50_000)
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);

    public string this[ReadOnlySpan<char> word]
    {
        get
        {
            if (_map.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var known)) return known;
            if (_map.Count >= capacity) _map.Clear();
            var key = word.ToString();
            return _map[key] = make(key);
        }
    }
}
