using Dossier.Ingest;

namespace Dossier.Stories;

/// <summary>Settings of a digest run. Immutable.</summary>
public sealed record DigestOptions
{
    public ClusterOptions Clustering { get; init; } = new();
    public SummaryOptions Summary { get; init; } = new();
    /// <summary>Threads for per-article analysis; all cores by default.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Articles held back so that each is placed in publication order among this many neighbours in the input.
    /// An input no longer than this is placed in exact date order, with document frequencies of the whole input.
    /// </summary>
    public int ReorderWindow { get; init; } = 2048;

    /// <summary>Candidate summary sentences each story keeps however many articles it has.</summary>
    public int SentencePoolSize { get; init; } = 96;
}

/// <summary>
/// The main job: articles in, story dossiers out, in memory that grows with what the stories show, not with the
/// text read. Articles are read as a stream and analysed on all cores (results kept in input order, so output
/// never depends on thread timing); each then joins a story in publication order (within
/// <see cref="DigestOptions.ReorderWindow"/>), handing its candidate sentences to the story's bounded pool; at the
/// end each story gets its summary, canonical entities and attributed quotes.
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
        var ids = new HashSet<string>(StringComparer.Ordinal);

        // Smoothed idf over the articles read so far: ln((N + 1) / (df + 1)) + 1.
        var df = new Dictionary<ulong, int>();
        float Idf(ulong term) => MathF.Log((analyzed.Count + 1f) / (df.GetValueOrDefault(term) + 1f)) + 1f;

        var clusterer = new StoryClusterer(Idf, _options.Clustering);
        var materials = new List<StoryMaterial>();
        var waiting = new PriorityQueue<AnalyzedArticle, (DateTimeOffset, int)>();
        void Place(AnalyzedArticle article)
        {
            var story = clusterer.Add(article);
            if (story.Index == materials.Count) materials.Add(new StoryMaterial(new SentencePool(_options.SentencePoolSize, _options.Summary.SameContent)));
            materials[story.Index].Add(article, story.Centroid, Idf);
        }

        var handled = 0;
        var results = OrderedParallel.Map(items,
            item => item.Article is { } a ? (Analyzed: analyzer.Analyze(a), item.Rejection) : (null, item.Rejection),
            parallelism: Math.Max(1, _options.Parallelism), cancellationToken: cancellationToken);
        foreach (var (article, rejection) in results)
        {
            if (rejection is not null) rejected.Add(rejection);
            if (article is not null)
            {
                article.Article.Id = UniqueId(article.Article.Id, ids);
                article.Order = analyzed.Count;
                analyzed.Add(article);
                foreach (var t in article.Terms.Terms) df[t] = df.GetValueOrDefault(t) + 1;
                waiting.Enqueue(article, (article.Article.Published ?? DateTimeOffset.MinValue, article.Order));
                if (waiting.Count > _options.ReorderWindow) Place(waiting.Dequeue());
            }
            if (++handled % 256 == 0) progress?.Report(handled);
        }
        while (waiting.TryDequeue(out var article, out _))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Place(article);
        }
        progress?.Report(handled);

        var clusters = clusterer.Stories
            .OrderByDescending(s => s.Members.Count).ThenBy(s => s.Members.Min(m => m.Order))
            .ToList();
        var stories = clusters
            .AsParallel().AsOrdered()
            .WithDegreeOfParallelism(Math.Max(1, _options.Parallelism))
            .WithCancellation(cancellationToken)
            .Select((cluster, i) => BuildStory($"s{i + 1}", cluster, materials[cluster.Index], Idf))
            .ToList();

        var articles = analyzed.Select(a => new ArticleRecord(a.Article.Id, a.Article.Title, a.Article.Source, a.Article.Url,
            a.Article.Outlet, a.Article.Author, a.Article.Published, a.SentenceCount, a.Article.Removed, a.Article.Flags)).ToList();
        return new DigestResult(articles, stories, rejected);
    }

    /// <summary>
    /// The summary of articles taken as one story, whatever their similarity: for summarising a given set of
    /// documents (the summarize command, and the DUC benchmark). Rejected inputs are returned, not summarised.
    /// </summary>
    public (IReadOnlyList<SummarySentence> Summary, int Articles, IReadOnlyList<Rejection> Rejected) SummarizeOne(IEnumerable<InputItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var analyzed = new List<AnalyzedArticle>();
        var rejected = new List<Rejection>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var df = new Dictionary<ulong, int>();
        foreach (var (article, rejection) in OrderedParallel.Map(items,
            item => item.Article is { } a ? (Analyzed: analyzer.Analyze(a), item.Rejection) : (null, item.Rejection),
            parallelism: Math.Max(1, _options.Parallelism), cancellationToken: cancellationToken))
        {
            if (rejection is not null) rejected.Add(rejection);
            if (article is null) continue;
            article.Article.Id = UniqueId(article.Article.Id, ids);
            article.Order = analyzed.Count;
            analyzed.Add(article);
            foreach (var t in article.Terms.Terms) df[t] = df.GetValueOrDefault(t) + 1;
        }
        float Idf(ulong term) => MathF.Log((analyzed.Count + 1f) / (df.GetValueOrDefault(term) + 1f)) + 1f;
        var members = analyzed.OrderBy(m => m.Article.Published ?? DateTimeOffset.MaxValue).ThenBy(m => m.Order).ToList();
        var weigher = new StoryClusterer(Idf, _options.Clustering);
        var cluster = new StoryCluster(0);
        foreach (var m in members) cluster.Add(m, weigher.Weigh(m.Terms, _options.Clustering.ArticleTerms), _options.Clustering.CentroidTerms);
        // Room for every candidate of every article: a given set of documents is small, and nothing is trimmed early.
        var pool = new SentencePool(Math.Max(_options.SentencePoolSize, members.Sum(m => m.Sentences.Count)), _options.Summary.SameContent);
        foreach (var m in members) pool.Add(m, cluster.Centroid, Idf);
        return (Summarizer.Summarize(members, pool, cluster.Centroid, Idf, _options.Summary), members.Count, rejected);
    }

    private StoryRecord BuildStory(string id, StoryCluster cluster, StoryMaterial material, Func<ulong, float> idf)
    {
        var members = cluster.Members.OrderBy(m => m.Article.Published ?? DateTimeOffset.MaxValue).ThenBy(m => m.Order).ToList();
        var summary = Summarizer.Summarize(members, material.Pool, cluster.Centroid, idf, _options.Summary);
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
            .Select(m => (m, score: m.TitleTerms.Count == 0 ? -1f : WeighedCosine(m.TitleTerms, cluster.Centroid, idf)))
            .OrderByDescending(x => x.score).ThenBy(x => x.m.Order).First().m.Article.Title;
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

    private static float WeighedCosine(TermVector tf, TermVector centroid, Func<ulong, float> idf)
    {
        var weights = new float[tf.Count];
        for (var i = 0; i < tf.Count; i++) weights[i] = idf(tf.Terms[i]);
        var v = new TermVector(tf.Terms, weights);
        var n = v.Norm();
        return n == 0 ? 0 : v.Dot(centroid) / n;
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
