using System.Globalization;
using System.Net;

namespace Dossier.Reports;

/// <summary>
/// A dossier as one self-contained HTML page (inline CSS, no script, no external resources). All article text is
/// HTML-encoded, so nothing from an article can run script or change the page.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
        h1{font-size:1.8rem}h2{margin-top:2.5rem;border-bottom:2px solid #ddd}h3{font-size:1.05rem;color:#444}
        .meta{color:#666;font-size:.9rem}.cite{font-size:.8rem;color:#555;white-space:nowrap}
        .cite a{color:#2a5db0;text-decoration:none}details{margin:.25rem 0}summary{cursor:pointer}
        .tag{display:inline-block;background:#eef;border-radius:3px;padding:0 .3rem;margin:.1rem;font-size:.85rem}
        .removed{color:#8a4b00}.flag{color:#a00}blockquote{margin:.3rem 0 .3rem 1rem;color:#333}
        """;

    public static void Write(DigestResult digest, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(w);
        var titles = digest.Articles.ToDictionary(a => a.Id, a => a.Title, StringComparer.Ordinal);
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        w.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        w.WriteLine($"<title>Dossier: {digest.Stories.Count} stories</title><style>{Style}</style></head><body>");
        w.WriteLine("<h1>Dossier</h1>");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<p class=\"meta\">{digest.Stories.Count} stories from {digest.Articles.Count} articles; {digest.Rejected.Count} inputs rejected.</p>"));
        foreach (var story in digest.Stories)
        {
            w.WriteLine($"<section id=\"{E(story.Id)}\"><h2>{E(story.Title)}</h2>");
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<p class=\"meta\">{story.Articles.Count} articles, {story.Outlets} outlets</p>"));
            w.WriteLine("<h3>Summary</h3><ol>");
            foreach (var s in story.Summary)
            {
                var cites = string.Join(", ", s.Sources.Select(r =>
                    $"<a href=\"#{E(Anchor(r.Article))}\" title=\"{E(r.Text)}\">{E(r.Article)}&nbsp;#{r.Sentence.ToString(CultureInfo.InvariantCulture)}</a>"));
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<li>{E(s.Text)} <span class=\"cite\">[{cites}; {s.Outlets} outlet{(s.Outlets == 1 ? "" : "s")}]</span></li>"));
            }
            w.WriteLine("</ol>");
            if (story.Entities.Count > 0)
            {
                w.WriteLine("<h3>Who and where</h3><p>");
                foreach (var e in story.Entities)
                {
                    var aliases = e.Aliases.Count == 0 ? "" : $" title=\"also: {E(string.Join(", ", e.Aliases))}\"";
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<span class=\"tag\"{aliases}>{E(e.Name)} <small>{E(e.Type)} · {e.Mentions}</small></span>"));
                }
                w.WriteLine("</p>");
            }
            if (story.Quotes.Count > 0)
            {
                w.WriteLine("<h3>Quotes</h3>");
                foreach (var q in story.Quotes)
                    w.WriteLine($"<blockquote>\u201C{E(q.Text)}\u201D \u2014 <b>{E(q.Speaker ?? "unattributed")}</b> <span class=\"cite\">{E(q.Article)}</span></blockquote>");
            }
            if (story.Timeline.Count > 0)
            {
                w.WriteLine("<h3>Timeline</h3><ul>");
                foreach (var t in story.Timeline)
                    w.WriteLine($"<li><b>{E(t.Date)}</b> {E(t.Text)} <span class=\"cite\">[{E(string.Join(", ", t.Sources.Select(s => $"{s.Article}#{s.Sentence}")))}]</span></li>");
                w.WriteLine("</ul>");
            }
            if (story.Coverage.Count > 0)
            {
                w.WriteLine("<h3>Coverage</h3><ul>");
                foreach (var c in story.Coverage) w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<li>{E(c.Date)}: {c.Articles}</li>"));
                w.WriteLine("</ul>");
            }
            w.WriteLine("<h3>Articles</h3><ul>");
            foreach (var id in story.Articles) w.WriteLine($"<li><a href=\"#{E(Anchor(id))}\">{E(titles.GetValueOrDefault(id) ?? id)}</a></li>");
            w.WriteLine("</ul></section>");
        }
        w.WriteLine("<h2>Articles</h2>");
        foreach (var a in digest.Articles)
        {
            w.WriteLine($"<details id=\"{E(Anchor(a.Id))}\"><summary>{E(a.Title)} <span class=\"meta\">{E(a.Id)}</span></summary><ul>");
            w.WriteLine($"<li class=\"meta\">source: {E(a.Source)}</li>");
            if (a.Outlet is not null) w.WriteLine($"<li class=\"meta\">outlet: {E(a.Outlet)}</li>");
            if (a.Author is not null) w.WriteLine($"<li class=\"meta\">author: {E(a.Author)}</li>");
            if (a.Published is { } p) w.WriteLine($"<li class=\"meta\">published: {E(p.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture))}</li>");
            foreach (var r in a.Removed) w.WriteLine($"<li class=\"removed\">removed ({E(r.Reason)}): {E(r.Text)}</li>");
            foreach (var f in a.Flags) w.WriteLine($"<li class=\"flag\">{E(f.Kind)}: {E(f.Evidence)}</li>");
            w.WriteLine("</ul></details>");
        }
        if (digest.Rejected.Count > 0)
        {
            w.WriteLine("<h2>Rejected inputs</h2><ul>");
            foreach (var r in digest.Rejected) w.WriteLine($"<li>{E(r.Source)}: {E(r.Reason)}</li>");
            w.WriteLine("</ul>");
        }
        w.WriteLine("</body></html>");
    }

    private static string Anchor(string articleId) => "a-" + articleId;

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
