namespace Dossier;

/// <summary>A piece of boilerplate taken out of an article, and why.</summary>
public sealed record Removal(string Text, string Reason);

/// <summary>Something a reader should know about an article, with the text that shows it.</summary>
public sealed record Flag(string Kind, string Evidence);

/// <summary>An article as read from its source, before and after cleaning.</summary>
public sealed class Article
{
    public Article(string id, string title, string body, string source)
    {
        Id = id;
        Title = title;
        Body = body;
        Source = source;
    }

    /// <summary>Unique within one run.</summary>
    public string Id { get; set; }
    public string Title { get; set; }
    /// <summary>The body text as read (after any HTML extraction), before cleaning.</summary>
    public string Body { get; set; }
    /// <summary>A file path (with line for JSONL) or URL.</summary>
    public string Source { get; }
    public string? Url { get; init; }
    public string? Outlet { get; set; }
    public string? Author { get; set; }
    /// <summary>Publication time as given by the source; null when it gave none.</summary>
    public DateTimeOffset? Published { get; init; }
    public List<Removal> Removed { get; } = [];
    public List<Flag> Flags { get; } = [];
}

/// <summary>An input that could not be read, and why.</summary>
public sealed record Rejection(string Source, string Reason);
