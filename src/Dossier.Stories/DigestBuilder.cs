using Dossier.Ingest;

namespace Dossier.Stories;

/// <summary>Settings of a digest run. Immutable.</summary>
public sealed record DigestOptions
{
    public ClusterOptions Clustering { get; init; } = new();
    public SummaryOptions Summary { get; init; } = new();
    /// <summary>Threads for per-article analysis; all cores by default.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>
/// The main job: articles in, story dossiers out. Articles are read as a stream and analysed on all cores
/// (in input order, so output never depends on thread timing); then, in publication order, each joins a
/// story; then each story gets its summary, canonical entities and attributed quotes.
/// </summary>
public sealed class DigestBuilder(ArticleAnalyzer analyzer, EntityCanonicalizer canonicalizer, DigestOptions? options = null)
{
    private readonly DigestOptions _options = options ?? new DigestOptions();

    public static DigestBuilder CreateDefault(DigestOptions? options = null) => new(ArticleAnalyzer.Default, EntityCanonicalizer.Default, options);

    /// <param name="items">Articles and rejections, as <see cref="InputReader.Read"/> yields them.</param>
    /// <param name="progress">Told the number of inputs handled so far, now and then.</param>
    public DigestResult Build(IEnumerable<InputItem> items, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var analyzed = new List<AnalyzedArticle>();
        var rejected = new List<Rejection>();
        var handled = 0;
        var results = items
            .AsParallel().AsOrdered()
            .WithDegreeOfParallelism(Math.Max(1, _options.Parallelism))
            .WithCancellation(cancellationToken)
            .Select(item => item.Article is { } a ? (Analyzed: analyzer.Analyze(a), item.Rejection) : (null, item.Rejection));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (article, rejection) in results)
        {
            if (rejection is not null) rejected.Add(rejection);
            if (article is not null)
            {
                article.Article.Id = UniqueId(article.Article.Id, ids);
                article.Order = analyzed.Count;
                analyzed.Add(article);
            }
            if (++handled % 256 == 0) progress?.Report(handled);
        }
        progress?.Report(handled);
        return Assemble(analyzed, rejected, cancellationToken);
    }

    private DigestResult Assemble(List<AnalyzedArticle> analyzed, List<Rejection> rejected, CancellationToken cancellationToken)
    {
        var idf = InverseDocumentFrequency(analyzed);
        var clusterer = new StoryClusterer(idf, _options.Clustering);
        foreach (var article in analyzed.OrderBy(a => a.Article.Published ?? DateTimeOffset.MinValue).ThenBy(a => a.Order))
        {
            cancellationToken.ThrowIfCancellationRequested();
            clusterer.Add(article);
        }

        var clusters = clusterer.Stories
            .OrderByDescending(s => s.Members.Count).ThenBy(s => s.Members.Min(m => m.Order))
            .ToList();
        var stories = clusters
            .AsParallel().AsOrdered()
            .WithDegreeOfParallelism(Math.Max(1, _options.Parallelism))
            .WithCancellation(cancellationToken)
            .Select((cluster, i) => BuildStory($"s{i + 1}", cluster, idf))
            .ToList();

        var articles = analyzed.Select(a => new ArticleRecord(a.Article.Id, a.Article.Title, a.Article.Source, a.Article.Url,
            a.Article.Outlet, a.Article.Author, a.Article.Published, a.SentenceCount, a.Article.Removed, a.Article.Flags)).ToList();
        return new DigestResult(articles, stories, rejected);
    }

    private StoryRecord BuildStory(string id, StoryCluster cluster, Func<ulong, float> idf)
    {
        var members = cluster.Members.OrderBy(m => m.Article.Published ?? DateTimeOffset.MaxValue).ThenBy(m => m.Order).ToList();
        var summary = Summarizer.Summarize(members, cluster.Centroid, idf, _options.Summary);
        var (entities, bySurface) = canonicalizer.Canonicalize(members.SelectMany(m => m.Mentions));
        var quotes = new List<QuoteRecord>();
        foreach (var m in members)
        {
            foreach (var q in m.Quotes)
            {
                string? speaker = null;
                if (q.SpeakerEntity is not null && bySurface.TryGetValue(q.SpeakerEntity, out var entity)) speaker = entity.Name;
                else if (q.SpeakerMention is not null && q.SpeakerEntity is null && !IsPronoun(q.SpeakerMention)) speaker = q.SpeakerMention;
                quotes.Add(new QuoteRecord(q.Text, speaker, m.Article.Id));
            }
        }
        var title = members
            .Select(m => (m, score: m.TitleTerms.Count == 0 ? -1f : WeighedCosine(m.TitleTerms, cluster.Centroid, idf)))
            .OrderByDescending(x => x.score).ThenBy(x => x.m.Order).First().m.Article.Title;
        var outlets = members.Select(m => m.OutletKey).Distinct(StringComparer.Ordinal).Count();
        return new StoryRecord(id, title, members.Select(m => m.Article.Id).ToList(), outlets, summary, entities, quotes, []);
    }

    private static bool IsPronoun(string s) => s is "he" or "she" or "they" or "He" or "She" or "They";

    private static float WeighedCosine(TermVector tf, TermVector centroid, Func<ulong, float> idf)
    {
        var weights = new float[tf.Count];
        for (var i = 0; i < tf.Count; i++) weights[i] = idf(tf.Terms[i]);
        var v = new TermVector(tf.Terms, weights);
        var n = v.Norm();
        return n == 0 ? 0 : v.Dot(centroid) / n;
    }

    /// <summary>Smoothed idf over the articles of this run: ln((N + 1) / (df + 1)) + 1.</summary>
    private static Func<ulong, float> InverseDocumentFrequency(List<AnalyzedArticle> articles)
    {
        var df = new Dictionary<ulong, int>();
        foreach (var a in articles)
            foreach (var t in a.Terms.Terms) df[t] = df.GetValueOrDefault(t) + 1;
        var n = articles.Count;
        return term => MathF.Log((n + 1f) / (df.GetValueOrDefault(term) + 1f)) + 1f;
    }

    private static string UniqueId(string id, HashSet<string> ids)
    {
        if (ids.Add(id)) return id;
        for (var k = 2; ; k++)
        {
            var candidate = $"{id}-{k}";
            if (ids.Add(candidate)) return candidate;
        }
    }
}
