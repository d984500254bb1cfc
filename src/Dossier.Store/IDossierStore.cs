using Dossier.Stories;

namespace Dossier.Store;

/// <summary>An article ready to be stored, already placed in story <see cref="Story"/> (a 0-based story index).</summary>
public sealed record NewArticle(
    long Sequence,
    string Id,
    string GivenId,
    string Hash,
    int Story,
    Article Article,
    string Text,
    int Sentences,
    byte[] Analysis,
    IReadOnlyList<MentionCount> Mentions);

/// <summary>What a store keeps of a story to go on clustering into it (see <see cref="StoryCluster.Sum"/>).</summary>
public sealed record StoryState(int Index, TermVector Sum, int Size, DateTimeOffset? Last, long Updated);

/// <summary>A story merged into another: its articles move to <see cref="Into"/>, and it is left empty (its id is not reused).</summary>
public sealed record StoryMerge(int From, int Into);

/// <summary>
/// One transaction of an ingest: new articles, the stories they changed with their rebuilt dossiers (same order as
/// <see cref="Stories"/>), the document frequencies the articles add, and the work-queue entries this batch used up
/// (<see cref="IArticleQueue"/>; none when articles came straight from files). A consolidation instead carries the
/// stories it merged (<see cref="Merged"/>, done first) and the stories that took them in.
/// </summary>
public sealed record IngestBatch(
    IReadOnlyList<NewArticle> Articles,
    IReadOnlyList<StoryState> Stories,
    IReadOnlyList<StoryRecord> Dossiers,
    IReadOnlyDictionary<ulong, int> DocumentFrequencies,
    IReadOnlyList<long>? Consumed = null,
    IReadOnlyList<StoryMerge>? Merged = null);

/// <summary>Everything an ingest needs to resume clustering where the store left off.</summary>
/// <param name="LastSequence">The highest article sequence stored (0 when empty); the next article gets the one after.</param>
public sealed record ClusterSnapshot(long Articles, long LastSequence, Dictionary<ulong, int> DocumentFrequencies, IReadOnlyList<StoryState> Stories);

/// <summary>A stored article as a story rebuild reads it: metadata, encoded analysis (<see cref="AnalyzedArticleCodec"/>) and arrival order.</summary>
public sealed record StoredMember(Article Article, byte[] Analysis, long Sequence);

/// <summary>An article in a list.</summary>
public sealed record ArticleSummary(string Id, string Story, string Title, string? Outlet, DateTimeOffset? Published);

/// <summary>
/// Where Dossier keeps articles, stories and their dossiers. Readers may run alongside one writer; a writer first takes
/// <see cref="LockForWriting"/>. Every method that writes is one transaction: it happens whole or not at all.
/// </summary>
public interface IDossierStore : IDisposable
{
    /// <summary>Where the store is, for messages (never a password).</summary>
    string Location { get; }

    /// <summary>Takes the store's single-writer lock until disposed.</summary>
    /// <exception cref="StoreBusyException">Another writer holds it.</exception>
    IDisposable LockForWriting();

    ClusterSnapshot LoadSnapshot();

    /// <summary>The id of the stored article whose normalised text has this hash, or null.</summary>
    string? ArticleWithHash(string hash);

    bool HasArticleId(string id);

    /// <summary>Stores the batch in one transaction: after a crash, either all of it is there or none of it.</summary>
    void Commit(IngestBatch batch);

    IReadOnlyList<StoredMember> Members(int story);

    StoreStats Stats();

    /// <summary>Stories, most recently updated first; a story merged into another is no longer listed or found.</summary>
    Page<StorySummary> Stories(int offset, int limit);

    StoryRecord? Story(string id);

    StoredArticle? Article(string id);

    /// <summary>Articles in arrival order, all or one story's.</summary>
    Page<ArticleSummary> Articles(string? story, int offset, int limit);

    /// <exception cref="StoreQueryException">The query has no words to search for, or bad filters.</exception>
    Page<SearchHit> Search(SearchQuery query);

    /// <summary>Entities across stories by mentions, optionally those whose name or alias contains <paramref name="name"/>.</summary>
    Page<EntitySummary> Entities(string? name, int offset, int limit);
}
