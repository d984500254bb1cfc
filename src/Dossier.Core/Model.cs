namespace Dossier;

// The dossier as Dossier writes it (JSON is the canonical form; see schema/dossier.schema.json).
// Every collection is present, empty when there is nothing in it.

public sealed record DigestResult(
    IReadOnlyList<ArticleRecord> Articles,
    IReadOnlyList<StoryRecord> Stories,
    IReadOnlyList<Rejection> Rejected);

public sealed record ArticleRecord(
    string Id,
    string Title,
    string Source,
    string? Url,
    string? Outlet,
    string? Author,
    DateTimeOffset? Published,
    int Sentences,
    IReadOnlyList<Removal> Removed,
    IReadOnlyList<Flag> Flags);

public sealed record StoryRecord(
    string Id,
    string Title,
    IReadOnlyList<string> Articles,
    int Outlets,
    IReadOnlyList<SummarySentence> Summary,
    IReadOnlyList<EntityRecord> Entities,
    IReadOnlyList<QuoteRecord> Quotes,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<CoverageDay> Coverage);

/// <summary>A summary sentence, the sentence it was taken from first, and every other sentence that says the same.</summary>
public sealed record SummarySentence(string Text, IReadOnlyList<SentenceRef> Sources, int Outlets);

/// <summary>Sentence <see cref="Sentence"/> (0-based, in the cleaned body) of article <see cref="Article"/>.</summary>
public sealed record SentenceRef(string Article, int Sentence, string Text);

public sealed record EntityRecord(string Id, string Name, string Type, IReadOnlyList<string> Aliases, int Mentions);

public sealed record QuoteRecord(string Text, string? Speaker, string Article);

/// <summary>
/// A dated event: its TIMEX3 date value ("2017-04-04"; "XXXX-04-04" when the year is unknown), a short description
/// taken from the sentence, and every sentence that reports it.
/// </summary>
public sealed record TimelineEntry(string Date, string Text, IReadOnlyList<SentenceRef> Sources);

/// <summary>How many of the story's articles were published on a day (YYYY-MM-DD, as the articles give it).</summary>
public sealed record CoverageDay(string Date, int Articles);
