using System.Globalization;

namespace Dossier.Reports;

/// <summary>A dossier as Markdown: one section per story, then the articles and what was removed from them.</summary>
public static class MarkdownReport
{
    public static void Write(DigestResult digest, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(w);
        var titles = digest.Articles.ToDictionary(a => a.Id, a => a.Title, StringComparer.Ordinal);
        w.WriteLine("# Dossier");
        w.WriteLine();
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{digest.Stories.Count} stories from {digest.Articles.Count} articles; {digest.Rejected.Count} inputs rejected."));
        foreach (var story in digest.Stories)
        {
            w.WriteLine();
            w.WriteLine($"## {Escape(story.Title)}");
            w.WriteLine();
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Story `{story.Id}`: {story.Articles.Count} articles, {story.Outlets} outlets."));
            w.WriteLine();
            w.WriteLine("### Summary");
            w.WriteLine();
            foreach (var s in story.Summary)
            {
                var cites = string.Join("; ", s.Sources.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Article} #{r.Sentence}")));
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {Escape(s.Text)} [{cites}; {s.Outlets} outlet{(s.Outlets == 1 ? "" : "s")}]"));
            }
            if (story.Entities.Count > 0)
            {
                w.WriteLine();
                w.WriteLine("### Who and where");
                w.WriteLine();
                foreach (var group in story.Entities.GroupBy(e => e.Type))
                {
                    var names = group.Select(e => e.Aliases.Count == 0 ? Escape(e.Name) : $"{Escape(e.Name)} (also {Escape(string.Join(", ", e.Aliases))})");
                    w.WriteLine($"- **{group.Key}**: {string.Join("; ", names)}");
                }
            }
            if (story.Quotes.Count > 0)
            {
                w.WriteLine();
                w.WriteLine("### Quotes");
                w.WriteLine();
                foreach (var q in story.Quotes)
                    w.WriteLine($"- \u201C{Escape(q.Text)}\u201D \u2014 {Escape(q.Speaker ?? "unattributed")} ({q.Article})");
            }
            if (story.Timeline.Count > 0)
            {
                w.WriteLine();
                w.WriteLine("### Timeline");
                w.WriteLine();
                foreach (var t in story.Timeline)
                    w.WriteLine($"- {t.Date}: {Escape(t.Text)} ({string.Join(", ", t.Sources.Select(s => $"{s.Article}#{s.Sentence}"))})");
            }
            if (story.Coverage.Count > 0)
            {
                w.WriteLine();
                w.WriteLine("### Coverage");
                w.WriteLine();
                foreach (var c in story.Coverage) w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {c.Date}: {c.Articles} article{(c.Articles == 1 ? "" : "s")}"));
            }
            w.WriteLine();
            w.WriteLine("### Articles");
            w.WriteLine();
            foreach (var id in story.Articles) w.WriteLine($"- `{id}` {Escape(titles.GetValueOrDefault(id) ?? "")}");
        }
        w.WriteLine();
        w.WriteLine("## Articles");
        foreach (var a in digest.Articles)
        {
            w.WriteLine();
            w.WriteLine($"### `{a.Id}` {Escape(a.Title)}");
            w.WriteLine();
            w.WriteLine($"- source: {Escape(a.Source)}");
            if (a.Outlet is not null) w.WriteLine($"- outlet: {Escape(a.Outlet)}");
            if (a.Author is not null) w.WriteLine($"- author: {Escape(a.Author)}");
            if (a.Published is { } p) w.WriteLine($"- published: {p.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}");
            foreach (var r in a.Removed) w.WriteLine($"- removed ({r.Reason}): {Escape(r.Text)}");
            foreach (var f in a.Flags) w.WriteLine($"- flag {f.Kind}: {Escape(f.Evidence)}");
        }
        if (digest.Rejected.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("## Rejected inputs");
            w.WriteLine();
            foreach (var r in digest.Rejected) w.WriteLine($"- {Escape(r.Source)}: {Escape(r.Reason)}");
        }
    }

    /// <summary>Escapes the characters that Markdown would read as markup.</summary>
    private static string Escape(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|') sb.Append('\\');
            sb.Append(c is '\n' or '\r' ? ' ' : c);
        }
        return sb.ToString();
    }
}
