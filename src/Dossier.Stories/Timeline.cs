using System.Text;

namespace Dossier.Stories;

/// <summary>An event an article dates: the normalised date, a short description from its sentence, and that sentence.</summary>
public sealed record DatedEvent(string Date, string Text, int Sentence, string SentenceText);

/// <summary>
/// Builds a story's timeline: the dated events of each article (a date expression that names a calendar point, with
/// the clause it sits in as the description), merged across articles when they give the same date to the same event.
/// </summary>
public static class Timeline
{
    private const int MaxWords = 16;

    private static readonly HashSet<string> Connectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "but", "or", "while", "when", "after", "before", "since", "until", "which", "who", "whereas", "as", "because",
        "although", "though", "where", "then", "so", "yet",
    };

    private static readonly HashSet<string> Stopwords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "that", "this",
        "was", "were", "is", "are", "be", "been", "has", "have", "had", "it", "its", "he", "she", "they", "his", "her",
        "their", "said", "says", "what", "which", "who", "when", "after", "before", "first", "last", "also",
    };

    /// <summary>
    /// True when a value names a point a reader can place: a year, a month or a day with a known year, or a month and
    /// day whose year is unknown ("XXXX-04-04"). Durations, "XXXX-WXX-1" (some Monday) and PAST_REF are not.
    /// </summary>
    public static bool IsDatable(TimeMention time)
    {
        if (time.Type is not (TimexType.Date or TimexType.Time)) return false;
        var v = time.Value;
        if (v.Length >= 4 && char.IsAsciiDigit(v[0]) && char.IsAsciiDigit(v[1]) && char.IsAsciiDigit(v[2]) && char.IsAsciiDigit(v[3])) return true;
        return v.Length >= 7 && v.StartsWith("XXXX-", StringComparison.Ordinal) && char.IsAsciiDigit(v[5]) && char.IsAsciiDigit(v[6]);
    }

    /// <summary>The dated events of one analysed document, in text order.</summary>
    public static List<DatedEvent> Events(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var events = new List<DatedEvent>();
        foreach (var time in document.Times)
        {
            if (!IsDatable(time)) continue;
            var token = document.TokenAtOrAfter(time.Start);
            var s = token < document.TokenCount ? document.SentenceOf(token) : -1;
            if (s < 0) continue;
            var sentence = document.Sentence(s);
            var start = document.Token(sentence.Start).Start;
            var end = document.Token(sentence.End - 1).End;
            var text = Describe(document.Text, start, end, time);
            if (text.Length == 0) continue;
            // The date only, in the form the timeline shows: drop the time of day.
            var date = time.Value.Length > 10 && time.Value[10] == 'T' ? time.Value[..10] : time.Value;
            events.Add(new DatedEvent(date, text, s, document.Text[start..end]));
        }
        return events;
    }

    /// <summary>
    /// The clause of the sentence that holds the date, without the date and its preposition; when that leaves too
    /// little ("On April 4, …"), the clause that follows. Clauses are split at commas, semicolons, dashes and
    /// connectives ("and", "when", "which").
    /// </summary>
    internal static string Describe(string text, int start, int end, TimeMention time)
    {
        var clauses = new List<(int Start, int End)>();
        var clauseStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            var boundary = c is ',' or ';' or ':' or '\u2014' or '\u2013' || (c == '-' && i > start && text[i - 1] == ' ' && i + 1 < end && text[i + 1] == ' ');
            if (boundary && (i < time.Start || i >= time.End))
            {
                clauses.Add((clauseStart, i));
                clauseStart = i + 1;
                continue;
            }
            // A connective word opens a new clause ("… when he first used the phrase in August 2012").
            if (char.IsLetter(c) && (i == start || !char.IsLetter(text[i - 1])) && i > clauseStart + 1)
            {
                var w = i;
                while (w < end && char.IsLetter(text[w])) w++;
                if (Connectives.Contains(text[i..w]) && (w <= time.Start || i >= time.End))
                {
                    clauses.Add((clauseStart, i));
                    clauseStart = i;
                }
            }
        }
        clauses.Add((clauseStart, end));
        var index = clauses.FindIndex(c => c.Start <= time.Start && time.Start < c.End);
        if (index < 0) return "";
        var best = Clean(text, clauses[index], time);
        if (WordCount(best) < 3 && index + 1 < clauses.Count) best = Clean(text, clauses[index + 1], null);
        if (WordCount(best) < 3 && index > 0) best = Clean(text, clauses[index - 1], null);
        return WordCount(best) < 2 ? "" : best;
    }

    private static string Clean(string text, (int Start, int End) clause, TimeMention? time)
    {
        List<string> before, after;
        if (time is { } t)
        {
            before = Words(text[clause.Start..Math.Max(clause.Start, t.Start)]);
            after = Words(text[Math.Min(t.End, clause.End)..clause.End]);
            // Take out the preposition or determiner that belonged to the date.
            if (before.Count > 0 && before[^1].ToLowerInvariant() is "on" or "in" or "at" or "since" or "by" or "during" or "of" or "from" or "until")
                before.RemoveAt(before.Count - 1);
        }
        else
        {
            before = [];
            after = Words(text[clause.Start..clause.End]);
        }
        while (before.Count > 0 && (Connectives.Contains(before[0]) || before[0] is "-" or "\u2014")) before.RemoveAt(0);
        if (before.Count == 0) while (after.Count > 0 && (Connectives.Contains(after[0]) || after[0] is "-" or "\u2014")) after.RemoveAt(0);
        while (after.Count > 0 && Connectives.Contains(after[^1].TrimEnd('.', ','))) after.RemoveAt(after.Count - 1);
        // A long clause is cut to the words around the date, where its event is told.
        var cutBefore = false;
        var cutAfter = false;
        if (before.Count + after.Count > MaxWords)
        {
            var keepAfter = Math.Min(after.Count, Math.Max(MaxWords / 2, MaxWords - before.Count));
            var keepBefore = Math.Min(before.Count, MaxWords - keepAfter);
            cutBefore = keepBefore < before.Count;
            cutAfter = keepAfter < after.Count;
            before = before.GetRange(before.Count - keepBefore, keepBefore);
            after = after.GetRange(0, keepAfter);
        }
        var result = string.Join(' ', before.Concat(after)).Trim().TrimEnd('.', ',', ';', ':').Trim().Trim('"', '\u201c', '\u201d', ' ');
        if (result.Length == 0) return "";
        return (cutBefore ? "\u2026 " : "") + result + (cutAfter ? " \u2026" : "");
    }

    private static List<string> Words(string s) => [.. s.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)];

    private static int WordCount(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));

    /// <summary>
    /// Merges the events of a story's articles (given in the story's reading order): events with the same date that
    /// share a content word are one event, described as its first report says it and cited by every article that
    /// reports it. Sorted by date; dates whose year is unknown ("XXXX-04-04") come after the dated ones.
    /// </summary>
    public static List<TimelineEntry> Merge(IEnumerable<(string Article, DatedEvent Event)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entries = new List<(string Date, string Text, HashSet<string> Stems, List<SentenceRef> Sources)>();
        foreach (var (article, e) in events)
        {
            var stems = Stems(e.Text);
            var match = entries.FindIndex(x => x.Date == e.Date && x.Stems.Overlaps(stems));
            var source = new SentenceRef(article, e.Sentence, e.SentenceText);
            if (match < 0)
            {
                entries.Add((e.Date, e.Text, stems, [source]));
                continue;
            }
            var entry = entries[match];
            entry.Stems.UnionWith(stems);
            if (!entry.Sources.Any(s => s.Article == article && s.Sentence == e.Sentence)) entry.Sources.Add(source);
        }
        // OrderBy is stable: entries of one date keep the order of their first report.
        return entries
            .OrderBy(x => x.Date, StringComparer.Ordinal)
            .Select(x => new TimelineEntry(x.Date, x.Text, x.Sources))
            .ToList();
    }

    /// <summary>Content words cut to five letters, so "annexation" and "annexed" meet.</summary>
    private static HashSet<string> Stems(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split((char[])[' ', ',', '.', ';', ':', '"', '\'', '(', ')', '\u2019'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.Length < 3 || Stopwords.Contains(raw) || !raw.Any(char.IsLetter)) continue;
            var w = raw.ToLowerInvariant();
            set.Add(w.Length > 5 ? w[..5] : w);
        }
        return set;
    }
}
