namespace Dossier.Text;

/// <summary>
/// A gold direct quotation: the quoted parts of one attribution's content (characters [Start, End) each, in order)
/// and the fragments of its source mention (none when unattributed).
/// </summary>
public sealed record GoldQuote(IReadOnlyList<(int Start, int End)> Parts, IReadOnlyList<(int Start, int End)> Source)
{
    public int Start => Parts[0].Start;
    public int End => Parts[^1].End;
    public int Length => Parts.Sum(p => p.End - p.Start);
}

/// <summary>A predicted quotation in character offsets; the speaker mention is (-1, -1) when there is none.</summary>
public readonly record struct PredictedQuote(int Start, int End, int SpeakerStart, int SpeakerEnd)
{
    public bool HasSpeaker => SpeakerStart >= 0;
}

/// <summary>Totals of a quote-attribution evaluation.</summary>
public readonly record struct QuoteScore(int Gold, int Predicted, int Found, int FoundRightSpeaker, int PredictedCorrect)
{
    /// <summary>Share of found gold quotes whose speaker is right.</summary>
    public double SpeakerAccuracy => Found == 0 ? 0 : (double)FoundRightSpeaker / Found;

    public double Recall => Gold == 0 ? 0 : (double)FoundRightSpeaker / Gold;

    public double Precision => Predicted == 0 ? 0 : (double)PredictedCorrect / Predicted;

    /// <summary>End-to-end F1: a quote counts when it is found and its speaker is right.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Scores quote attribution the way the quote benchmark defines it on PolNeAR. A gold direct quote is an attribution
/// whose content holds quotation marks; the gold quotation is the text between its paired marks. It is found when the
/// predicted quotations cover at least half of those characters; its speaker is right when the speaker mention of the
/// predicted quotation overlapping it most overlaps the gold source (or both are absent). A predicted quotation is
/// correct when the gold quote it overlaps most is found with the speaker right by that quotation's own speaker.
/// </summary>
public sealed class QuoteScorer
{
    private int _gold, _predicted, _found, _right, _correct;

    public QuoteScore Total => new(_gold, _predicted, _found, _right, _correct);

    /// <summary>The gold direct quotes of one annotated article.</summary>
    public static List<GoldQuote> GoldQuotes(string text, BratStandoff annotations)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(annotations);
        var result = new List<GoldQuote>();
        foreach (var e in annotations.Events)
        {
            var content = new List<(int Start, int End)>();
            IReadOnlyList<(int, int)> source = [];
            foreach (var (role, target) in e.Arguments)
            {
                if (!annotations.Spans.TryGetValue(target, out var span)) continue;
                if (role.StartsWith("Content", StringComparison.Ordinal)) content.AddRange(span.Fragments);
                else if (role == "Source") source = span.Fragments;
            }
            content.Sort();
            if (Quotation(text, content) is { } parts) result.Add(new GoldQuote(parts, source));
        }
        result.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return result;
    }

    /// <summary>
    /// The quoted parts of a content: the text between its 1st and 2nd quotation mark, 3rd and 4th, and so on (a mark
    /// left over runs to the content's end, or from its start when it closes); null when nothing with a letter is quoted.
    /// </summary>
    private static List<(int Start, int End)>? Quotation(string text, List<(int Start, int End)> content)
    {
        var marks = new List<(int At, int Width)>();
        foreach (var (start, end) in content)
        {
            for (var i = start; i < Math.Min(end, text.Length); i++)
            {
                var width = MarkWidth(text, i, end);
                if (width == 0) continue;
                marks.Add((i, width));
                i += width - 1;
            }
        }
        if (marks.Count == 0) return null;
        var parts = new List<(int Start, int End)>();
        for (var m = 0; m + 1 < marks.Count; m += 2) parts.Add((marks[m].At + marks[m].Width, marks[m + 1].At));
        if (marks.Count % 2 == 1)
        {
            var (at, width) = marks[^1];
            var opens = at + width < content[^1].End && !char.IsWhiteSpace(text[at + width]);
            parts.Add(opens ? (at + width, content[^1].End) : (marks.Count == 1 ? content[0].Start : marks[^2].At + marks[^2].Width, at));
        }
        parts.RemoveAll(p => p.End <= p.Start || !HasLetterOrDigit(text.AsSpan(p.Start, p.End - p.Start)));
        return parts.Count == 0 ? null : parts;
    }

    private static bool HasLetterOrDigit(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (char.IsLetterOrDigit(c)) return true;
        return false;
    }

    private static int MarkWidth(string text, int i, int end) => text[i] switch
    {
        '"' or '\u201C' or '\u201D' => 1,
        '\'' when i + 1 < end && text[i + 1] == '\'' => 2,
        _ => 0,
    };

    /// <summary>
    /// Scores one article and adds it to the totals. Returns, per gold quote, whether it was found, whether its speaker
    /// is right and the prediction that overlaps it most (-1 when none); and per prediction, the gold quote it overlaps most (-1 when none).
    /// </summary>
    public (IReadOnlyList<(bool Found, bool Right, int Best)> Gold, IReadOnlyList<int> Predicted) Add(IReadOnlyList<GoldQuote> gold, IReadOnlyList<PredictedQuote> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        _gold += gold.Count;
        _predicted += predicted.Count;
        var outcomes = new (bool Found, bool Right, int Best)[gold.Count];
        for (var g = 0; g < gold.Count; g++)
        {
            var covered = 0;
            foreach (var (ps, pe) in gold[g].Parts) covered += Covered(ps, pe, predicted);
            var best = -1;
            var bestOverlap = 0;
            for (var p = 0; p < predicted.Count; p++)
            {
                var overlap = Overlap(gold[g], predicted[p].Start, predicted[p].End);
                if (overlap > bestOverlap) { bestOverlap = overlap; best = p; }
            }
            var found = 2 * covered >= gold[g].Length;
            var right = found && SpeakerRight(gold[g], predicted[best]);
            outcomes[g] = (found, right, best);
            if (found) _found++;
            if (right) _right++;
        }
        var matched = new int[predicted.Count];
        for (var p = 0; p < predicted.Count; p++)
        {
            var best = -1;
            var bestOverlap = 0;
            for (var g = 0; g < gold.Count; g++)
            {
                var overlap = Overlap(gold[g], predicted[p].Start, predicted[p].End);
                if (overlap > bestOverlap) { bestOverlap = overlap; best = g; }
            }
            matched[p] = best;
            if (best >= 0 && outcomes[best].Found && SpeakerRight(gold[best], predicted[p])) _correct++;
        }
        return (outcomes, matched);
    }

    /// <summary>Characters of [start, end) covered by the union of the predicted quotations.</summary>
    private static int Covered(int start, int end, IReadOnlyList<PredictedQuote> predicted)
    {
        var pieces = new List<(int Start, int End)>();
        foreach (var p in predicted)
        {
            int s = Math.Max(p.Start, start), e = Math.Min(p.End, end);
            if (s < e) pieces.Add((s, e));
        }
        pieces.Sort();
        int covered = 0, reach = start;
        foreach (var (s, e) in pieces)
        {
            var from = Math.Max(s, reach);
            if (e > from) { covered += e - from; reach = e; }
        }
        return covered;
    }

    private static bool SpeakerRight(GoldQuote gold, PredictedQuote p)
    {
        if (!p.HasSpeaker) return gold.Source.Count == 0;
        foreach (var (s, e) in gold.Source)
            if (Overlap(s, e, p.SpeakerStart, p.SpeakerEnd) > 0) return true;
        return false;
    }

    private static int Overlap(GoldQuote gold, int start, int end) => gold.Parts.Sum(p => Overlap(p.Start, p.End, start, end));

    private static int Overlap(int s1, int e1, int s2, int e2) => Math.Max(0, Math.Min(e1, e2) - Math.Max(s1, s2));
}
