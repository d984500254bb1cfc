namespace Dossier.Ner;

/// <summary>
/// Entity phrases with the types they were seen with (a gazetteer built from labelled data), matched case-blind
/// against sentences. Each token gets a bit for every (type, place in the phrase) of the matches covering it, so a
/// multi-word name is recognised as a unit. While training, each document is matched against a gazetteer built
/// from the other folds only (jackknifing), so the model learns how far a match can be trusted on unseen text
/// rather than learning that the training entities always match. Keys are hashes: the model holds no text.
/// </summary>
public sealed class Gazetteer
{
    public const int MaxLength = 6;
    private const byte PrefixBit = 0x10;

    // Phrase hash -> bits 0-3: types seen; bit 4: the phrase is the start of a longer entry.
    private readonly HashMap<byte> _entries;

    private Gazetteer(Dictionary<ulong, byte> entries) => _entries = new(entries);

    public static Gazetteer Empty { get; } = new([]);

    public int Count => _entries.Count;

    internal IEnumerable<KeyValuePair<ulong, byte>> Entries => _entries.Entries.OrderBy(kv => kv.Key);

    internal static Gazetteer FromEntries(Dictionary<ulong, byte> entries) => new(entries);

    /// <summary>The phrases of the documents, each with the types it has.</summary>
    public static Gazetteer Build(IEnumerable<TrainingDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var entries = new Dictionary<ulong, byte>();
        Span<char> lower = stackalloc char[FeatureHash.MaxWord];
        foreach (var d in documents)
        {
            foreach (var (words, tags) in d.Sentences)
            {
                foreach (var span in EntityTags.FromBilou(tags))
                {
                    if (span.End - span.Start > MaxLength) continue;
                    var h = 0UL;
                    for (var i = span.Start; i < span.End; i++)
                    {
                        var w = words[i].AsSpan();
                        h = Next(h, i == span.Start, FeatureHash.Of(FeatureHash.Lower(w.Length > FeatureHash.MaxWord ? w[..FeatureHash.MaxWord] : w, lower)));
                        var bits = entries.GetValueOrDefault(h);
                        entries[h] = (byte)(bits | (i + 1 < span.End ? PrefixBit : 1 << EntityTags.TypeIndex(span.Type)));
                    }
                }
            }
        }
        return new Gazetteer(entries);
    }

    private static ulong Next(ulong h, bool first, ulong word) => first ? FeatureHash.Feature(60, word) : FeatureHash.Combine(h, word);

    /// <summary>
    /// Sets <paramref name="marks"/>[i] to the union of bit (type × 4 + part) of every match covering token i, where
    /// part is 0 begin, 1 inside, 2 last, 3 a one-word match.
    /// </summary>
    internal void Match(ReadOnlySpan<ulong> lowerWords, Span<ushort> marks)
    {
        marks[..lowerWords.Length].Clear();
        if (_entries.Count == 0) return;
        for (var i = 0; i < lowerWords.Length; i++)
        {
            var h = 0UL;
            for (var k = 0; k < MaxLength && i + k < lowerWords.Length; k++)
            {
                h = Next(h, k == 0, lowerWords[i + k]);
                if (!_entries.TryGetValue(h, out var bits)) break;
                for (var type = 0; type < 4; type++)
                {
                    if ((bits & (1 << type)) == 0) continue;
                    if (k == 0) marks[i] |= (ushort)(1 << (type * 4 + 3));
                    else
                    {
                        marks[i] |= (ushort)(1 << (type * 4));
                        for (var j = i + 1; j < i + k; j++) marks[j] |= (ushort)(1 << (type * 4 + 1));
                        marks[i + k] |= (ushort)(1 << (type * 4 + 2));
                    }
                }
                if ((bits & PrefixBit) == 0) break;
            }
        }
    }
}
