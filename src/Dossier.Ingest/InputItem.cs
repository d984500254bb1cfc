namespace Dossier.Ingest;

/// <summary>One result of reading input: an article, or an input that was rejected and why.</summary>
public readonly record struct InputItem(Article? Article, Rejection? Rejection)
{
    public static InputItem Of(Article article) => new(article, null);
    public static InputItem Rejected(string source, string reason) => new(null, new Rejection(source, reason));
}

/// <summary>Limits that protect a run from hostile or broken input. Immutable.</summary>
public sealed record ReaderOptions
{
    /// <summary>10 MB: larger than any real article page; a larger file is rejected unread.</summary>
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    /// <summary>The largest file (or, in JSONL, the largest single line) that is read.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>A page whose main text has fewer words than this is rejected as having no main text.</summary>
    public int MinWords { get; init; } = 5;
}
