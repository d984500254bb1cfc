using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Dossier.Ingest;

/// <summary>Turns an HTML fragment (a feed item's content) into plain text with one line per block element.</summary>
internal static class HtmlText
{
    private static readonly HtmlParser Parser = new();

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "header", "footer", "figcaption", "pre", "hr",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "iframe", "svg" };

    public static string ToText(string html)
    {
        if (!html.Contains('<', StringComparison.Ordinal) && !html.Contains('&', StringComparison.Ordinal)) return html.Trim();
        var document = Parser.ParseDocument("<html><body>" + html + "</body></html>");
        var sb = new StringBuilder(html.Length);
        if (document.Body is not null) Append(document.Body, sb);
        return Normalise(sb.ToString());
    }

    private static void Append(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                sb.Append(text.Data);
                continue;
            }
            if (child is not IElement element || Skipped.Contains(element.LocalName)) continue;
            var block = Blocks.Contains(element.LocalName);
            if (block) sb.Append("\n\n");
            Append(element, sb);
            if (block) sb.Append("\n\n");
        }
    }

    /// <summary>Collapses runs of spaces inside lines and runs of blank lines to one.</summary>
    internal static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        var blank = false;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range).Trim();
            if (line.IsEmpty)
            {
                blank = sb.Length > 0;
                continue;
            }
            if (sb.Length > 0) sb.Append(blank ? "\n\n" : "\n");
            blank = false;
            var space = false;
            foreach (var c in line)
            {
                if (char.IsWhiteSpace(c)) { space = true; continue; }
                if (space) sb.Append(' ');
                space = false;
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
