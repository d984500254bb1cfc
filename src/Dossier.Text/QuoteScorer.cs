namespace Dossier.Text;

/// <summary>A gold direct quotation: characters [Start, End) of the quoted text and the fragments of its source mention (none when unattributed).</summary>
public sealed record GoldQuote(int Start, int End, IReadOnlyList<(int Start, int End)> Source);

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
/// whose content holds quotation marks; the gold quotation runs between its first and last mark. It is found when the
/// predicted quotations cover at least half of its characters; its speaker is right when the speaker mention of the
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
            if (Quotation(text, content) is { } q) result.Add(new GoldQuote(q.Start, q.End, source));
        }
        result.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return result;
    }

    /// <summary>The span between the first and last quotation mark of a content, or null when it quotes nothing.</summary>
    private static (int Start, int End)? Quotation(string text, List<(int Start, int End)> content)
    {
        int first = -1, firstEnd = -1, last = -1, marks = 0;
        foreach (var (start, end) in content)
        {
            for (var i = start; i < Math.Min(end, text.Length); i++)
            {
                var width = MarkWidth(text, i, end);
                if (width == 0) continue;
                if (first < 0) { first = i; firstEnd = i + width; }
                last = i;
                marks++;
                i += width - 1;
            }
        }
        if (marks == 0) return null;
        int qs, qe;
        if (marks >= 2) { qs = firstEnd; qe = last; }
        else if (firstEnd < content[^1].End && !char.IsWhiteSpace(text[firstEnd])) { qs = firstEnd; qe = content[^1].End; } // an opening mark only
        else { qs = content[0].Start; qe = first; }
        for (var i = qs; i < qe; i++)
            if (char.IsLetterOrDigit(text[i])) return (qs, qe);
        return null;
    }

    private static int MarkWidth(string text, int i, int end) => text[i] switch
    {
        '"' or '\u201C' or '\u201D' => 1,
        '\'' when i + 1 < end && text[i + 1] == '\'' => 2,
        _ => 0,
    };

    public void Add(IReadOnlyList<GoldQuote> gold, IReadOnlyList<PredictedQuote> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        _gold += gold.Count;
        _predicted += predicted.Count;
        var right = new bool[gold.Count];
        var found = new bool[gold.Count];
        for (var g = 0; g < gold.Count; g++)
        {
            var covered = Covered(gold[g], predicted);
            found[g] = 2 * covered >= gold[g].End - gold[g].Start;
            if (!found[g]) continue;
            _found++;
            var best = -1;
            var bestOverlap = 0;
            for (var p = 0; p < predicted.Count; p++)
            {
                var overlap = Overlap(gold[g].Start, gold[g].End, predicted[p].Start, predicted[p].End);
                if (overlap > bestOverlap) { bestOverlap = overlap; best = p; }
            }
            right[g] = SpeakerRight(gold[g], predicted[best]);
            if (right[g]) _right++;
        }
        foreach (var p in predicted)
        {
            var best = -1;
            var bestOverlap = 0;
            for (var g = 0; g < gold.Count; g++)
            {
                var overlap = Overlap(gold[g].Start, gold[g].End, p.Start, p.End);
                if (overlap > bestOverlap) { bestOverlap = overlap; best = g; }
            }
            if (best >= 0 && found[best] && SpeakerRight(gold[best], p)) _correct++;
        }
    }

    /// <summary>Characters of a gold quote covered by the union of the predicted quotations.</summary>
    private static int Covered(GoldQuote gold, IReadOnlyList<PredictedQuote> predicted)
    {
        var pieces = new List<(int Start, int End)>();
        foreach (var p in predicted)
        {
            int s = Math.Max(p.Start, gold.Start), e = Math.Min(p.End, gold.End);
            if (s < e) pieces.Add((s, e));
        }
        pieces.Sort();
        int covered = 0, reach = gold.Start;
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

    private static int Overlap(int s1, int e1, int s2, int e2) => Math.Max(0, Math.Min(e1, e2) - Math.Max(s1, s2));
}
