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
/// The main job: articles in, story dossiers out. Articles are read as a stream and analysed on all cores (results
/// kept in input order, so output never depends on thread timing); each then joins a story in publication order
/// (within <see cref="DigestOptions.ReorderWindow"/>); once all are placed, <see cref="StoryClusterer.Refine"/>
/// settles the stories, and each story takes its members' candidate sentences into a bounded pool and gets its
/// summary, canonical entities and attributed quotes. A digest therefore holds every article's compact analysis
/// (not its raw text) until the end: for a stream that never ends, use the store (`dossier ingest`).
/// </summary>
public sealed class DigestBuilder(ArticleAnalyzer analyzer, EntityCanonicalizer canonicalizer, DigestOptions? options = null)
{
    private readonly DigestOptions _options = options ?? new DigestOptions();
    private StoryBuilder Stories => field ??= new(canonicalizer, _options.Summary, _options.SentencePoolSize);

    public static DigestBuilder CreateDefault(DigestOptions? options = null) => new(ArticleAnalyzer.Default, EntityCanonicalizer.Default, options);

    /// <param name="items">Articles and rejections, as <see cref="InputReader.Read"/> yields them.</param>
    /// <param name="progress">Told the number of inputs handled so far, now and then.</param>
    public DigestResult Build(IEnumerable<InputItem> items, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var intake = new Intake();
        Func<ulong, float> idf = intake.Idf;

        var clusterer = new StoryClusterer(idf, _options.Clustering);
        PlaceInDateOrder(items, intake, a => clusterer.Add(a), progress, cancellationToken);
        clusterer.Refine();

        var clusters = clusterer.Stories
            .OrderByDescending(s => s.Members.Count).ThenBy(s => s.Members.Min(m => m.Order))
            .ToList();
        // Stories take their members' sentences only once refining has settled who belongs where.
        var stories = clusters
            .AsParallel().AsOrdered()
            .WithDegreeOfParallelism(Math.Max(1, _options.Parallelism))
            .WithCancellation(cancellationToken)
            .Select((cluster, i) =>
            {
                var material = new StoryMaterial(new SentencePool(_options.SentencePoolSize, _options.Summary.SameContent));
                foreach (var member in cluster.Members) material.Add(member, cluster.Centroid, idf);
                return Stories.Build($"s{i + 1}", cluster.Members, material, cluster.Centroid, idf);
            })
            .ToList();

        var articles = intake.Analyzed.Select(a => new ArticleRecord(a.Article.Id, a.Article.Title, a.Article.Source, a.Article.Url,
            a.Article.Outlet, a.Article.Author, a.Article.Published, a.SentenceCount, a.Article.Removed, a.Article.Flags)).ToList();
        return new DigestResult(articles, stories, intake.Rejected);
    }

    /// <summary>
    /// Stories only: the story of each input article, numbered s1, s2, … in order of first appearance in the input,
    /// placed and refined exactly as <see cref="Build"/> does. Returned in input order, with each article's id as given
    /// (an id given twice stays as given, unlike in a digest, where the second becomes "id-2").
    /// </summary>
    public ClusterResult Cluster(IEnumerable<InputItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var intake = new Intake();
        var clusterer = new StoryClusterer(intake.Idf, _options.Clustering);
        void Place(AnalyzedArticle article)
        {
            clusterer.Add(article);
            article.Release();
        }
        PlaceInDateOrder(items, intake, Place, null, cancellationToken);
        clusterer.Refine();
        var storyOf = new Dictionary<int, int>();
        foreach (var story in clusterer.Stories)
            foreach (var member in story.Members) storyOf[member.Order] = story.Index;

        var number = new Dictionary<int, int>();
        var assigned = new List<ArticleStory>(intake.Analyzed.Count);
        foreach (var a in intake.Analyzed)
        {
            var index = storyOf[a.Order];
            if (!number.TryGetValue(index, out var n)) number[index] = n = number.Count + 1;
            assigned.Add(new ArticleStory(intake.GivenIds[a.Order], $"s{n}"));
        }
        return new ClusterResult(assigned, intake.Rejected);
    }

