namespace Dossier.Text;

/// <summary>What cleaning kept, what it removed, and the author it found in a byline.</summary>
public sealed record CleanedText(string Text, IReadOnlyList<Removal> Removed, string? Author);

/// <summary>
/// Removes lines that are not part of the story. It works line by line and removes a whole line or nothing;
/// the rules, in the order they are tried:
/// <list type="number">
/// <item><c>related-links</c>: the line starts with a related-links label ("More news:", "Read more:", "See also:", …).</item>
/// <item><c>byline</c>: the line is only a name of two to four capitalised words after a bullet or dash
/// ("• Leroy Wright") or after "By", "Written by", "Reporting by"; the name becomes the article's author.</item>
/// <item><c>share-subscribe</c>: a line of at most 15 words asking to share, subscribe, follow or sign up, or a copyright line.</item>
/// <item><c>caption</c>: a line that starts with a caption label ("Photo:", "Image:", "Credit:") or ends with an agency photo credit.</item>
/// <item><c>section-furniture</c>: a line of at most 4 words without sentence-ending punctuation ("Other news", "Advertisement").</item>
/// <item><c>caption</c>: a line of 5 to 30 words that does not end as a sentence does (. ! ? … or a closing quotation mark or bracket):
/// news prose always ends its paragraphs with punctuation, captions and furniture do not.</item>
/// </list>
/// Then <c>dateline</c>: the place line that opens a wire story ("CAPE TOWN, South Africa (AP) —") is taken off the
/// start of the first kept line: a place in capitals, optionally a region, a date and an agency in brackets, then a
/// dash. The last two line rules apply only when the article has prose (a kept line that ends as a sentence), so a body
/// that is one unpunctuated line is kept whole. Anything else is kept, so a long unpunctuated paragraph
/// (a truncated feed item) stays. Thread-safe.
/// </summary>
public static partial class BoilerplateCleaner
{
    public const string Dateline = "dateline";

    public const string RelatedLinks = "related-links";
    public const string Byline = "byline";
    public const string ShareSubscribe = "share-subscribe";
    public const string Caption = "caption";
    public const string SectionFurniture = "section-furniture";

    private static readonly string[] RelatedLabels =
    [
        "more news:", "read more:", "read also:", "also read:", "related:", "related news:", "related stories:",
        "see also:", "recommended:", "more:", "watch:", "further reading:", "you may also like:", "more from",
        "related articles:", "trending:", "don't miss:", "most popular:",
    ];

    private static readonly string[] ShareMarkers =
    [
        "share this", "share on", "subscribe", "sign up for", "newsletter", "follow us", "click here",
        "download our app", "all rights reserved", "\u00A9", "copyright", "share via", "tweet this", "like us on",
    ];

    private static readonly string[] CaptionLabels = ["photo:", "image:", "picture:", "credit:", "caption:", "photograph:", "(photo", "file photo", "pictured:"];

    private static readonly string[] CaptionCredits = ["getty images", "(reuters)", "ap photo", "/afp", "(afp)", "/reuters", "shutterstock", "(ap)"];

    private static readonly string[] BylinePrefixes = ["by ", "written by ", "reporting by ", "words by ", "story by "];

    public static CleanedText Clean(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var removed = new List<Removal>();
        string? author = null;
        var kept = new System.Text.StringBuilder(body.Length);
        var blankPending = false;
        var hasProse = false;
        foreach (var range in body.AsSpan().Split('\n'))
        {
            var line = body.AsSpan(range).Trim();
            if (!line.IsEmpty && EndsAsSentence(line) && Classify(line, true, out _) is null)
            {
                hasProse = true;
                break;
            }
        }
        foreach (var range in body.AsSpan().Split('\n'))
        {
            var line = body.AsSpan(range).Trim();
            if (line.IsEmpty)
            {
                blankPending = kept.Length > 0;
                continue;
            }
            var reason = Classify(line, hasProse, out var name);
            if (reason is not null)
            {
                removed.Add(new Removal(line.ToString(), reason));
                if (name is not null) author ??= name;
                continue;
            }
            if (kept.Length == 0 && DatelinePattern().Match(line.ToString()) is { Success: true } dateline)
            {
                removed.Add(new Removal(dateline.Groups[1].Value, Dateline));
                line = line[dateline.Length..];
            }
            if (kept.Length > 0) kept.Append(blankPending ? "\n\n" : "\n");
            blankPending = false;
            kept.Append(line);
        }
        return new CleanedText(kept.ToString(), removed, author);
    }

