namespace Dossier.Store;

/// <summary>What a work-queue entry holds: an article waiting for analysis, its analysis, a rejection, or the end of one input.</summary>
public enum QueueState
{
    Pending,
    Analyzed,
    Rejected,
    End,
}

/// <summary>
/// A work-queue entry as the placer reads it. <see cref="Analysis"/> is <see cref="Stories.AnalyzedArticleCodec.EncodeWhole"/>
/// of the analysed article (state <see cref="QueueState.Analyzed"/>); <see cref="Reason"/> says why analysis failed.
/// </summary>
public sealed record QueueEntry(long Sequence, QueueState State, string Source, byte[]? Analysis, string? Reason);

/// <summary>An article a worker has claimed for analysis: the entry and <see cref="Stories.AnalyzedArticleCodec.EncodeArticle"/> of it.</summary>
public sealed record ClaimedArticle(long Sequence, string Source, byte[] Article);

/// <summary>What a worker made of a claimed article: its encoded analysis, or why it could not be analysed.</summary>
public sealed record AnalysisResult(long Sequence, byte[]? Analysis, string? Reason);

/// <summary>How many entries the queue holds in each state.</summary>
public sealed record QueueCounts(long Pending, long Analyzed, long Rejected, long Ends)
{
    public long Total => Pending + Analyzed + Rejected + Ends;
}

/// <summary>
/// Claimed entries, locked against every other worker until <see cref="Complete"/> commits the results; disposing
/// without completing (or dying) releases them, pending as before, for another worker.
/// </summary>
public interface IQueueClaim : IDisposable
{
    IReadOnlyList<ClaimedArticle> Items { get; }

    void Complete(IReadOnlyList<AnalysisResult> results);
}

/// <summary>
/// A work queue that several worker processes share (PostgreSQL): input articles are appended in order; any worker
/// claims pending ones and analyses them; one worker at a time, holding the store's writer lock, reads the entries in
/// queue order and places them in stories. Each entry is analysed once (a claim commits its results or none) and
/// placed once (it is deleted in the transaction that stores its article).
/// </summary>
public interface IArticleQueue
{
    /// <summary>Appends articles (<see cref="Stories.AnalyzedArticleCodec.EncodeArticle"/>) in order, in one transaction.</summary>
    /// <param name="endOfInput">Also append an end-of-input mark: the placer places everything before it without waiting for more.</param>
    void Enqueue(IReadOnlyList<(string Source, byte[] Article)> articles, bool endOfInput);

    /// <summary>Claims up to <paramref name="max"/> pending entries that no other worker holds, oldest first; null when there are none.</summary>
    IQueueClaim? Claim(string worker, int max);

    /// <summary>Entries after <paramref name="after"/> in queue order, at most <paramref name="max"/>.</summary>
    IReadOnlyList<QueueEntry> Entries(long after, int max);

    QueueCounts Counts();

    /// <summary>Takes the store's writer lock if no one holds it; null when another process does.</summary>
    IDisposable? TryLockForWriting();
}