    /// <summary>
    /// The summary of articles taken as one story, whatever their similarity: for summarising a given set of
    /// documents (the summarize command, and the DUC benchmark). Rejected inputs are returned, not summarised.
    /// </summary>
    public (IReadOnlyList<SummarySentence> Summary, int Articles, IReadOnlyList<Rejection> Rejected) SummarizeOne(IEnumerable<InputItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var intake = new Intake();
        foreach (var (analyzed, rejection) in Analyze(items, cancellationToken)) intake.Take(analyzed, rejection);
        Func<ulong, float> idf = intake.Idf;
        var members = intake.Analyzed.OrderBy(m => m.Article.Published ?? DateTimeOffset.MaxValue).ThenBy(m => m.Order).ToList();
        var weigher = new StoryClusterer(idf, _options.Clustering);
        var cluster = new StoryCluster(0);
        foreach (var m in members) cluster.Add(m, weigher.Weigh(m.Terms, _options.Clustering.ArticleTerms), _options.Clustering.CentroidTerms);
        // Room for every candidate of every article: a given set of documents is small, and nothing is trimmed early.
        var pool = new SentencePool(Math.Max(_options.SentencePoolSize, members.Sum(m => m.Sentences.Count)), _options.Summary.SameContent);
        foreach (var m in members) pool.Add(m, cluster.Centroid, idf);
        return (Summarizer.Summarize(members, pool, cluster.Centroid, idf, _options.Summary), members.Count, intake.Rejected);
    }

    /// <summary>
    /// Analyses the inputs and hands each article to <paramref name="place"/> in publication order among the
    /// <see cref="DigestOptions.ReorderWindow"/> around it (undated articles first, then input order).
    /// </summary>
    private void PlaceInDateOrder(IEnumerable<InputItem> items, Intake intake, Action<AnalyzedArticle> place, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var waiting = new PriorityQueue<AnalyzedArticle, (DateTimeOffset, int)>();
        var handled = 0;
        foreach (var (analyzed, rejection) in Analyze(items, cancellationToken))
        {
            if (intake.Take(analyzed, rejection) is { } article)
            {
                waiting.Enqueue(article, (article.Article.Published ?? DateTimeOffset.MinValue, article.Order));
                if (waiting.Count > _options.ReorderWindow) place(waiting.Dequeue());
            }
            if (++handled % 256 == 0) progress?.Report(handled);
        }
        while (waiting.TryDequeue(out var article, out _))
        {
            cancellationToken.ThrowIfCancellationRequested();
            place(article);
        }
        progress?.Report(handled);
    }

    private IEnumerable<(AnalyzedArticle? Analyzed, Rejection? Rejection)> Analyze(IEnumerable<InputItem> items, CancellationToken cancellationToken) =>
        analyzer.AnalyzeAll(items, _options.Parallelism, cancellationToken);

    /// <summary>
    /// What a run has taken in: analysed articles (with unique ids and their input order), rejections, and the
    /// document frequencies behind a smoothed idf over the articles so far: ln((N + 1) / (df + 1)) + 1.
    /// </summary>
    private sealed class Intake
    {
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<ulong, int> _df = [];

        public List<AnalyzedArticle> Analyzed { get; } = [];
        /// <summary>Each analysed article's id as given, before a repeated id was made unique.</summary>
        public List<string> GivenIds { get; } = [];
        public List<Rejection> Rejected { get; } = [];

        public float Idf(ulong term) => MathF.Log((Analyzed.Count + 1f) / (_df.GetValueOrDefault(term) + 1f)) + 1f;

        /// <summary>Records one analysis result; returns the article when there is one.</summary>
        public AnalyzedArticle? Take(AnalyzedArticle? article, Rejection? rejection)
        {
            if (rejection is not null) Rejected.Add(rejection);
            if (article is null) return null;
            GivenIds.Add(article.Article.Id);
            article.Article.Id = UniqueId(article.Article.Id, _ids);
            article.Order = Analyzed.Count;
            Analyzed.Add(article);
            foreach (var t in article.Terms.Terms) _df[t] = _df.GetValueOrDefault(t) + 1;
            foreach (var t in article.Names.Terms) _df[t] = _df.GetValueOrDefault(t) + 1;
            return article;
        }
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

/// <summary>An article and the story it was placed in.</summary>
public sealed record ArticleStory(string Article, string Story);

/// <summary>The stories of a clustering run, in input order, and the inputs rejected.</summary>
public sealed record ClusterResult(IReadOnlyList<ArticleStory> Assignments, IReadOnlyList<Rejection> Rejected);
