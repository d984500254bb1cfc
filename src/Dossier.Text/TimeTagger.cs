using System.Buffers;
using System.Text.RegularExpressions;

namespace Dossier.Text;

/// <summary>
/// Finds temporal expressions and gives each its TimeML type and normalised value, resolving relative and
/// underspecified expressions against <see cref="Document.CreationDate"/> and the tense of the sentence they are in.
/// With no creation date the unknown parts stay underspecified ("XXXX-04-04"); the clock is never read.
/// <para>
/// Rules, not a learned model: the values need calendar arithmetic that rules state exactly, and the TimeML corpora
/// are too small to learn extents better than a grammar of dates does (HeidelTime, the best TempEval-3 system, is
/// rules too). Every rule proposes extents; overlapping proposals are settled longest first; then values are computed
/// in text order, so "the next day" can lean on the date mentioned before it.
/// </para>
/// </summary>
public sealed class TimeTagger : IDocumentStage
{
    public string Name => "times";
    public Annotations Requires => Annotations.Tokens | Annotations.Sentences;
    public Annotations Produces => Annotations.Times;

    // Tokens either side of a trigger word that an expression may reach ("more than two thousand years ago").
    private const int Reach = 8;

    private static void Search(Document document, TimeRule rule, int order, int firstToken, int endToken, TimeContext context,
        List<(Match Match, TimeRule Rule, int Order, int Start, int End)> proposals)
    {
        var start = document.Token(firstToken).Start;
        var length = document.Token(endToken - 1).End - start;
        for (var m = rule.Pattern.Match(document.Text, start, length); m.Success; m = m.NextMatch())
        {
            if (rule.Normalise(m, context) is { } found) proposals.Add((m, rule, order, found.Start, found.End));
        }
    }

    public void Process(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var context = new TimeContext(document) { Proposing = true };
        var proposals = new List<(Match Match, TimeRule Rule, int Order, int Start, int End)>();
        var tokenTriggers = ArrayPool<Trigger>.Shared.Rent(Math.Max(1, document.TokenCount));
        try
        {
            for (var i = 0; i < document.TokenCount; i++) tokenTriggers[i] = TimeRules.TriggersOf(document.Token(i).Text);
            for (var s = 0; s < document.SentenceCount; s++)
            {
                var sentence = document.Sentence(s);
                var triggers = Trigger.None;
                for (var i = sentence.Start; i < sentence.End; i++) triggers |= tokenTriggers[i];
                if (triggers == Trigger.None) continue;
                for (var r = 0; r < TimeRules.All.Length; r++)
                {
                    var rule = TimeRules.All[r];
                    if ((rule.Triggers & triggers) == 0) continue;
                    // Search only the stretches around the rule's trigger words: an expression holds one of them.
                    int windowStart = -1, windowEnd = -1;
                    for (var i = sentence.Start; i < sentence.End; i++)
                    {
                        if ((tokenTriggers[i] & rule.Triggers) == 0) continue;
                        int ws = Math.Max(sentence.Start, i - Reach), we = Math.Min(sentence.End, i + Reach + 1);
                        if (windowEnd >= ws)
                        {
                            windowEnd = Math.Max(windowEnd, we);
                            continue;
                        }
                        if (windowStart >= 0) Search(document, rule, r, windowStart, windowEnd, context, proposals);
                        windowStart = ws;
                        windowEnd = we;
                    }
                    if (windowStart >= 0) Search(document, rule, r, windowStart, windowEnd, context, proposals);
                }
            }
        }
        finally
        {
            ArrayPool<Trigger>.Shared.Return(tokenTriggers);
        }
        context.Proposing = false;
        proposals.Sort((a, b) =>
        {
            var c = (b.End - b.Start).CompareTo(a.End - a.Start);
            if (c == 0) c = a.Start.CompareTo(b.Start);
            return c != 0 ? c : a.Order.CompareTo(b.Order);
        });
        var chosen = new List<(Match Match, TimeRule Rule, int Start, int End)>();
        foreach (var p in proposals)
        {
            var free = true;
            foreach (var c in chosen)
            {
                if (p.Start < c.End && c.Start < p.End) { free = false; break; }
            }
            if (free) chosen.Add((p.Match, p.Rule, p.Start, p.End));
        }
        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var c in chosen)
        {
            if (c.Rule.Normalise(c.Match, context) is not { } found) continue;
            document.AddTime(found);
            if (found.Type is TimexType.Date or TimexType.Time && TimeValues.TryParseDay(found.Value, out var day)) context.LastDay = day;
            if (found.Type == TimexType.Date) context.LastValue = found.Value;
        }
    }
}

