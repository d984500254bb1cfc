using Dossier.Ingest;
using Dossier.Stories;

namespace Dossier.Store;

/// <summary>Settings of a worker. Immutable.</summary>
public sealed record WorkerOptions
{
    public IngestOptions Ingest { get; init; } = new();

    /// <summary>Articles claimed per transaction: a killed worker's unfinished claim goes back to the queue, so this is what a kill can cost.</summary>
    public int ClaimSize { get; init; } = 64;

    /// <summary>How long an idle worker waits before it looks at the queue again.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Stop once the queue is empty, instead of waiting for more work.</summary>
    public bool ExitWhenIdle { get; init; }

    /// <summary>
    /// How often the placing worker merges the store's small stories (<see cref="StoreIngestor.Consolidate"/>): at the
    /// first moment with nothing to place once this long has passed since the last time, if it placed anything since.
    /// Null (the default) never: which stories merge then depends on when the queue ran dry, not on the input alone.
    /// </summary>
    public TimeSpan? ConsolidateEvery { get; init; }
}

/// <summary>What a worker has done so far; <see cref="Placed"/> counts articles it stored while it was the placer.</summary>
public sealed record WorkerProgress(long Analyzed, long Failed, long Placed, long Duplicates, bool Placing)
{
    /// <summary>Stories it merged into others (<see cref="WorkerOptions.ConsolidateEvery"/>).</summary>
    public int Consolidated { get; init; }
}

/// <summary>
/// One worker process's loop over a shared queue (<see cref="IArticleQueue"/>). Every worker analyses: it claims
/// pending articles that no other worker holds, analyses them on all its cores and commits the analyses. The one
/// worker that holds the store's writer lock also places: it reads the queue in order and feeds analysed articles
/// to the same placer an ingest uses, so stories come out as a single `dossier ingest` of the same input would
/// give, however many workers share the work. If the placer dies, its lock and its uncommitted work go with it and
/// another worker takes over from what the store holds.
/// </summary>
public sealed class QueueWorker
{
    private readonly IDossierStore _store;
    private readonly IArticleQueue _queue;
    private readonly string _name;
    private readonly ArticleAnalyzer _analyzer;
    private readonly StoreIngestor _ingestor;
    private readonly WorkerOptions _options;
    private long _analyzed;
    private long _failed;
    // What earlier placers of this worker did: a consolidation replaces the placer.
    private long _placedBefore;
    private long _duplicatesBefore;
    private int _consolidated;

    public QueueWorker(IDossierStore store, IArticleQueue queue, string name, ArticleAnalyzer analyzer, EntityCanonicalizer canonicalizer, WorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _store = store;
        _queue = queue;
        _name = name;
        _analyzer = analyzer;
        _options = options ?? new WorkerOptions();
        _ingestor = new StoreIngestor(store, analyzer, canonicalizer, _options.Ingest);
    }

    /// <exception cref="ArgumentException">The store has no work queue (an SQLite store).</exception>
    public static QueueWorker CreateDefault(IDossierStore store, string name, WorkerOptions? options = null) =>
        new(store, store as IArticleQueue ?? throw new ArgumentException($"{store.Location}: workers need a store with a work queue (PostgreSQL)", nameof(store)),
            name, ArticleAnalyzer.Default, EntityCanonicalizer.Default, options);

