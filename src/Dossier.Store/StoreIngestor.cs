using System.Security.Cryptography;
using System.Text;
using Dossier.Ingest;
using Dossier.Stories;

namespace Dossier.Store;

/// <summary>Settings of an ingest. Immutable.</summary>
public sealed record IngestOptions
{
    public ClusterOptions Clustering { get; init; } = new();
    public SummaryOptions Summary { get; init; } = new();
    public int SentencePoolSize { get; init; } = 96;

    /// <summary>Articles per transaction: what a crash can cost at most, against the cost of each commit.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>As <see cref="DigestOptions.ReorderWindow"/>: articles are placed in publication order among this many neighbours.</summary>
    public int ReorderWindow { get; init; } = 2048;

    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>Where an ingest stands after a commit: everything counted here up to <see cref="Stored"/> is on disk.</summary>
public sealed record IngestProgress(long Read, long Stored, long Duplicates, long Rejected, long InStore);

/// <summary>An input article whose normalised text the store already holds (or that appeared earlier in the same input).</summary>
public sealed record DuplicateArticle(string Source, string Id, string StoredAs);

public sealed record IngestResult(long Stored, IReadOnlyList<DuplicateArticle> Duplicates, IReadOnlyList<Rejection> Rejected, int StoriesChanged, long InStore, int StoriesInStore);

/// <summary>
/// Adds articles to a store incrementally: each new article joins an existing story or starts one, exactly as the
/// digest places articles (same clusterer, same reorder window, document frequencies of everything taken in so far),
/// resuming from the clustering state the store saved. Articles are committed in batches; each batch's transaction
/// also carries the rebuilt dossiers of the stories it changed, so the store never shows a story that disagrees
/// with its articles. The same text ingested twice is stored once (<see cref="ContentHash"/>). Ingesting the same
/// input again after a crash ends with the same stories as an uninterrupted run, when the input is in publication order.
/// </summary>
public sealed class StoreIngestor(IDossierStore store, ArticleAnalyzer analyzer, EntityCanonicalizer canonicalizer, IngestOptions? options = null)
{
    private readonly IngestOptions _options = options ?? new IngestOptions();

    public static StoreIngestor CreateDefault(IDossierStore store, IngestOptions? options = null) =>
        new(store, ArticleAnalyzer.Default, EntityCanonicalizer.Default, options);

    /// <param name="committed">Told after each commit what is now on disk: an acknowledgement.</param>
    /// <exception cref="StoreBusyException">Another process is writing to the store.</exception>
    public IngestResult Ingest(IEnumerable<InputItem> items, IProgress<IngestProgress>? committed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var writer = store.LockForWriting();
        using var run = NewPlacer(committed);
        foreach (var (analyzed, rejection) in analyzer.AnalyzeAll(items, _options.Parallelism, cancellationToken))
        {
            run.Read++;
            if (rejection is not null) run.Rejected.Add(rejection);
            if (analyzed is not null) run.Take(analyzed);
        }
        run.Drain(cancellationToken);
        return run.Result();
    }

    /// <summary>
    /// The consolidation the digest does after placing, for a store, which places articles as they come and never
    /// moves one: each story of at most <see cref="ClusterOptions.MergeSize"/> articles joins the story whose centroid
    /// is most like its own, if their cosine reaches the join threshold, whatever their dates
    /// (<see cref="StoryClusterer.MergeSmallStories"/>). A topic followed for weeks comes in pieces, since no article
    /// joins a story quiet for a week; this puts them together. One transaction: the articles of each merged story move
    /// to the story that took it in, whose dossier is rebuilt, and the merged story is left empty; its id is not reused.
    /// </summary>
    /// <returns>The stories merged away (0 when none was).</returns>
    /// <exception cref="StoreBusyException">Another process is writing to the store.</exception>
    public int Consolidate()
    {
        using var writer = store.LockForWriting();
        return ConsolidateLocked();
    }

    /// <summary><see cref="Consolidate"/> by a caller that holds the writer lock (a placing worker).</summary>
    internal int ConsolidateLocked()
    {
        var snapshot = store.LoadSnapshot();
        // Merging compares centroids already weighted; it needs no idf.
        var clusterer = new StoryClusterer(_ => 1f, _options.Clustering);
        foreach (var s in snapshot.Stories) clusterer.Restore(s.Sum, s.Size, s.Last);
        var merges = clusterer.MergeSmallStories();
        if (merges.Count == 0) return 0;
        var targets = merges.GroupBy(m => m.Into).OrderBy(g => g.Key).ToList();
        var states = new List<StoryState>(targets.Count);
        var build = new List<StoryToBuild>(targets.Count);
        foreach (var g in targets)
        {
            var cluster = clusterer.Stories[g.Key];
            var updated = g.Select(m => snapshot.Stories[m.From].Updated).Append(snapshot.Stories[g.Key].Updated).Max();
            states.Add(new StoryState(g.Key, cluster.Sum, cluster.Size, cluster.Last, updated));
            build.Add(new StoryToBuild(g.Key, [g.Key, .. g.Select(m => m.From)], [], cluster.Centroid));
        }
        var builder = new StoryBuilder(canonicalizer, _options.Summary, _options.SentencePoolSize);
        var dossiers = BuildDossiers(store, builder, _options.Parallelism, build, term => Idf(snapshot.Articles, snapshot.DocumentFrequencies, term));
        store.Commit(new IngestBatch([], states, dossiers, new Dictionary<ulong, int>(), null, [.. merges.Select(m => new StoryMerge(m.From, m.Into))]));
        return merges.Count;
    }

