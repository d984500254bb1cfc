using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Dossier.Text;

/// <summary>
/// A TimeML document (<c>.tml</c>): the markup as read, the plain text of its <c>&lt;TEXT&gt;</c> element (tags removed,
/// character references decoded), the TIMEX3 elements inside that text in plain-text offsets, and the creation date
/// from the TIMEX3 whose <c>functionInDocument</c> is <c>CREATION_TIME</c>.
/// <para>
/// Written here rather than read with an XML parser: the corpora are not always well-formed outside TEXT, and writing
/// tags back needs the exact character positions of the markup, which XML readers do not keep.
/// </para>
/// </summary>
public sealed partial class TimeMLDocument
{
    private readonly string _markup;
    private readonly int _textStart;
    private readonly int _textEnd;
    private readonly Region _region;

    private TimeMLDocument(string markup, int textStart, int textEnd, Region region, IReadOnlyList<TimeMention> timexes, DateOnly? creationDate)
    {
        _markup = markup;
        _textStart = textStart;
        _textEnd = textEnd;
        _region = region;
        Text = region.Plain;
        Timexes = timexes;
        CreationDate = creationDate;
    }

    /// <summary>The plain text of the TEXT element.</summary>
    public string Text { get; }

    /// <summary>The TIMEX3 annotations inside TEXT, in plain-text offsets, in document order.</summary>
    public IReadOnlyList<TimeMention> Timexes { get; }

    /// <summary>The document creation time's day, or null when the document gives none.</summary>
    public DateOnly? CreationDate { get; }