    // "LONDON (AP) —", "BUENOS AIRES, Argentina —", "WASHINGTON, May 3 (Reuters) -": capitals (a place), then up to two
    // capitalised names, a month and day, an agency in brackets, and a dash followed by the story's first word.
    [System.Text.RegularExpressions.GeneratedRegex(@"^([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}(?:, [A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}){0,2}(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z][\w .&\-]{0,30}\))?) ?[\u2014\u2013\-_:]+ (?=\S)")]
    private static partial System.Text.RegularExpressions.Regex DatelinePattern();

    /// <summary>The reason a line is boilerplate, or null when it is story text.</summary>
    /// <param name="line">One line, trimmed.</param>
    /// <param name="articleHasProse">Whether the article has sentence-terminated story lines; unterminated lines are boilerplate only then.</param>
    /// <param name="author">The name, when the line is a byline.</param>
    public static string? Classify(ReadOnlySpan<char> line, bool articleHasProse, out string? author)
    {
        author = null;
        if (StartsWithAny(line, RelatedLabels)) return RelatedLinks;
        if (BylineName(line) is { } name)
        {
            author = name;
            return Byline;
        }
        var words = CountWords(line);
        if (words <= 15 && ContainsAny(line, ShareMarkers)) return ShareSubscribe;
        if (StartsWithAny(line, CaptionLabels) || EndsWithAny(line, CaptionCredits)) return Caption;
        var terminated = EndsAsSentence(line);
        if (terminated || !articleHasProse) return null;
        if (!terminated && words <= 4) return SectionFurniture;
        if (!terminated && words <= 30) return Caption;
        return null;
    }

    /// <summary>True when the line ends as a sentence does: . ! ? … possibly followed by closing quotes or brackets, or a closing quote.</summary>
    public static bool EndsAsSentence(ReadOnlySpan<char> line)
    {
        line = line.TrimEnd();
        if (line.IsEmpty) return false;
        var last = line[^1];
        if (last is '.' or '!' or '?' or '\u2026') return true;
        if (last is '"' or '\u201D' or '\'' or '\u2019' or ')' or ']' or '\u00BB')
        {
            // A quotation or bracket that closes the paragraph: accept it, prose quotes end paragraphs often.
            return line.Length > 1;
        }
        return false;
    }

    private static string? BylineName(ReadOnlySpan<char> line)
    {
        var rest = line;
        if (rest.Length > 0 && rest[0] is '\u2022' or '\u00B7' or '\u25AA' or '\u2023' or '*' or '-' or '\u2013' or '\u2014')
            rest = rest[1..].Trim();
        else
        {
            var matched = false;
            foreach (var prefix in BylinePrefixes)
            {
                if (rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    rest = rest[prefix.Length..].Trim();
                    matched = true;
                    break;
                }
            }
            if (!matched) return null;
        }
        // A name: 2 to 4 capitalised words, letters, hyphens, apostrophes and periods only ("J. R. Smith").
        var words = 0;
        foreach (var range in rest.Split(' '))
        {
            var w = rest[range];
            if (w.IsEmpty) continue;
            if (!char.IsUpper(w[0])) return null;
            foreach (var c in w)
                if (!char.IsLetter(c) && c is not ('-' or '\'' or '\u2019' or '.')) return null;
            words++;
        }
        return words is >= 2 and <= 4 ? rest.ToString() : null;
    }

    private static int CountWords(ReadOnlySpan<char> line)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in line)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord) words++;
            inWord = !space;
        }
        return words;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> line, string[] prefixes)
    {
        foreach (var p in prefixes)
            if (line.StartsWith(p, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool EndsWithAny(ReadOnlySpan<char> line, string[] suffixes)
    {
        foreach (var s in suffixes)
            if (line.EndsWith(s, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool ContainsAny(ReadOnlySpan<char> line, string[] markers)
    {
        foreach (var m in markers)
            if (line.Contains(m, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
