namespace Dossier.Stories;

/// <summary>Settings of the summariser. Immutable.</summary>
public sealed record SummaryOptions
{
    /// <summary>The word budget. No sentence is cut: one that does not fit is left out.</summary>
    public int Words { get; init; } = 100;

    /// <summary>Two sentences at least this similar say the same thing: one is left out, the other cites both.</summary>
    public float SameContent { get; init; } = 0.5f;
}

/// <summary>
/// Extractive summary of a story. Sentences that may stand alone (see <see cref="ArticleAnalyzer"/>) are scored by
/// their similarity to the story's centroid, a bonus for being early in their article and a bonus for being said
/// by several outlets; they are taken greedily, best first, skipping any too similar to one already taken, until
/// the budget is spent; then ordered by article date, article and position. Each summary sentence cites every
/// sentence in the story that states the same content, and counts the distinct outlets among them. Thread-safe.
/// </summary>
public static class Summarizer
{
    public static IReadOnlyList<SummarySentence> Summarize(IReadOnlyList<AnalyzedArticle> members, TermVector centroid, Func<ulong, float> idf, SummaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(idf);
        options ??= new SummaryOptions();

        // All sentences of the story with their weighted vectors; identical texts collapse into one candidate.
        var all = new List<Candidate>();
        var byText = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        for (var a = 0; a < members.Count; a++)
        {
            foreach (var s in members[a].Sentences)
            {
                var vector = Weigh(s.Terms, idf);
                if (byText.TryGetValue(s.Text, out var same))
                {
                    same.Copies.Add((a, s));
                    continue;
                }
                var c = new Candidate(a, s, vector);
                c.Copies.Add((a, s));
                byText[s.Text] = c;
                all.Add(c);
            }
        }
        foreach (var c in all)
        {
            var position = 1f / (1 + c.Sentence.Index);
            var outlets = c.Copies.Select(x => members[x.Article].OutletKey).Distinct().Count();
            c.Score = c.Vector.Dot(centroid) + 0.15f * position + 0.05f * MathF.Log2(outlets);
        }
        var ranked = all.Where(c => c.Sentence.Eligible)
            .OrderByDescending(c => c.Score).ThenBy(c => c.Article).ThenBy(c => c.Sentence.Index).ToList();

        var chosen = new List<Candidate>();
        var used = 0;
        foreach (var c in ranked)
        {
            if (options.Words - used < 6) break;
            var words = CountWords(c.Sentence.Text);
            if (used + words > options.Words) continue;
            if (chosen.Any(x => x.Vector.Dot(c.Vector) >= options.SameContent)) continue;
            chosen.Add(c);
            used += words;
        }

        if (chosen.Count == 0)
        {
            // Nothing passed the strict rules: take the best whole sentence that fits, so every story says something.
            var fitting = all.Where(c => CountWords(c.Sentence.Text) <= options.Words)
                .OrderByDescending(c => EndsAsStatement(c.Sentence.Text)).ThenByDescending(c => c.Score).ThenBy(c => c.Article).ThenBy(c => c.Sentence.Index);
            var fallback = fitting.FirstOrDefault();
            if (fallback is not null) chosen.Add(fallback);
        }

        return chosen
            .OrderBy(c => members[c.Article].Article.Published ?? DateTimeOffset.MaxValue)
            .ThenBy(c => c.Article).ThenBy(c => c.Sentence.Index)
            .Select(c => Cite(c, all, members, options))
            .ToList();
    }

    private static SummarySentence Cite(Candidate chosen, List<Candidate> all, IReadOnlyList<AnalyzedArticle> members, SummaryOptions options)
    {
        var sources = new List<(int Article, CandidateSentence Sentence)>(chosen.Copies);
        foreach (var other in all)
        {
            if (ReferenceEquals(other, chosen) || other.Vector.Dot(chosen.Vector) < options.SameContent) continue;
            sources.AddRange(other.Copies);
        }
        var refs = sources
            .OrderBy(s => s.Article == chosen.Article && s.Sentence.Index == chosen.Sentence.Index ? 0 : 1)
            .ThenBy(s => s.Article).ThenBy(s => s.Sentence.Index)
            .Select(s => new SentenceRef(members[s.Article].Article.Id, s.Sentence.Index, s.Sentence.Text))
            .ToList();
        var outlets = sources.Select(s => members[s.Article].OutletKey).Distinct(StringComparer.Ordinal).Count();
        return new SummarySentence(chosen.Sentence.Text, refs, outlets);
    }

    private static TermVector Weigh(TermVector tf, Func<ulong, float> idf)
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

    internal static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord) words++;
            inWord = letter || (inWord && c is '\'' or '-' or '\u2019');
        }
        return words;
    }

    private sealed class Candidate(int article, CandidateSentence sentence, TermVector vector)
    {
        public int Article { get; } = article;
        public CandidateSentence Sentence { get; } = sentence;
        public TermVector Vector { get; } = vector;
        public List<(int Article, CandidateSentence Sentence)> Copies { get; } = [];
        public float Score { get; set; }
    }
}
