namespace Dossier.Stories;

/// <summary>Settings of the summariser. Immutable.</summary>
public sealed record SummaryOptions
{
    /// <summary>The word budget. No sentence is cut: one that does not fit is left out.</summary>
    public int Words { get; init; } = 100;

    /// <summary>Two sentences at least this similar say the same thing: one is left out, the other cites both.</summary>
    public float SameContent { get; init; } = 0.5f;

    /// <summary>A concept (word bigram) counts for the summary when at least this share of the story's articles state it.</summary>
    public float MinConceptShare { get; init; } = 0.5f;
}

/// <summary>
/// Extractive summary of a story. Among the sentences that may stand alone (see <see cref="ArticleAnalyzer"/>), the set
/// that covers most of what the story's articles agree on within the budget is chosen (see <see cref="ConceptCoverage"/>;
/// the centroid score breaks ties), then ordered by article date, article and position. Each summary sentence cites every
/// sentence in the story that states the same content, and counts the distinct outlets among them. Thread-safe.
/// </summary>
public static class Summarizer
{
    public static IReadOnlyList<SummarySentence> Summarize(IReadOnlyList<AnalyzedArticle> members, SentencePool pool, TermVector centroid, Func<ulong, float> idf, SummaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(idf);
        options ??= new SummaryOptions();

        // Members come sorted by date and input order; that rank breaks every tie below.
        var rank = new Dictionary<AnalyzedArticle, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < members.Count; i++) rank[members[i]] = i;
        var all = pool.Entries.Select(e =>
        {
            var primary = e.Copies.MinBy(c => (rank[c.Article], c.Index));
            var vector = Weigh(e.Sentence.Terms, idf);
            return new Candidate(e, rank[primary.Article], primary.Index, vector, Score(e, vector, centroid));
        }).ToList();
        var chosen = ConceptCoverage.Select(all, members, rank, options);

        if (chosen.Count == 0)
        {
            // Nothing passed the strict rules: take the best whole sentence that fits, so every story says something.
            var fitting = all.Where(c => CountWords(c.Entry.Sentence.Text) <= options.Words)
                .OrderByDescending(c => EndsAsStatement(c.Entry.Sentence.Text)).ThenByDescending(c => c.Score).ThenBy(c => c.Article).ThenBy(c => c.Index);
            var fallback = fitting.FirstOrDefault();
            if (fallback is not null) chosen.Add(fallback);
        }

        return chosen
            .OrderBy(c => c.Article).ThenBy(c => c.Index)
            .Select(c => Cite(c, all, members, rank, idf, options))
            .ToList();
    }

    /// <summary>Centroid similarity, a bonus for being early in its article and one for being repeated by several outlets.</summary>
    internal static float Score(PooledSentence entry, TermVector weighted, TermVector centroid)
    {
        var position = 1f / (1 + entry.Sentence.Index);
        var outlets = entry.Copies.Count == 1 ? 1 : entry.Copies.Select(c => c.Article.OutletKey).Distinct(StringComparer.Ordinal).Count();
        return weighted.Dot(centroid) + 0.15f * position + 0.05f * MathF.Log2(outlets);
    }

    private static SummarySentence Cite(Candidate chosen, List<Candidate> all, IReadOnlyList<AnalyzedArticle> members, Dictionary<AnalyzedArticle, int> rank, Func<ulong, float> idf, SummaryOptions options)
    {
        // Every sentence with the same content: the chosen one, those like it in the pool, and those dropped from the
        // pool (judged on their own similarity, wherever they were absorbed).
        var sources = new List<(SentenceSource Source, string Text)>();
        void Take(PooledSentence e)
        {
            foreach (var c in e.Copies) sources.Add((c, e.Sentence.Text));
        }
        Take(chosen.Entry);
        foreach (var other in all)
        {
            if (!ReferenceEquals(other, chosen) && other.Vector.Dot(chosen.Vector) >= options.SameContent) Take(other.Entry);
            foreach (var absorbed in other.Entry.Absorbed)
                if (Weigh(absorbed.Sentence.Terms, idf).Dot(chosen.Vector) >= options.SameContent) Take(absorbed);
        }
        var primary = new SentenceSource(members[chosen.Article], chosen.Index);
        var refs = sources
            .OrderBy(s => s.Source == primary ? 0 : 1)
            .ThenBy(s => rank[s.Source.Article]).ThenBy(s => s.Source.Index)
            .Select(s => new SentenceRef(s.Source.Article.Article.Id, s.Source.Index, s.Text))
            .ToList();
        var outlets = sources.Select(s => s.Source.Article.OutletKey).Distinct(StringComparer.Ordinal).Count();
        return new SummarySentence(chosen.Entry.Sentence.Text, refs, outlets);
    }

    /// <summary>Log-scaled tf times idf, normalised to unit length.</summary>
    internal static TermVector Weigh(TermVector tf, Func<ulong, float> idf)
    {
        var weights = new float[tf.Count];
        var norm = 0f;
        for (var i = 0; i < tf.Count; i++)
        {
            weights[i] = (1 + MathF.Log(tf.Weights[i])) * idf(tf.Terms[i]);
            norm += weights[i] * weights[i];
        }
        norm = MathF.Sqrt(norm);
        if (norm > 0) for (var i = 0; i < weights.Length; i++) weights[i] /= norm;
        return new TermVector(tf.Terms, weights);
    }

    private static bool EndsAsStatement(string text)
    {
        var t = text.AsSpan().TrimEnd().TrimEnd("\"\u201D')");
        return t.Length > 0 && t[^1] is '.' or '!';
    }

    /// <summary>Words as word limits count them (ROUGE's -l, DUC's 100 words): runs of non-space characters.</summary>
    internal static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord) words++;
            inWord = !space;
        }
        return words;
    }

    internal sealed record Candidate(PooledSentence Entry, int Article, int Index, TermVector Vector, float Score);
}
