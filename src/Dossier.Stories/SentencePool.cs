namespace Dossier.Stories;

/// <summary>A sentence of an article, by its index: the text lives once, in the <see cref="PooledSentence"/>.</summary>
public readonly record struct SentenceSource(AnalyzedArticle Article, int Index);

/// <summary>A distinct sentence text of a story, with every article sentence that has exactly this text.</summary>
public sealed class PooledSentence
{
    internal PooledSentence(AnalyzedArticle article, CandidateSentence sentence)
    {
        Sentence = sentence;
        Copies.Add(new(article, sentence.Index));
    }

    /// <summary>The first sentence seen with this text, with its terms.</summary>
    public CandidateSentence Sentence { get; }

    /// <summary>Sentences with this exact text, in arrival order.</summary>
    public List<SentenceSource> Copies { get; } = [];

    /// <summary>Sentences that said much the same and were dropped from the pool: still cited.</summary>
    public List<PooledSentence> Absorbed { get; } = [];

    /// <summary>The tf-idf vector under the idf of when the pool was first trimmed with it in: ranking for trims only.</summary>
    internal TermVector? Weighted { get; set; }
}

/// <summary>
/// The candidate summary sentences of one story, bounded: a story of ten thousand articles keeps as many
/// candidates as one of a hundred. When the pool overflows, the sentences least like the story's centroid go;
/// one that says the same as a sentence that stays is kept as that sentence's citation. Not thread-safe.
/// </summary>
public sealed class SentencePool(int capacity, float sameContent)
{
    private readonly List<PooledSentence> _entries = [];
    private readonly Dictionary<string, PooledSentence> _byText = new(StringComparer.Ordinal);

    public IReadOnlyList<PooledSentence> Entries => _entries;

    /// <summary>Takes the article's candidate sentences; trims the pool when it holds twice its capacity.</summary>
    public void Add(AnalyzedArticle article, TermVector centroid, Func<ulong, float> idf)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(idf);
        foreach (var s in article.Sentences)
        {
            // A text seen before, in the pool or absorbed by a sentence in it, only adds a citation.
            if (_byText.TryGetValue(s.Text, out var same)) same.Copies.Add(new(article, s.Index));
            else
            {
                var entry = new PooledSentence(article, s);
                _entries.Add(entry);
                _byText[s.Text] = entry;
            }
        }
        // Trimming in batches keeps the cost per article constant on average.
        if (_entries.Count >= 2 * capacity) Trim(centroid, idf);
    }

    private void Trim(TermVector centroid, Func<ulong, float> idf)
    {
        var scored = _entries
            .Select((e, i) => (Entry: e, Arrival: i, Vector: e.Weighted ??= Summarizer.Weigh(e.Sentence.Terms, idf)))
            .Select(x => (x.Entry, x.Arrival, x.Vector, Score: Summarizer.Score(x.Entry, x.Vector, centroid)))
            .OrderByDescending(x => x.Entry.Sentence.Eligible).ThenByDescending(x => x.Score).ThenBy(x => x.Arrival)
            .ToList();
        var kept = scored.Take(capacity).ToList();
        // Each dropped sentence looks for the kept sentence most like it through an index of the kept terms, so
        // the cost follows the terms shared, not kept × dropped.
        var postings = new Dictionary<ulong, List<(int Kept, float Weight)>>();
        for (var k = 0; k < kept.Count; k++)
        {
            var v = kept[k].Vector;
            for (var t = 0; t < v.Count; t++)
            {
                if (!postings.TryGetValue(v.Terms[t], out var list)) postings[v.Terms[t]] = list = [];
                list.Add((k, v.Weights[t]));
            }
        }
        var similarity = new float[kept.Count];
        foreach (var dropped in scored.Skip(capacity))
        {
            Array.Clear(similarity);
            var v = dropped.Vector;
            for (var t = 0; t < v.Count; t++)
                if (postings.TryGetValue(v.Terms[t], out var list))
                    foreach (var (k, w) in list) similarity[k] += w * v.Weights[t];
            var home = -1;
            for (var k = 0; k < kept.Count; k++)
            {
                if (similarity[k] < sameContent) continue;
                if (home < 0 || similarity[k] > similarity[home] || (similarity[k] == similarity[home] && kept[k].Arrival < kept[home].Arrival)) home = k;
            }
            if (home < 0)
            {
                // Unlike anything kept: it and what it absorbed are forgotten.
                _byText.Remove(dropped.Entry.Sentence.Text);
                foreach (var a in dropped.Entry.Absorbed) _byText.Remove(a.Sentence.Text);
                continue;
            }
            kept[home].Entry.Absorbed.Add(dropped.Entry);
            kept[home].Entry.Absorbed.AddRange(dropped.Entry.Absorbed);
            dropped.Entry.Absorbed.Clear();
        }
        _entries.Clear();
        _entries.AddRange(kept.OrderBy(k => k.Arrival).Select(k => k.Entry));
    }
}