    /// <summary>A story to build a dossier for: the stored members of each story in <see cref="ReadFrom"/>, and <see cref="Added"/>.</summary>
    private sealed record StoryToBuild(int Index, IReadOnlyList<int> ReadFrom, IReadOnlyList<AnalyzedArticle> Added, TermVector Centroid);

    /// <summary>
    /// Dossiers of stories, in order: members are read from the store one story at a time (one connection) and the
    /// dossiers built on all cores, a slice at a time so that the members held at once stay bounded.
    /// </summary>
    private static StoryRecord[] BuildDossiers(IDossierStore store, StoryBuilder builder, int parallelism, IReadOnlyList<StoryToBuild> stories, Func<ulong, float> idf)
    {
        var dossiers = new StoryRecord[stories.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
        for (var from = 0; from < stories.Count; from += StoriesPerSlice)
        {
            var count = Math.Min(StoriesPerSlice, stories.Count - from);
            var members = new List<AnalyzedArticle>[count];
            for (var k = 0; k < count; k++)
            {
                var story = stories[from + k];
                members[k] = [];
                foreach (var index in story.ReadFrom)
                    foreach (var m in store.Members(index))
                        members[k].Add(AnalyzedArticleCodec.Decode(m.Analysis, m.Article, (int)Math.Min(int.MaxValue, m.Sequence)));
                members[k].AddRange(story.Added);
                // In arrival order, whichever story each came from.
                if (story.ReadFrom.Count > 1) members[k].Sort((a, b) => a.Order.CompareTo(b.Order));
            }
            var offset = from;
            Parallel.For(0, count, parallel, k =>
                dossiers[offset + k] = builder.Build(StoryIds.Of(stories[offset + k].Index), members[k], stories[offset + k].Centroid, idf));
        }
        return dossiers;
    }

    private const int StoriesPerSlice = 64;

    /// <summary>Smoothed idf, as the digest's: ln((N + 1) / (df + 1)) + 1.</summary>
    private static float Idf(long n, Dictionary<ulong, int> df, ulong term) => MathF.Log((n + 1f) / (df.GetValueOrDefault(term) + 1f)) + 1f;

    /// <summary>
    /// A placer resumed from the store: what <see cref="Ingest"/> feeds analysed articles into. The caller holds the
    /// store's writer lock for as long as it uses the placer.
    /// </summary>
    internal Placer NewPlacer(IProgress<IngestProgress>? committed) =>
        new(store, _options, new StoryBuilder(canonicalizer, _options.Summary, _options.SentencePoolSize), committed);

    /// <summary>
    /// One ingest's state: the clusterer resumed from the store, document frequencies, the reorder window and the open
    /// batch. Articles are taken in input order; what happens to each depends only on the store and the articles taken
    /// before it, so a placer that resumes after a crash and takes the unplaced articles again in the same order
    /// places them as the one that crashed would have.
    /// </summary>
    internal sealed class Placer : IDisposable
    {
        private readonly IDossierStore _store;
        private readonly IngestOptions _options;
        private readonly StoryBuilder _builder;
        private readonly IProgress<IngestProgress>? _committed;
        // Document frequencies twice: placing's, of every article taken so far, and the commits', of what is stored
        // once the commit running has written its batch. Each is read and written by its own thread only.
        private readonly Dictionary<ulong, int> _takenDf;
        private readonly Dictionary<ulong, int> _committedDf;
        private long _takenN;
        private long _committedN;
        private readonly long _storedBefore;
        private long _handedOver;
        private long _sequence;
        private readonly StoryClusterer _clusterer;
        private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly PriorityQueue<Pending, (DateTimeOffset, long)> _waiting = new();
        private readonly List<Pending> _batch = [];
        private readonly List<long> _consumed = [];
        private long _order;
        private long _stored;
        // The last commit started, and the one before it: a commit waits for the one before it, and placing waits only
        // when two are outstanding, so analysis keeps both cores busy while a long commit runs.
        private Task _commit = Task.CompletedTask;
        private Task _previousCommit = Task.CompletedTask;

        public Placer(IDossierStore store, IngestOptions options, StoryBuilder builder, IProgress<IngestProgress>? committed)
        {
            _store = store;
            _options = options;
            _builder = builder;
            _committed = committed;
            var snapshot = store.LoadSnapshot();
            _committedDf = snapshot.DocumentFrequencies;
            _takenDf = new Dictionary<ulong, int>(_committedDf);
            _committedN = _takenN = _storedBefore = snapshot.Articles;
            _sequence = snapshot.LastSequence;
            _clusterer = new StoryClusterer(TakenIdf, options.Clustering);
            foreach (var s in snapshot.Stories) _clusterer.Restore(s.Sum, s.Size, s.Last);
        }

        public long Read { get; set; }
        /// <summary>Articles committed so far (by the commit in flight, too, once it is done).</summary>
        public long Stored => Interlocked.Read(ref _stored);
        public List<DuplicateArticle> Duplicates { get; } = [];
        public List<Rejection> Rejected { get; } = [];
        public HashSet<int> Changed { get; } = [];

        /// <summary>Idf over everything taken in, for placing.</summary>
        private float TakenIdf(ulong term) => StoreIngestor.Idf(_takenN, _takenDf, term);

        /// <summary>The idf of what is committed (including the batch being committed): dossiers use it, so a dossier depends only on the store.</summary>
        private float CommittedIdf(ulong term) => StoreIngestor.Idf(_committedN, _committedDf, term);

        public IngestResult Result()
        {
            var stats = _store.Stats();
            return new IngestResult(Stored, Duplicates, Rejected, Changed.Count, stats.Articles, stats.Stories);
        }

        /// <summary>Marks a work-queue entry that holds no article (a rejection, an end of input) as used up by the next commit.</summary>
        public void Skip(long queueEntry) => _consumed.Add(queueEntry);

        /// <param name="queueEntry">The work-queue entry the article came from, used up when the article is committed.</param>
        public void Take(AnalyzedArticle analyzed, long? queueEntry = null)
        {
            var article = analyzed.Article;
            var hash = ContentHash.Of(article.Title, analyzed.Text);
            var given = article.Id;
            if (_hashes.TryGetValue(hash, out var same) || (same = _store.ArticleWithHash(hash)) is not null)
            {
                Duplicates.Add(new DuplicateArticle(article.Source, given, same));
                if (queueEntry is { } q) _consumed.Add(q);
                return;
            }
            article.Id = UniqueId(given);
            _hashes[hash] = article.Id;
            Count(_takenDf, analyzed, +1);
            _takenN++;
            _waiting.Enqueue(new Pending(analyzed, hash, given, queueEntry), (article.Published ?? DateTimeOffset.MinValue, _order++));
            if (_waiting.Count > _options.ReorderWindow) Place(_waiting.Dequeue());
        }

        /// <param name="endEntry">The work-queue entry that marked the end of input: used up by the last commit, so that
        /// a placer that dies before then finds the mark again and drains the same articles.</param>
        public void Drain(CancellationToken cancellationToken, long? endEntry = null)
        {
            while (_waiting.TryDequeue(out var p, out _))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Place(p);
            }
            if (endEntry is { } end) _consumed.Add(end);
            Flush();
        }

        private void Place(Pending p)
        {
            var a = p.Analyzed;
            p.Story = _clusterer.Place(a.Terms, a.Names, a.Article.Published).Index;
            p.Sequence = ++_sequence;
            a.Order = (int)Math.Min(int.MaxValue, p.Sequence);
            if (p.QueueEntry is { } q) _consumed.Add(q);
            _batch.Add(p);
            if (_batch.Count >= _options.BatchSize) StartCommit();
        }

        /// <summary>Commits what is placed so far (the reorder window stays open) and waits until it is on disk.</summary>
        public void Flush()
        {
            StartCommit();
            Join();
        }

        /// <summary>Waits for the commits outstanding, if any; rethrows what one failed with.</summary>
        private void Join()
        {
            var commit = _commit;
            _commit = _previousCommit = Task.CompletedTask;
            commit.GetAwaiter().GetResult();
        }

        /// <summary>
        /// Hands what is placed so far to a commit that runs beside the placing of the next batches: rebuilding the
        /// changed stories and writing them is most of an ingest's work on this side of the analysis, and one thread
        /// doing both in turn left the other cores waiting. Commits run one at a time, in order: each one's dossiers
        /// read the members the commits before it stored. Placing goes on while one commit runs and the next waits for
        /// it, and waits itself only for a third, which bounds the articles held.
        /// </summary>
        private void StartCommit()
        {
            _previousCommit.GetAwaiter().GetResult();
            if (_batch.Count == 0 && _consumed.Count == 0) return;
            var delta = new Dictionary<ulong, int>();
            foreach (var p in _batch) Count(delta, p.Analyzed, +1);

            // What the commit needs of the clusterer, taken now: placing goes on changing it.
            var stories = new List<(List<Pending> Articles, StoryState State, TermVector Centroid)>();
            foreach (var group in _batch.GroupBy(p => p.Story).OrderBy(g => g.Key))
            {
                var cluster = _clusterer.Stories[group.Key];
                stories.Add(([.. group], new StoryState(group.Key, cluster.Sum, cluster.Size, cluster.Last, group.Max(p => p.Sequence)), cluster.Centroid));
                Changed.Add(group.Key);
            }
            var batch = _batch.ToList();
            var consumed = _consumed.ToList();
            _batch.Clear();
            _consumed.Clear();
            _handedOver += batch.Count;
            var progress = new IngestProgress(Read, _handedOver, Duplicates.Count, Rejected.Count, _storedBefore + _handedOver);
            var before = _commit;
            _previousCommit = before;
            _commit = Task.Factory.StartNew(() =>
            {
                // A commit after one that failed must not run: its stories' members would be missing.
                before.GetAwaiter().GetResult();
                Commit(batch, stories, delta, consumed, progress);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        private void Commit(List<Pending> batch, List<(List<Pending> Articles, StoryState State, TermVector Centroid)> stories,
            Dictionary<ulong, int> delta, List<long> consumed, IngestProgress progress)
        {
            // The commits' counts describe the store after this commit: its dossiers depend only on what is stored.
            foreach (var (term, n) in delta) _committedDf[term] = _committedDf.GetValueOrDefault(term) + n;
            _committedN += batch.Count;
            // Encoded before the dossiers are built: building takes the articles' sentences.
            var articles = new List<NewArticle>(batch.Count);
            foreach (var p in batch)
            {
                var a = p.Analyzed;
                articles.Add(new NewArticle(p.Sequence, a.Article.Id, p.GivenId, p.Hash, p.Story, a.Article, a.Text, a.SentenceCount,
                    AnalyzedArticleCodec.Encode(a), a.Mentions));
            }
            var dossiers = BuildDossiers(_store, _builder, _options.Parallelism,
                [.. stories.Select(s => new StoryToBuild(s.State.Index, [s.State.Index], [.. s.Articles.Select(p => p.Analyzed)], s.Centroid))], CommittedIdf);
            _store.Commit(new IngestBatch(articles, [.. stories.Select(s => s.State)], dossiers, delta, consumed));
            Interlocked.Add(ref _stored, batch.Count);
            _committed?.Report(progress);
        }

        /// <summary>Waits for the commit in flight, so that the writer lock outlives it; what it failed with was reported by <see cref="Flush"/> or <see cref="Drain"/>, or lost to an earlier error.</summary>
        public void Dispose()
        {
            try
            {
                _commit.Wait();
            }
            catch (AggregateException)
            {
            }
        }

        private string UniqueId(string id)
        {
            for (var k = 1; ; k++)
            {
                var candidate = k == 1 ? id : $"{id}-{k}";
                if (!_ids.Contains(candidate) && !_store.HasArticleId(candidate))
                {
                    _ids.Add(candidate);
                    return candidate;
                }
            }
        }

        private static void Count(Dictionary<ulong, int> df, AnalyzedArticle a, int by)
        {
            foreach (var t in a.Terms.Terms) Bump(df, t, by);
            foreach (var t in a.Names.Terms) Bump(df, t, by);
        }

        private static void Bump(Dictionary<ulong, int> df, ulong term, int by)
        {
            var n = df.GetValueOrDefault(term) + by;
            if (n == 0) df.Remove(term);
            else df[term] = n;
        }
    }

    private sealed class Pending(AnalyzedArticle analyzed, string hash, string givenId, long? queueEntry)
    {
        public long? QueueEntry { get; } = queueEntry;
        public AnalyzedArticle Analyzed { get; } = analyzed;
        public string Hash { get; } = hash;
        public string GivenId { get; } = givenId;
        public int Story { get; set; } = -1;
        public long Sequence { get; set; }
    }
}

/// <summary>
/// The identity of an article's content: SHA-256 of its title and cleaned body, lower-cased with runs of white space
/// made one space, so a re-fetched page with different spacing or boilerplate is still the same article.
/// </summary>
public static class ContentHash
{
    public static string Of(string title, string text)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        var normal = new StringBuilder(title.Length + text.Length + 1);
        Append(normal, title);
        normal.Append('\n');
        Append(normal, text);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normal.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static void Append(StringBuilder sb, string s)
    {
        var space = false;
        foreach (var ch in s.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(ch)) space = true;
            else
            {
                if (space) sb.Append(' ');
                space = false;
                sb.Append(char.ToLowerInvariant(ch));
            }
        }
    }
}
