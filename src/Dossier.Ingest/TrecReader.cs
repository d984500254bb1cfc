using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dossier.Ingest;

/// <summary>
/// NIST/TREC newswire files (as used by TREC, TDT, DUC and TAC): one or more <c>&lt;DOC&gt;</c> elements, each with a
/// DOCNO, an optional DATE_TIME (or DATE) and HEADLINE, and the story in TEXT. Wire conventions become ordinary text:
/// paragraphs (P elements, or lines indented by the wire's tab) are kept, wrapped lines joined, ``…'' quotes become
/// curly ones, the wire's " _ " dash becomes an em dash, SGML entities are decoded and typesetting codes (&amp;QL;,
/// &amp;UR;) dropped. The outlet and, when no date is given, the day come from the DOCNO (APW19981017.0151).
/// </summary>
internal static partial class TrecReader
{
    [GeneratedRegex(@"<DOC>(.*?)(?:</DOC>|\z)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Doc();

    [GeneratedRegex(@"<TEXT>(.*?)(?:</TEXT>|\z)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextElement();

    [GeneratedRegex(@"</?P\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Paragraph();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]*);")]
    private static partial Regex Entity();

    /// <summary>True when the content starts (after white space) with a DOC element.</summary>
    public static bool Looks(ReadOnlySpan<char> content) => content.TrimStart().StartsWith("<DOC>", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<InputItem> Read(string path, string content)
    {
        var docs = Doc().Matches(content);
        if (docs.Count == 0)
        {
            yield return InputItem.Rejected(path, "no <DOC> element");
            yield break;
        }
        var n = 0;
        foreach (Match doc in docs)
        {
            n++;
            var inner = doc.Groups[1].Value;
            var docNo = Field(inner, "DOCNO");
            var where = docNo is null ? $"{path} (DOC {n})" : $"{path} ({docNo})";
            var text = TextElement().Match(inner);
            if (!text.Success)
            {
                yield return InputItem.Rejected(where, "no <TEXT> element");
                continue;
            }
            var body = Body(text.Groups[1].Value);
            if (string.IsNullOrWhiteSpace(body))
            {
                yield return InputItem.Rejected(where, "empty <TEXT>");
                continue;
            }
            var id = docNo ?? (docs.Count == 1 ? InputReader.IdFromPath(path) : $"{InputReader.IdFromPath(path)}-{n}");
            var dateText = Field(inner, "DATE_TIME") ?? Field(inner, "DATE") ?? Field(inner, "DATETIME");
            var given = ParseDate(dateText);
            var wire = NewswireId.TryParse(docNo, out var outlet, out var day);
            var article = new Article(id, Clean(Field(inner, "HEADLINE") ?? ""), body, where)
            {
                Outlet = wire ? outlet : null,
                Published = given ?? (wire ? day : null),
            };
            if (dateText is not null && given is null) article.Flags.Add(InputReader.BadDate("DATE_TIME", dateText));
            yield return InputItem.Of(article);
        }
    }

    private static string? Field(string doc, string name)
    {
        var start = doc.IndexOf($"<{name}>", StringComparison.OrdinalIgnoreCase);
        if (start < 0) return null;
        start += name.Length + 2;
        var end = doc.IndexOf($"</{name}>", start, StringComparison.OrdinalIgnoreCase);
        var value = (end < 0 ? doc[start..] : doc[start..end]).Trim();
        return value.Length == 0 ? null : value;
    }

    private static DateTimeOffset? ParseDate(string? value)
    {
        if (value is null) return null;
        string[] formats = ["MM/dd/yyyy HH:mm:ss", "M/d/yyyy HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "yyyyMMdd"];
        return DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
            ? d
            : InputReader.ParseDate(value);
    }

    /// <summary>The story text: one paragraph per line pair, wrapped lines joined.</summary>
    private static string Body(string text)
    {
        var sb = new StringBuilder();
        var paragraph = new StringBuilder();
        void Flush()
        {
            var p = Clean(paragraph.ToString());
            paragraph.Clear();
            if (p.Length == 0) return;
            if (sb.Length > 0) sb.Append("\n\n");
            sb.Append(p);
        }
        // A P element, a blank line or an indented line starts a paragraph.
        foreach (var line in Paragraph().Replace(text, "\n\n").Split('\n'))
        {
            if (line.Trim().Length == 0 || char.IsWhiteSpace(line[0])) Flush();
            paragraph.Append(' ').Append(line.Trim());
        }
        Flush();
        return sb.ToString();
    }

    /// <summary>Markup, entities and wire conventions turned into plain text on one line.</summary>
    private static string Clean(string text)
    {
        text = Tag().Replace(text, " ");
        text = Entity().Replace(text, m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            "amp" => "&", "lt" => "<", "gt" => ">", "quot" => "\"", "apos" => "'",
            _ => " ", // typesetting codes
        });
        var sb = new StringBuilder(text.Length);
        foreach (var word in text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(word switch
            {
                "_" => "\u2014",
                _ => word.Replace("``", "\u201C", StringComparison.Ordinal).Replace("''", "\u201D", StringComparison.Ordinal),
            });
        }
        return sb.ToString();
    }
}