    /// <summary>Works until cancelled, or until the queue is empty with <see cref="WorkerOptions.ExitWhenIdle"/>.</summary>
    public WorkerProgress Run(IProgress<WorkerProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        IDisposable? writer = null;
        StoreIngestor.Placer? placer = null;
        long cursor = 0;
        var sinceConsolidation = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var busy = false;
                if (writer is null && (writer = _queue.TryLockForWriting()) is not null)
                {
                    // Resume from what the store holds now: entries still in the queue are all unplaced, so read them from the start.
                    placer = _ingestor.NewPlacer(null);
                    cursor = 0;
                }
                if (placer is not null) busy |= Place(placer, ref cursor, cancellationToken);
                busy |= Analyze();
                if (!busy && placer is { Stored: > 0 } && _options.ConsolidateEvery is { } every && sinceConsolidation.Elapsed >= every)
                {
                    // The placer's clustering state no longer matches the store: a new one resumes from what it holds.
                    _placedBefore += placer.Stored;
                    _duplicatesBefore += placer.Duplicates.Count;
                    placer.Dispose();
                    placer = null;
                    _consolidated += _ingestor.ConsolidateLocked();
                    placer = _ingestor.NewPlacer(null);
                    cursor = 0;
                    sinceConsolidation.Restart();
                    busy = true;
                }
                progress?.Report(Progress(placer));
                if (busy) continue;
                if (_options.ExitWhenIdle && _queue.Counts().Total == 0) break;
                cancellationToken.WaitHandle.WaitOne(_options.Poll);
            }
            return Progress(placer);
        }
        finally
        {
            placer?.Dispose();
            writer?.Dispose();
        }
    }

    private WorkerProgress Progress(StoreIngestor.Placer? placer) =>
        new(_analyzed, _failed, _placedBefore + (placer?.Stored ?? 0), _duplicatesBefore + (placer?.Duplicates.Count ?? 0), placer is not null) { Consolidated = _consolidated };

    /// <summary>Feeds the placer the queue's entries in order, up to the first one not analysed yet; true if it took any.</summary>
    private bool Place(StoreIngestor.Placer placer, ref long cursor, CancellationToken cancellationToken)
    {
        var took = false;
        foreach (var entry in _queue.Entries(cursor, 256))
        {
            if (entry.State == QueueState.Pending) break;
            cursor = entry.Sequence;
            took = true;
            switch (entry.State)
            {
                case QueueState.Analyzed:
                    placer.Read++;
                    placer.Take(AnalyzedArticleCodec.DecodeWhole(entry.Analysis), entry.Sequence);
                    break;
                case QueueState.Rejected:
                    placer.Read++;
                    placer.Rejected.Add(new Rejection(entry.Source, entry.Reason ?? "analysis failed"));
                    placer.Skip(entry.Sequence);
                    break;
                default:
                    placer.Drain(cancellationToken, entry.Sequence);
                    break;
            }
        }
        // Waiting for analyses: commit what is placed, so readers see it now rather than at the next full batch.
        placer.Flush();
        return took;
    }

    /// <summary>Claims, analyses and commits one batch of pending articles; false when there were none.</summary>
    private bool Analyze()
    {
        using var claim = _queue.Claim(_name, _options.ClaimSize);
        if (claim is null) return false;
        var results = claim.Items.AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, _options.Ingest.Parallelism)).Select(AnalyzeOne).ToList();
        claim.Complete(results);
        _analyzed += results.Count(r => r.Analysis is not null);
        _failed += results.Count(r => r.Analysis is null);
        return true;
    }

    private AnalysisResult AnalyzeOne(ClaimedArticle item)
    {
        try
        {
            var analyzed = _analyzer.Analyze(AnalyzedArticleCodec.DecodeArticle(item.Article));
            return new AnalysisResult(item.Sequence, AnalyzedArticleCodec.EncodeWhole(analyzed), null);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            // One article that cannot be analysed must not stop the queue: it is recorded as rejected, with why.
            return new AnalysisResult(item.Sequence, null, $"analysis failed: {e.Message}");
        }
    }
}

/// <summary>Appends input articles to a shared queue for workers to analyse and place.</summary>
public static class QueueWriter
{
    /// <summary>Enqueues in order, <paramref name="batchSize"/> articles per transaction, then an end-of-input mark.</summary>
    /// <returns>Articles queued, and the inputs rejected while reading.</returns>
    public static (long Queued, IReadOnlyList<Rejection> Rejected) Enqueue(IArticleQueue queue, IEnumerable<InputItem> items, int batchSize = 500,
        IProgress<long>? committed = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(items);
        var rejected = new List<Rejection>();
        var chunk = new List<(string, byte[])>(batchSize);
        long queued = 0;
        foreach (var item in items)
        {
            if (item.Rejection is { } r) rejected.Add(r);
            if (item.Article is not { } a) continue;
            chunk.Add((a.Source, AnalyzedArticleCodec.EncodeArticle(a)));
            if (chunk.Count < batchSize) continue;
            queue.Enqueue(chunk, endOfInput: false);
            queued += chunk.Count;
            chunk.Clear();
            committed?.Report(queued);
        }
        queue.Enqueue(chunk, endOfInput: true);
        queued += chunk.Count;
        committed?.Report(queued);
        return (queued, rejected);
    }
}
