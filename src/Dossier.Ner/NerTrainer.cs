namespace Dossier.Ner;

/// <summary>A training document: sentences of words with their gold BILOU tags.</summary>
public sealed record TrainingDocument(IReadOnlyList<(string[] Words, int[] Tags)> Sentences);

/// <summary>
/// Trains a <see cref="NerModel"/> with the averaged perceptron (Collins 2002): tag greedily with the current
/// weights, exactly as the tagger will, and on each wrong tag move the weights toward the right one. Averaging uses
/// Daumé's trick (keep the sum of step × update) so it costs nothing per step. Deterministic for a given seed.
/// </summary>
public sealed class NerTrainer
{
    private readonly Dictionary<ulong, int> _rows = [];
    private float[] _w = new float[1 << 20];
    private double[] _u = new double[1 << 20];
    private long _step = 1;
    private readonly WordClusters _clusters;

    private NerTrainer(WordClusters clusters) => _clusters = clusters;

    public static NerModel Train(IReadOnlyList<TrainingDocument> documents, int epochs, WordClusters? clusters = null, int seed = 1,
        Action<int, double>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var trainer = new NerTrainer(clusters ?? WordClusters.Empty);
        var folds = new Gazetteer[Folds];
        for (var k = 0; k < Folds; k++) folds[k] = Gazetteer.Build(documents.Where((_, i) => i % Folds != k));
        var order = Enumerable.Range(0, documents.Count).ToArray();
        var random = new Random(seed);
        for (var e = 0; e < epochs; e++)
        {
            random.Shuffle(order);
            var (right, total) = (0L, 0L);
            foreach (var d in order)
            {
                var (r, t) = trainer.Learn(documents[d], folds[d % Folds]);
                right += r;
                total += t;
            }
            onEpoch?.Invoke(e + 1, total == 0 ? 1 : (double)right / total);
        }
        return trainer.Average(Gazetteer.Build(documents));
    }

    /// <summary>Training documents are matched against a gazetteer of the other folds (see <see cref="Gazetteer"/>).</summary>
    private const int Folds = 10;

    private (long Right, long Total) Learn(TrainingDocument document, Gazetteer gazetteer)
    {
        var s = new SentenceScratch();
        var doc = new DocumentContext();
        foreach (var (words, _) in document.Sentences) doc.Observe(new StringTokens(words));
        Span<float> scores = stackalloc float[EntityTags.Count];
        Span<ulong> features = stackalloc ulong[FeatureTemplates.Max];
        long right = 0, total = 0;
        foreach (var (words, gold) in document.Sentences)
        {
            s.Load(new StringTokens(words), _clusters, gazetteer);
            for (var i = 0; i < s.Count; i++)
            {
                scores.Clear();
                var n = FeatureTemplates.Extract(s, doc, i, features);
                for (var k = 0; k < n; k++)
                {
                    if (!_rows.TryGetValue(features[k], out var row)) continue;
                    var w = _w.AsSpan(row * EntityTags.Count, EntityTags.Count);
                    for (var t = 0; t < w.Length; t++) scores[t] += w[t];
                }
                var guess = NerTagger.Decide(scores, s.Tags, i, s.Count);
                if (guess != gold[i])
                {
                    for (var k = 0; k < n; k++)
                    {
                        Update(features[k], gold[i], 1);
                        Update(features[k], guess, -1);
                    }
                }
                else right++;
                total++;
                _step++;
                s.Tags[i] = guess;
                NerTagger.Remember(s, doc, i);
            }
        }
        return (right, total);
    }

    private void Update(ulong feature, int tag, float delta)
    {
        if (!_rows.TryGetValue(feature, out var row))
        {
            row = _rows.Count;
            _rows.Add(feature, row);
            if ((row + 1) * EntityTags.Count > _w.Length)
            {
                Array.Resize(ref _w, _w.Length * 2);
                Array.Resize(ref _u, _u.Length * 2);
            }
        }
        var i = row * EntityTags.Count + tag;
        _w[i] += delta;
        _u[i] += _step * delta;
    }

    /// <summary>The averaged weights, without features whose weights all round to zero.</summary>
    private NerModel Average(Gazetteer gazetteer)
    {
        var rows = new Dictionary<ulong, int>();
        var weights = new List<float>();
        foreach (var (feature, row) in _rows.OrderBy(kv => kv.Key))
        {
            var keep = false;
            var start = weights.Count;
            for (var t = 0; t < EntityTags.Count; t++)
            {
                var i = row * EntityTags.Count + t;
                var avg = (float)(_w[i] - _u[i] / _step);
                if (MathF.Abs(avg) >= 1e-3f) keep = true;
                weights.Add(avg);
            }
            if (keep) rows.Add(feature, rows.Count);
            else weights.RemoveRange(start, EntityTags.Count);
        }
        return new NerModel(rows, [.. weights], _clusters, gazetteer);
    }
}