    [GeneratedRegex(@"<TEXT\b[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TextOpen();

    [GeneratedRegex(@"<TIMEX3\b([^>]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex TimexOpen();

    [GeneratedRegex(@"(\w+)\s*=\s*""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();

    /// <summary>Reads a TimeML document. A document without a TEXT element, or with a malformed TIMEX3 in it, is a <see cref="FormatException"/>.</summary>
    public static TimeMLDocument Parse(string markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        var open = TextOpen().Match(markup);
        if (!open.Success) throw new FormatException("no <TEXT> element");
        var textStart = open.Index + open.Length;
        var textEnd = markup.IndexOf("</TEXT>", textStart, StringComparison.Ordinal);
        if (textEnd < 0) throw new FormatException("<TEXT> is not closed");

        DateOnly? dct = null;
        foreach (Match m in TimexOpen().Matches(markup))
        {
            var attributes = Attributes(m.Groups[1].Value);
            if (attributes.GetValueOrDefault("functionInDocument") != "CREATION_TIME") continue;
            var value = attributes.GetValueOrDefault("value") ?? "";
            if (value.Length >= 10 && DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) dct = d;
            break;
        }

        var region = Scan(markup, textStart, textEnd);
        var timexes = new List<TimeMention>();
        var openAt = -1;
        Dictionary<string, string>? openAttributes = null;
        foreach (var tag in region.Tags)
        {
            if (tag.Name != "TIMEX3") continue;
            if (!tag.Closing)
            {
                if (openAt >= 0) throw new FormatException($"TIMEX3 at character {tag.RawStart} opens inside another TIMEX3");
                openAt = tag.PlainAt;
                openAttributes = Attributes(markup[tag.RawStart..tag.RawEnd]);
                continue;
            }
            if (openAt < 0 || openAttributes is null) throw new FormatException($"</TIMEX3> at character {tag.RawStart} closes nothing");
            var type = openAttributes.GetValueOrDefault("type") switch
            {
                "DATE" => TimexType.Date,
                "TIME" => TimexType.Time,
                "DURATION" => TimexType.Duration,
                "SET" => TimexType.Set,
                var other => throw new FormatException($"TIMEX3 {openAttributes.GetValueOrDefault("tid")} has type '{other}'; expected DATE, TIME, DURATION or SET"),
            };
            if (tag.PlainAt > openAt) timexes.Add(new TimeMention(openAt, tag.PlainAt, type, openAttributes.GetValueOrDefault("value") is { Length: > 0 } v ? v : "X"));
            openAt = -1;
        }
        if (openAt >= 0) throw new FormatException("a TIMEX3 in TEXT is not closed");
        return new TimeMLDocument(markup, textStart, textEnd, region, timexes, dct);
    }

    private static Dictionary<string, string> Attributes(string tag)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match a in Attribute().Matches(tag)) result[a.Groups[1].Value] = WebUtility.HtmlDecode(a.Groups[2].Value);
        return result;
    }

    /// <summary>
    /// The same document with every TIMEX3 inside TEXT replaced by <paramref name="timexes"/> (plain-text offsets of
    /// <see cref="Text"/>), numbered t1, t2, … in order. An expression whose tags would cross another element's is left out.
    /// </summary>
    public string WithTimexes(IEnumerable<TimeMention> timexes)
    {
        ArgumentNullException.ThrowIfNull(timexes);
        var stripped = new StringBuilder();
        stripped.Append(_markup, 0, _textStart);
        var last = _textStart;
        foreach (var tag in _region.Tags)
        {
            if (tag.Name != "TIMEX3") continue;
            stripped.Append(_markup, last, tag.RawStart - last);
            last = tag.RawEnd;
        }
        stripped.Append(_markup, last, _textEnd - last);
        var newTextEnd = stripped.Length;
        stripped.Append(_markup, _textEnd, _markup.Length - _textEnd);
        var markup = stripped.ToString();
        var scan = Scan(markup, _textStart, newTextEnd);

        var inserts = new List<(int At, int Order, string Tag)>();
        var id = 0;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in TimexOpen().Matches(markup))
        {
            if (Attributes(m.Groups[1].Value).GetValueOrDefault("tid") is { } tid) used.Add(tid);
        }
        foreach (var t in timexes.OrderBy(t => t.Start).ThenBy(t => t.End))
        {
            if (t.Start < 0 || t.End > scan.Plain.Length || t.Start >= t.End) continue;
            var start = scan.RawOf[t.Start];
            while (scan.TagEndingAt(start) is { Closing: false } opening) start = opening.RawStart;
            var end = scan.RawOf[t.End - 1] + scan.RawLength[t.End - 1];
            while (scan.TagStartingAt(end) is { Closing: true } closing) end = closing.RawEnd;
            if (!scan.Balanced(start, end)) continue;
            string tidValue;
            do tidValue = "t" + (++id).ToString(CultureInfo.InvariantCulture);
            while (used.Contains(tidValue));
            var open = $"<TIMEX3 tid=\"{tidValue}\" type=\"{t.Type.ToTimeML()}\" value=\"{WebUtility.HtmlEncode(t.Value)}\">";
            inserts.Add((start, 1, open));
            inserts.Add((end, 0, "</TIMEX3>"));
        }
        inserts.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Order.CompareTo(b.Order));
        var output = new StringBuilder(markup.Length + inserts.Count * 40);
        var at = 0;
        foreach (var (position, _, tag) in inserts)
        {
            output.Append(markup, at, position - at);
            output.Append(tag);
            at = position;
        }
        output.Append(markup, at, markup.Length - at);
        return output.ToString();
    }

    private readonly record struct Tag(string Name, bool Closing, int RawStart, int RawEnd, int PlainAt);

    /// <summary>The plain text of markup[start, end) with, for each plain character, where it came from.</summary>
    private sealed class Region
    {
        public string Plain = "";
        public List<Tag> Tags = [];
        public int[] RawOf = [];
        public int[] RawLength = [];
        private Dictionary<int, Tag> _byStart = [];
        private Dictionary<int, Tag> _byEnd = [];

        public void Index()
        {
            _byStart = [];
            _byEnd = [];
            foreach (var t in Tags)
            {
                _byStart[t.RawStart] = t;
                _byEnd[t.RawEnd] = t;
            }
        }

        public Tag? TagStartingAt(int raw) => _byStart.TryGetValue(raw, out var t) ? t : null;
        public Tag? TagEndingAt(int raw) => _byEnd.TryGetValue(raw, out var t) ? t : null;

        /// <summary>True when the elements that open in [start, end) close there too, and nothing closes that opened before.</summary>
        public bool Balanced(int start, int end)
        {
            var depth = 0;
            foreach (var t in Tags)
            {
                if (t.RawStart < start || t.RawEnd > end) continue;
                if (t.Closing)
                {
                    if (--depth < 0) return false;
                }
                else depth++;
            }
            return depth == 0;
        }
    }

    private static Region Scan(string markup, int start, int end)
    {
        var plain = new StringBuilder(end - start);
        var rawOf = new List<int>(end - start);
        var rawLength = new List<int>(end - start);
        var region = new Region();
        var i = start;
        while (i < end)
        {
            var c = markup[i];
            if (c == '<')
            {
                var close = markup.IndexOf('>', i);
                if (close < 0 || close >= end) throw new FormatException($"unclosed tag at character {i}");
                var body = markup.AsSpan(i + 1, close - i - 1);
                if (body.Length > 0 && body[0] is not ('!' or '?'))
                {
                    var closing = body[0] == '/';
                    var nameSpan = closing ? body[1..] : body;
                    var stop = nameSpan.IndexOfAny(" \t\r\n/");
                    var name = (stop < 0 ? nameSpan : nameSpan[..stop]).ToString();
                    var selfClosing = body[^1] == '/';
                    if (!selfClosing) region.Tags.Add(new Tag(name, closing, i, close + 1, plain.Length));
                }
                i = close + 1;
                continue;
            }
            if (c == '&')
            {
                var semi = markup.IndexOf(';', i);
                if (semi > i && semi < end && semi - i <= 10)
                {
                    var decoded = WebUtility.HtmlDecode(markup[i..(semi + 1)]);
                    if (decoded.Length == 1)
                    {
                        plain.Append(decoded[0]);
                        rawOf.Add(i);
                        rawLength.Add(semi + 1 - i);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            plain.Append(c);
            rawOf.Add(i);
            rawLength.Add(1);
            i++;
        }
        region.Plain = plain.ToString();
        region.RawOf = [.. rawOf];
        region.RawLength = [.. rawLength];
        region.Index();
        return region;
    }
}
