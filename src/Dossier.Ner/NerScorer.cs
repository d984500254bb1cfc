namespace Dossier.Ner;

/// <summary>Precision, recall and F1 (in percent, as conlleval prints them) with the counts behind them.</summary>
public readonly record struct PhraseScore(int Gold, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 0 : 100.0 * Correct / Predicted;
    public double Recall => Gold == 0 ? 0 : 100.0 * Correct / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Exact-match phrase scoring as the CoNLL shared task's conlleval does: a predicted phrase is correct when a gold
/// phrase has the same start, end and type. Adds up over sentences; reports overall and per type.
/// </summary>
public sealed class NerScorer
{
    private readonly Dictionary<string, (int Gold, int Predicted, int Correct)> _byType = new(StringComparer.Ordinal);

    public void Add(IReadOnlyList<TaggedSpan> gold, IReadOnlyList<TaggedSpan> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var goldSet = new HashSet<TaggedSpan>(gold);
        foreach (var g in gold) Bump(g.Type, 1, 0, 0);
        foreach (var p in predicted) Bump(p.Type, 0, 1, goldSet.Contains(p) ? 1 : 0);
    }

    private void Bump(string type, int gold, int predicted, int correct)
    {
        var c = _byType.GetValueOrDefault(type);
        _byType[type] = (c.Gold + gold, c.Predicted + predicted, c.Correct + correct);
    }

    public PhraseScore Overall => new(_byType.Values.Sum(c => c.Gold), _byType.Values.Sum(c => c.Predicted), _byType.Values.Sum(c => c.Correct));

    public IReadOnlyList<(string Type, PhraseScore Score)> ByType =>
        _byType.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, new PhraseScore(kv.Value.Gold, kv.Value.Predicted, kv.Value.Correct))).ToList();
}