/// <summary>Which way a sentence looks from the moment it was written.</summary>
internal enum Tense
{
    Past,
    Present,
    Future,
}

/// <summary>What the rules may ask about the text around a match. One per document; not thread-safe.</summary>
internal sealed class TimeContext(Document document)
{
    public string Text => document.Text;
    public DateOnly? Dct => document.CreationDate;

    /// <summary>The last day-precise date found before the expression being normalised, for "the next day".</summary>
    public DateOnly? LastDay { get; set; }

    /// <summary>The value of the last date found before the expression being normalised.</summary>
    public string? LastValue { get; set; }

    /// <summary>
    /// True while matches are only being proposed: the dates before each are not known yet (<see cref="LastDay"/>,
    /// <see cref="LastValue"/>), so a rule must not refuse a match for want of them; it is normalised again, in text
    /// order with them known, once the matches are chosen.
    /// </summary>
    public bool Proposing { get; set; }

    /// <summary>The lower-cased word just before a character offset, or "" at the start of the text.</summary>
    public string WordBefore(int offset)
    {
        var i = offset - 1;
        while (i >= 0 && char.IsWhiteSpace(Text[i])) i--;
        var end = i + 1;
        while (i >= 0 && (char.IsLetter(Text[i]) || Text[i] == '\'')) i--;
        return Text[(i + 1)..end].ToLowerInvariant();
    }

    /// <summary>True when the word just before an offset is capitalised and does not open its sentence ("French weekly").</summary>
    public bool CapitalisedWordBefore(int offset)
    {
        var i = offset - 1;
        while (i >= 0 && char.IsWhiteSpace(Text[i])) i--;
        var end = i + 1;
        while (i >= 0 && char.IsLetter(Text[i])) i--;
        return end > i + 1 && char.IsUpper(Text[i + 1]) && !AtSentenceStart(i + 1);
    }

    /// <summary>The word just after a character offset as written, or "" at the end of the text.</summary>
    public string WordAfter(int offset)
    {
        var i = offset;
        while (i < Text.Length && char.IsWhiteSpace(Text[i])) i++;
        var start = i;
        while (i < Text.Length && char.IsLetter(Text[i])) i++;
        return Text[start..i];
    }

    /// <summary>True when the character offset begins a sentence (after optional quotes or brackets).</summary>
    public bool AtSentenceStart(int offset)
    {
        var i = offset - 1;
        while (i >= 0 && (char.IsWhiteSpace(Text[i]) || Text[i] is '"' or '\u201c' or '(' or '\'' or '\u2018')) i--;
        return i < 0 || Text[i] is '.' or '!' or '?' or ':' or '\n';
    }

