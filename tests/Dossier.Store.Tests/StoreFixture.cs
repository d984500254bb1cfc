using Dossier.Ingest;
using Dossier.Stories;

namespace Dossier.Store.Tests;

/// <summary>A fresh, empty store of one backend, removed afterwards.</summary>
public abstract class TestStore : IDisposable
{
    public abstract IDossierStore Store { get; }

    /// <summary>Closes the store and opens it again, as a new process would.</summary>
    public abstract IDossierStore Reopen();

    public IngestResult Ingest(IEnumerable<InputItem> items, IngestOptions? options = null) =>
        StoreIngestor.CreateDefault(Store, options).Ingest(items);

    /// <summary>Every stored article's story, by article id.</summary>
    public Dictionary<string, string> Assignments() => Assignments(Store);

    public static Dictionary<string, string> Assignments(IDossierStore store) => StoreListing.Assignments(store);

    /// <summary>Every story's dossier as JSON, by story id.</summary>
    public static Dictionary<string, string> Dossiers(IDossierStore store)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += StorePages.MaxPage)
        {
            var page = store.Stories(offset, StorePages.MaxPage);
            foreach (var s in page.Items)
                all[s.Id] = System.Text.Json.JsonSerializer.Serialize(store.Story(s.Id), StoreJson.Compact.StoryRecord);
            if (offset + StorePages.MaxPage >= page.Total) return all;
        }
    }

    public abstract void Dispose();
}

/// <summary>An SQLite store in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TempStore : TestStore
{
    private SqliteStore _store;

    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "dossier-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path_ = System.IO.Path.Combine(Folder, "test.db");
        _store = SqliteStore.Open(Path_);
    }

    public string Folder { get; }
    public string Path_ { get; }
    public override IDossierStore Store => _store;

    public override IDossierStore Reopen()
    {
        _store.Dispose();
        return _store = SqliteStore.Open(Path_);
    }

    public override void Dispose()
    {
        _store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed may still hold a file; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>
/// A store that fails at its n-th commit, before anything reaches the disk: a crash between acknowledgements. Its
/// work queue, when the inner store has one, is the inner store's.
/// </summary>
internal sealed class CrashingStore(IDossierStore inner, int crashAt) : IDossierStore, IArticleQueue
{
    private IArticleQueue Queue => inner as IArticleQueue ?? throw new NotSupportedException($"{inner.Location} has no work queue");

    private int _commits;

    public string Location => inner.Location;
    public IDisposable LockForWriting() => inner.LockForWriting();
    public ClusterSnapshot LoadSnapshot() => inner.LoadSnapshot();
    public string? ArticleWithHash(string hash) => inner.ArticleWithHash(hash);
    public bool HasArticleId(string id) => inner.HasArticleId(id);

    public void Commit(IngestBatch batch)
    {
        if (++_commits == crashAt) throw new IOException("simulated crash");
        inner.Commit(batch);
    }

    public IReadOnlyList<StoredMember> Members(int story) => inner.Members(story);
    public StoreStats Stats() => inner.Stats();
    public Page<StorySummary> Stories(int offset, int limit) => inner.Stories(offset, limit);
    public StoryRecord? Story(string id) => inner.Story(id);
    public StoredArticle? Article(string id) => inner.Article(id);
    public Page<ArticleSummary> Articles(string? story, int offset, int limit) => inner.Articles(story, offset, limit);
    public Page<SearchHit> Search(SearchQuery query) => inner.Search(query);
    public Page<EntitySummary> Entities(string? name, int offset, int limit) => inner.Entities(name, offset, limit);
    public void Enqueue(IReadOnlyList<(string Source, byte[] Article)> articles, bool endOfInput) => Queue.Enqueue(articles, endOfInput);
    public IQueueClaim? Claim(string worker, int max) => Queue.Claim(worker, max);
    public IReadOnlyList<QueueEntry> Entries(long after, int max) => Queue.Entries(after, max);
    public QueueCounts Counts() => Queue.Counts();
    public IDisposable? TryLockForWriting() => Queue.TryLockForWriting();
    public void Dispose() { }
}

internal static class Samples
{
    /// <summary>The repository's root folder (where Dossier.slnx is).</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dossier.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Dossier.slnx not found above the test binaries.");
        }
    }

    public static string Folder => Path.Combine(Root, "samples");

    public static IEnumerable<InputItem> Read() => InputReader.Read([Folder]);
}
