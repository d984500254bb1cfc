using System.Xml;
using System.Xml.Linq;

namespace Dossier.Ingest;

/// <summary>
/// RSS 2.0 and Atom feeds with full-text items. Each item becomes an article: its full content
/// (<c>content:encoded</c> or Atom <c>content</c>, else the description or summary) converted from HTML to text;
/// the channel or feed title is the outlet. DTDs are refused, so a feed cannot expand entities or fetch anything.
/// </summary>
internal static class FeedReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public static IEnumerable<InputItem> Read(string path, string xml, ReaderOptions options)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return [InputItem.Rejected(path, $"not a well-formed XML feed: {e.Message}")];
        }
        var root = document.Root!;
        if (root.Name.LocalName == "rss") return ReadRss(path, root, options);
        if (root.Name == Atom + "feed") return ReadAtom(path, root, options);
        return [InputItem.Rejected(path, $"XML root element is <{root.Name.LocalName}>, not an RSS 2.0 <rss> or Atom <feed>")];
    }

    private static List<InputItem> ReadRss(string path, XElement root, ReaderOptions options)
    {
        var channel = root.Element("channel");
        var outlet = channel?.Element("title")?.Value.Trim();
        var items = new List<InputItem>();
        var n = 0;
        foreach (var item in channel?.Elements("item") ?? [])
        {
            n++;
            var html = item.Element(Content + "encoded")?.Value ?? item.Element("description")?.Value;
            var link = item.Element("link")?.Value.Trim();
            var guid = item.Element("guid")?.Value.Trim();
            var date = item.Element("pubDate")?.Value ?? item.Element(DublinCore + "date")?.Value;
            var author = item.Element(DublinCore + "creator")?.Value ?? item.Element("author")?.Value;
            items.Add(MakeArticle(path, n, item.Element("title")?.Value, html, guid ?? link, link, outlet, author, date, options));
        }
        if (n == 0) items.Add(InputItem.Rejected(path, "RSS feed with no <item> elements"));
        return items;
    }

    private static List<InputItem> ReadAtom(string path, XElement root, ReaderOptions options)
    {
        var outlet = root.Element(Atom + "title")?.Value.Trim();
        var items = new List<InputItem>();
        var n = 0;
        foreach (var entry in root.Elements(Atom + "entry"))
        {
            n++;
            var html = entry.Element(Atom + "content")?.Value ?? entry.Element(Atom + "summary")?.Value;
            var link = entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
            var date = entry.Element(Atom + "published")?.Value ?? entry.Element(Atom + "updated")?.Value;
            var author = entry.Element(Atom + "author")?.Element(Atom + "name")?.Value;
            items.Add(MakeArticle(path, n, entry.Element(Atom + "title")?.Value, html, entry.Element(Atom + "id")?.Value.Trim() ?? link, link, outlet, author, date, options));
        }
        if (n == 0) items.Add(InputItem.Rejected(path, "Atom feed with no <entry> elements"));
        return items;
    }

    private static InputItem MakeArticle(string path, int n, string? title, string? html, string? id, string? link, string? outlet, string? author, string? date, ReaderOptions options)
    {
        var source = $"{path}#item{n}";
        var text = html is null ? "" : HtmlText.ToText(html);
        if (HtmlReader.CountWords(text) < options.MinWords) return InputItem.Rejected(source, "feed item with no full text (content and description are empty or too short)");
        var published = InputReader.ParseDate(date);
        var article = new Article(string.IsNullOrEmpty(id) ? $"{InputReader.IdFromPath(path)}-{n}" : id, HtmlText.ToText(title ?? ""), text, link ?? source)
        {
            Url = link,
            Outlet = string.IsNullOrEmpty(outlet) ? null : outlet,
            Author = string.IsNullOrWhiteSpace(author) ? null : author.Trim(),
            Published = published,
        };
        if (date is not null && published is null) article.Flags.Add(InputReader.BadDate("pubDate", date));
        return InputItem.Of(article);
    }
}