    /// <summary>
    /// The tense of the clause around an offset, from the verb cue nearest to it: "will", "would", "next" look
    /// forward; "said", "was", a past participle, "ago" look back; none of them is the present.
    /// </summary>
    public Tense TenseAt(int offset)
    {
        var token = document.TokenAtOrAfter(offset);
        if (token >= document.TokenCount) token = document.TokenCount - 1;
        var sentence = token < 0 ? -1 : document.SentenceOf(token);
        if (sentence < 0) return Tense.Present;
        var span = document.Sentence(sentence);
        // The verb the expression hangs on, when it comes straight before it ("announced Friday", "issued on Thursday"),
        // says more than any cue further away.
        var before = token - 1;
        if (before >= span.Start && document.Token(before).Text is "on" or "On" or "early" or "late") before--;
        if (before > span.Start && IsSimplePast(document.Token(before - 1).Text, document.Token(before).Text)) return Tense.Past;
        var best = int.MaxValue;
        var tense = Tense.Present;
        for (var i = span.Start; i < span.End; i++)
        {
            var cue = Cue(i > span.Start ? document.Token(i - 1) : null, document.Token(i).Text, i + 1 < span.End ? document.Token(i + 1).Text : default);
            if (cue is not { } t) continue;
            var distance = Math.Abs(i - token);
            if (distance < best || (distance == best && t == Tense.Future))
            {
                best = distance;
                tense = t;
            }
        }
        return tense;
    }

    // Past forms that do not end in -ed, and the other words that put a clause in the past.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> IrregularPast = new HashSet<string>(
        ("was were had did said ago last told met took made came went began saw fell rose won lost led left held paid sold sent spent " +
         "struck thought wrote gave got knew became broke brought bought built caught chose drew drove felt found flew fought grew kept " +
         "meant ran sat spoke stood understood woke hit put set cut shot quit read beat bore wore swore tore overtook withdrew").Split(' '),
        StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    // Words that put a clause in the future ("'ll" and "wo" are how the tokenizer splits "he'll" and "won't").
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FutureCues = new HashSet<string>(
        "will 'll shall would wo next upcoming scheduled expected plans".Split(' '), StringComparer.OrdinalIgnoreCase)
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A verb in -ed (or an irregular past) that is not part of a passive or an infinitive: "announced", not "be announced".</summary>
    private static bool IsSimplePast(ReadOnlySpan<char> previous, ReadOnlySpan<char> word)
    {
        if (word.Length <= 4 || !char.IsLower(word[0])) return false;
        if (!word.EndsWith("ed", StringComparison.Ordinal) && !IrregularPast.Contains(word)) return false;
        if (word is "expected" or "scheduled" or "planned" or "last" or "ago") return false;
        return previous is not ("be" or "been" or "being" or "to" or "will" or "would" or "'ll" or "shall" or "may" or "might" or "can" or "could" or "should" or "must");
    }

    // Words that look forward when "to" follows: "going to", "set to resume", "planning to leave", "due to arrive".
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ToFuture = new HashSet<string>(
        "going set due planning planned plan intends intend hopes hope aims aim".Split(' '), StringComparer.OrdinalIgnoreCase)
        .GetAlternateLookup<ReadOnlySpan<char>>();

    private static Tense? Cue(Token? previous, ReadOnlySpan<char> word, ReadOnlySpan<char> next)
    {
        // "next to the embassy" is a place; "faster than expected" looks back.
        if (word.Equals("next", StringComparison.OrdinalIgnoreCase) && next.Equals("to", StringComparison.OrdinalIgnoreCase)) return null;
        if (word.Equals("expected", StringComparison.OrdinalIgnoreCase) && previous is { } than && than.Text.Equals("than", StringComparison.OrdinalIgnoreCase)) return null;
        if (FutureCues.Contains(word) || (ToFuture.Contains(word) && next.Equals("to", StringComparison.OrdinalIgnoreCase)))
            return Tense.Future;
        if (IrregularPast.Contains(word)) return Tense.Past;
        // A verb in -ed is a simple past only straight after its subject ("Albright headed"); after "be" or a noun it is
        // a passive or an adjective ("must be returned", "the reduced dividend"). "expected" and "scheduled" look ahead.
        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) && char.IsLower(word[0]) && previous is { } p
            && (p.Is(TokenShape.Capitalized) && !p.Is(TokenShape.LineStart) || QuoteFinder.IsPronoun(p.Text)))
            return Tense.Past;
        return null;
    }
}
