namespace Dossier.Ingest;

/// <summary>
/// Plain-text articles: optional leading <c>Key: value</c> lines (Title, Date or Published, Outlet or Source,
/// URL, Author or By, Id), then the headline (the first non-empty line, unless a Title: line gave it), then the body.
/// Only those keys are metadata, so a headline such as "Syria: talks resume" is not mistaken for one.
/// </summary>
internal static class TextReader
{
    private static readonly HashSet<string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        "title", "date", "published", "outlet", "source", "url", "author", "by", "id",
    };

    public static InputItem Read(string path, string content)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        string? headline = null;
        while (position < content.Length)
        {
            var newline = content.IndexOf('\n', position);
            var lineEnd = newline < 0 ? content.Length : newline;
            var line = content.AsSpan(position, lineEnd - position).Trim();
            var next = newline < 0 ? content.Length : newline + 1;
            if (line.IsEmpty)
            {
                position = next;
                continue;
            }
            var colon = line.IndexOf(':');
            if (headline is null && colon > 0 && Keys.Contains(line[..colon].Trim().ToString()))
            {
                meta[line[..colon].Trim().ToString()] = line[(colon + 1)..].Trim().ToString();
                position = next;
                continue;
            }
            if (headline is null && !meta.ContainsKey("title"))
            {
                headline = line.ToString();
                position = next;
            }
            break;
        }
        headline ??= meta.GetValueOrDefault("title");
        var body = position < content.Length ? content[position..].Replace("\r\n", "\n", StringComparison.Ordinal) : "";
        if (string.IsNullOrWhiteSpace(headline)) return InputItem.Rejected(path, "no headline: the file has no non-empty line");
        if (string.IsNullOrWhiteSpace(body)) return InputItem.Rejected(path, "no body text after the headline");
        var dateText = meta.GetValueOrDefault("date") ?? meta.GetValueOrDefault("published");
        var published = InputReader.ParseDate(dateText);
        var article = new Article(meta.GetValueOrDefault("id") ?? InputReader.IdFromPath(path), headline, body, path)
        {
            Url = meta.GetValueOrDefault("url"),
            Outlet = meta.GetValueOrDefault("outlet") ?? meta.GetValueOrDefault("source"),
            Author = meta.GetValueOrDefault("author") ?? meta.GetValueOrDefault("by"),
            Published = published,
        };
        if (dateText is not null && published is null) article.Flags.Add(InputReader.BadDate("Date", dateText));
        return InputItem.Of(article);
    }
}
