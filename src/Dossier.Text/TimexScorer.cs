namespace Dossier.Text;

/// <summary>Precision, recall and F1 from counts.</summary>
public readonly record struct PrecisionRecall(int Correct, int Predicted, int Gold, int CorrectOfGold)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;
    public double Recall => Gold == 0 ? 0 : (double)CorrectOfGold / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Totals of a temporal-expression evaluation, TempEval-3 style.</summary>
public readonly record struct TimexScore(PrecisionRecall Strict, PrecisionRecall Relaxed, PrecisionRecall Type, PrecisionRecall Value, int Matched)
{
    /// <summary>Share of relaxed matches whose type is right.</summary>
    public double TypeAccuracy => Matched == 0 ? 0 : (double)Type.Correct / Matched;

    /// <summary>Share of relaxed matches whose value is right.</summary>
    public double ValueAccuracy => Matched == 0 ? 0 : (double)Value.Correct / Matched;
}

/// <summary>What happened to one expression in an evaluation, for error listings.</summary>
public enum TimexOutcome
{
    Exact,
    Overlap,
    Missed,
    Spurious,
}

/// <summary>
/// Scores temporal expressions by the TempEval-3 rules (UzZaman et al., 2013): strict extent match (same characters),
/// relaxed extent match (any overlap), and the type and value attributes over relaxed matches. Attribute F1 is
/// relaxed F1 times attribute accuracy, as TempEval-3 reports it: an attribute counts when its expression is found and
/// the attribute is right. Extents are compared in characters, with surrounding white space ignored.
/// </summary>
public sealed class TimexScorer
{
    private int _gold, _predicted, _strict, _relaxedPredicted, _relaxedGold, _matched, _type, _value;

    public TimexScore Total => new(
        new PrecisionRecall(_strict, _predicted, _gold, _strict),
        new PrecisionRecall(_relaxedPredicted, _predicted, _gold, _relaxedGold),
        new PrecisionRecall(_type, _predicted, _gold, _type),
        new PrecisionRecall(_value, _predicted, _gold, _value),
        _matched);

    /// <summary>Adds one document; returns each gold and predicted expression with what became of it, and the partner it was matched with.</summary>
    public List<(TimeMention Mention, bool IsGold, TimexOutcome Outcome, TimeMention? Partner)> Add(string text, IReadOnlyList<TimeMention> gold, IReadOnlyList<TimeMention> predicted)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var g = gold.Select(t => Trim(text, t)).ToList();
        var p = predicted.Select(t => Trim(text, t)).ToList();
        _gold += g.Count;
        _predicted += p.Count;
        var outcomes = new List<(TimeMention, bool, TimexOutcome, TimeMention?)>();
        var partnerOfGold = new int[g.Count];
        Array.Fill(partnerOfGold, -1);
        for (var i = 0; i < p.Count; i++)
        {
            var best = -1;
            var bestOverlap = 0;
            for (var j = 0; j < g.Count; j++)
            {
                var overlap = Math.Min(p[i].End, g[j].End) - Math.Max(p[i].Start, g[j].Start);
                if (overlap > bestOverlap) { best = j; bestOverlap = overlap; }
            }
            if (best < 0)
            {
                outcomes.Add((p[i], false, TimexOutcome.Spurious, null));
                continue;
            }
            _relaxedPredicted++;
            var exact = p[i].Start == g[best].Start && p[i].End == g[best].End;
            if (exact) _strict++;
            outcomes.Add((p[i], false, exact ? TimexOutcome.Exact : TimexOutcome.Overlap, g[best]));
            // Each gold expression takes the attributes of one prediction only: the first that overlaps it.
            if (partnerOfGold[best] >= 0) continue;
            partnerOfGold[best] = i;
            _matched++;
            if (p[i].Type == g[best].Type) _type++;
            if (string.Equals(p[i].Value, g[best].Value, StringComparison.Ordinal)) _value++;
        }
        for (var j = 0; j < g.Count; j++)
        {
            var any = p.Any(x => Math.Min(x.End, g[j].End) > Math.Max(x.Start, g[j].Start));
            if (any) _relaxedGold++;
            if (!any) outcomes.Add((g[j], true, TimexOutcome.Missed, null));
        }
        return outcomes;
    }

    private static TimeMention Trim(string text, TimeMention t)
    {
        int s = t.Start, e = Math.Min(t.End, text.Length);
        while (s < e && char.IsWhiteSpace(text[s])) s++;
        while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
        return t with { Start = s, End = e };
    }
}
