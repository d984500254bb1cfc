namespace Dossier.Ingest;

/// <summary>
/// HTML pages, through SmartReader (a maintained port of Mozilla's Readability): the main text, the title
/// without the site name, the byline and the publication date from the page's metadata.
/// </summary>
internal static class HtmlReader
{
    public static InputItem Read(string path, string html, ReaderOptions options)
    {
        SmartReader.Article page;
        try
        {
            // The URL only resolves relative links; nothing is fetched.
            var reader = new SmartReader.Reader("file:///" + Uri.EscapeDataString(Path.GetFileName(path)), html) { CharThreshold = 100 };
            page = reader.GetArticle();
        }
#pragma warning disable CA1031 // a page that breaks the extractor is one rejected input, not a crashed run
        catch (Exception e)
#pragma warning restore CA1031
        {
            return InputItem.Rejected(path, $"HTML could not be parsed: {e.Message}");
        }
        var text = HtmlText.Normalise(page.TextContent ?? "");
        if (CountWords(text) < options.MinWords) return InputItem.Rejected(path, "HTML page with no main text (no article body was found)");
        var title = StripSiteName(page.Title ?? "", page.SiteName);
        if (string.IsNullOrWhiteSpace(title)) title = FirstLine(text);
        var author = string.IsNullOrWhiteSpace(page.Author) ? (string.IsNullOrWhiteSpace(page.Byline) ? null : page.Byline) : page.Author;
        DateTimeOffset? published = page.PublicationDate is { } d && d.Year > 1
            ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc))
            : null;
        return InputItem.Of(new Article(InputReader.IdFromPath(path), title.Trim(), text, path)
        {
            Outlet = string.IsNullOrWhiteSpace(page.SiteName) ? null : page.SiteName.Trim(),
            Author = author?.Trim(),
            Published = published,
        });
    }

    private static string StripSiteName(string title, string? site)
    {
        if (string.IsNullOrWhiteSpace(site)) return title;
        foreach (var separator in new[] { " - ", " | ", " \u2013 ", " \u2014 ", " :: " })
        {
            var suffix = separator + site.Trim();
            if (title.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return title[..^suffix.Length];
        }
        return title;
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }

    internal static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
