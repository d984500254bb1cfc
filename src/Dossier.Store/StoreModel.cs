namespace Dossier.Store;

// What a store holds and answers, independent of the backend.

/// <summary>A story as a list shows it: newest first by <see cref="Updated"/>.</summary>
public sealed record StorySummary(
    string Id,
    string Title,
    int Articles,
    int Outlets,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    long Updated);

/// <summary>One page of a longer list, with the total count and where the page starts.</summary>
/// <param name="TotalIsEstimate">The total is estimated from a sample of the newest rows (a PostgreSQL search for a very common word).</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Offset, int Limit, int Total, bool TotalIsEstimate = false);

/// <summary>An article as stored: metadata, cleaned text, what cleaning removed, its flags and its story.</summary>
public sealed record StoredArticle(
    string Id,
    string GivenId,
    string Story,
    string Title,
    string Source,
    string? Url,
    string? Outlet,
    string? Author,
    DateTimeOffset? Published,
    int Sentences,
    string Text,
    IReadOnlyList<Removal> Removed,
    IReadOnlyList<Flag> Flags,
    long Sequence);

/// <summary>An entity across stories: its canonical id and name, type, mentions, and how many stories involve it.</summary>
public sealed record EntitySummary(string Id, string Name, string Type, int Mentions, int Stories);

/// <summary>
/// A search: words and "quoted phrases" (all must match), optional filters, and the page wanted.
/// <see cref="Entity"/> is an entity id ("person:vladimir-putin") or a name or alias.
/// </summary>
public sealed record SearchQuery(
    string Text,
    SearchKind Kind = SearchKind.Articles,
    string? Entity = null,
    string? Outlet = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Offset = 0,
    int Limit = 20);

public enum SearchKind
{
    Articles,
    Stories,
}

/// <summary>A piece of a snippet: plain text, or text that matched the query.</summary>
public sealed record SnippetPart(string Text, bool Match);

/// <summary>A search result: an article (with its story) or a story (then <see cref="Story"/> equals <see cref="Id"/>).</summary>
public sealed record SearchHit(
    string Id,
    string Story,
    string Title,
    string? Outlet,
    DateTimeOffset? Published,
    double Score,
    IReadOnlyList<SnippetPart> Snippet);

/// <summary>The store's figures: what it holds.</summary>
public sealed record StoreStats(long Articles, int Stories, int SchemaVersion);

/// <summary>A query the store cannot run, with what is wrong in words a user can act on.</summary>
public sealed class StoreQueryException(string message) : Exception(message);

/// <summary>Another process is writing to the store.</summary>
public sealed class StoreBusyException(string message) : Exception(message);

/// <summary>Page bounds every store enforces.</summary>
public static class StorePages
{
    /// <summary>The largest page any list returns.</summary>
    public const int MaxPage = 200;

    /// <summary>How many of the newest matches a search ranks when there are more; the total still counts all.</summary>
    public const int RankWindow = 4000;

    /// <exception cref="StoreQueryException">A negative offset, or a limit outside 1–<see cref="MaxPage"/>.</exception>
    public static void Check(int offset, int limit)
    {
        if (offset < 0) throw new StoreQueryException($"offset {offset} is negative");
        if (limit is < 1 or > MaxPage) throw new StoreQueryException($"limit {limit} is outside 1–{MaxPage}");
    }
}

/// <summary>Dates as stores keep them: round-trip ISO 8601 text, offset included.</summary>
internal static class StoreDates
{
    public static string? Format(DateTimeOffset? d) => d?.ToString("o", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? s) =>
        s is null ? null : DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
}
