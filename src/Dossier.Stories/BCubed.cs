namespace Dossier.Stories;

/// <summary>B-cubed precision, recall and F1 of a clustering against gold classes (Bagga and Baldwin, 1998).</summary>
public readonly record struct BCubedScore(double Precision, double Recall, double F1)
{
    /// <param name="predicted">Cluster label of each item.</param>
    /// <param name="gold">Gold class label of each item, in the same order.</param>
    public static BCubedScore Compute(IReadOnlyList<string> predicted, IReadOnlyList<string> gold)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(gold);
        if (predicted.Count != gold.Count) throw new ArgumentException($"{predicted.Count} predicted labels but {gold.Count} gold labels.", nameof(gold));
        if (predicted.Count == 0) return new BCubedScore(0, 0, 0);
        var pair = new Dictionary<(string, string), int>();
        var clusterSize = new Dictionary<string, int>(StringComparer.Ordinal);
        var classSize = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < predicted.Count; i++)
        {
            pair[(predicted[i], gold[i])] = pair.GetValueOrDefault((predicted[i], gold[i])) + 1;
            clusterSize[predicted[i]] = clusterSize.GetValueOrDefault(predicted[i]) + 1;
            classSize[gold[i]] = classSize.GetValueOrDefault(gold[i]) + 1;
        }
        double p = 0, r = 0;
        // Each item in cell (c, g) has |c ∩ g| / |c| precision and |c ∩ g| / |g| recall.
        foreach (var ((c, g), n) in pair)
        {
            p += (double)n * n / clusterSize[c];
            r += (double)n * n / classSize[g];
        }
        p /= predicted.Count;
        r /= predicted.Count;
        return new BCubedScore(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}
