namespace Dossier.Stories;

/// <summary>
/// A story's dossier from its member articles: summary, canonical entities, attributed quotes, timeline and coverage.
/// Shared by the one-shot digest and the store, so both show the same story the same way.
/// </summary>
public sealed class StoryBuilder(EntityCanonicalizer canonicalizer, SummaryOptions options, int poolSize)
{
    /// <summary>
    /// Builds the dossier of articles already placed in one story (in the order they joined it); the articles give up
    /// their sentences and mentions to it (<see cref="AnalyzedArticle.Release"/>).
    /// </summary>
    public StoryRecord Build(string id, IReadOnlyList<AnalyzedArticle> members, TermVector centroid, Func<ulong, float> idf)
    {
        ArgumentNullException.ThrowIfNull(members);
        var material = new StoryMaterial(new SentencePool(poolSize, options.SameContent));
        foreach (var m in members) material.Add(m, centroid, idf);
        return Build(id, members, material, centroid, idf);
    }

    internal StoryRecord Build(string id, IEnumerable<AnalyzedArticle> articles, StoryMaterial material, TermVector centroid, Func<ulong, float> idf)
    {
        var members = articles.OrderBy(m => m.Article.Published ?? DateTimeOffset.MaxValue).ThenBy(m => m.Order).ToList();
        var summary = Summarizer.Summarize(members, material.Pool, centroid, idf, options);
        var (entities, bySurface) = canonicalizer.Canonicalize(material.Mentions.Select(kv => new MentionCount(kv.Key.Surface, kv.Key.Type, kv.Value)));
        var quotes = new List<QuoteRecord>();
        foreach (var m in members)
        {
            foreach (var q in m.Quotes)
            {
                quotes.Add(new QuoteRecord(q.Text, QuoteAttribution.SpeakerName(q.SpeakerMention, q.SpeakerEntity, bySurface), m.Article.Id));
            }
        }
        var title = members
            .Select(m => (m, score: m.TitleTerms.Count == 0 ? -1f : WeighedCosine(m.TitleTerms, centroid, idf)))
            .OrderByDescending(x => x.score).ThenBy(x => x.m.Order).First().m.Article.Title;
        // Articles without headlines (a JSONL set, bare text) still make a story that needs a name: the summary sentence
        // nearest an article's start (a lead says what happened), then the one most articles state.
        if (string.IsNullOrWhiteSpace(title) && summary.Count > 0)
            title = Headline(summary.Select((x, i) => (x, i)).OrderBy(p => p.x.Sources.Min(r => r.Sentence))
                .ThenByDescending(p => p.x.Sources.Count).ThenBy(p => p.i).First().x.Text);
        var outlets = members.Select(m => m.OutletKey).Distinct(StringComparer.Ordinal).Count();
        var timeline = Timeline.Merge(members.SelectMany(m => m.Events.Select(e => (m.Article.Id, e))));
        var coverage = members
            .Where(m => m.Article.Published is not null)
            .GroupBy(m => m.Article.Published!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CoverageDay(g.Key, g.Count()))
            .ToList();
        return new StoryRecord(id, title, members.Select(m => m.Article.Id).ToList(), outlets, summary, entities, quotes, timeline, coverage);
    }

    /// <summary>A sentence as a headline: without its final stop, and cut after <see cref="HeadlineWords"/> words.</summary>
    internal static string Headline(string sentence)
    {
        var words = sentence.Trim().TrimEnd('.').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= HeadlineWords ? string.Join(' ', words) : string.Join(' ', words.Take(HeadlineWords)).TrimEnd(',', ';', ':') + " …";
    }

    private const int HeadlineWords = 14;

    private static float WeighedCosine(TermVector tf, TermVector centroid, Func<ulong, float> idf)
    {
        var weights = new float[tf.Count];
        for (var i = 0; i < tf.Count; i++) weights[i] = idf(tf.Terms[i]);
        var v = new TermVector(tf.Terms, weights);
        var n = v.Norm();
        return n == 0 ? 0 : v.Dot(centroid) / n;
    }
}

/// <summary>What a story gathers from its articles as they join it, so the articles can let it go.</summary>
internal sealed class StoryMaterial(SentencePool pool)
{
    public SentencePool Pool { get; } = pool;
    public Dictionary<(string Surface, EntityType Type), int> Mentions { get; } = [];

    public void Add(AnalyzedArticle article, TermVector centroid, Func<ulong, float> idf)
    {
        Pool.Add(article, centroid, idf);
        foreach (var m in article.Mentions) Mentions[(m.Surface, m.Type)] = Mentions.GetValueOrDefault((m.Surface, m.Type)) + m.Count;
        article.Release();
    }
}
