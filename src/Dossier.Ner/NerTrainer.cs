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

    /// <param name="runs">
    /// Independent runs (seeds <paramref name="seed"/>, <paramref name="seed"/> + 1, …) whose averaged weights are
    /// averaged again: one run's F1 moves by a few tenths with the order it saw the documents in, the average of
    /// several much less, and it tags as fast (the features are nearly the same).
    /// </param>
    /// <param name="minWeight">
    /// A feature whose averaged weights all lie closer to zero than this is dropped: an update moves a weight by 1, so
    /// below about a half the feature hardly ever decided a tag, and the smaller table is faster to probe.
    /// </param>
    /// <param name="passes">
    /// 2 adds a second pass that also sees how the first tagged each word anywhere in the document. It learns from
    /// first-pass tags of documents the first pass never trained on (jackknifed over <see cref="VoteFolds"/> folds),
    /// which are as wrong as they will be on new text.
    /// </param>
    public static NerModel Train(IReadOnlyList<TrainingDocument> documents, int epochs, WordClusters? clusters = null, int seed = 1,
        Action<int, double>? onEpoch = null, int runs = 1, float minWeight = 1e-3f, int passes = 1)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(minWeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passes, 2);
        clusters ??= WordClusters.Empty;
        var first = TrainPass(documents, epochs, clusters, seed, onEpoch, runs, minWeight, firstPasses: null);
        if (passes == 2)
            first.Second = TrainPass(documents, epochs, clusters, seed, onEpoch, runs, minWeight, JackknifedFirstPasses(documents, epochs, clusters, seed));
        return first;
    }

    private const int VoteFolds = 5;

    private static FirstPass[] JackknifedFirstPasses(IReadOnlyList<TrainingDocument> documents, int epochs, WordClusters clusters, int seed)
    {
        var firstPasses = new FirstPass[documents.Count];
        Parallel.For(0, VoteFolds, k =>
        {
            var held = documents.Where((_, i) => i % VoteFolds != k).ToList();
            var tagger = new NerTagger(TrainPass(held, epochs, clusters, seed, onEpoch: null, runs: 1, minWeight: 1e-3f, firstPasses: null));
            for (var i = k; i < documents.Count; i += VoteFolds)
                firstPasses[i] = tagger.RunFirstPass(documents[i].Sentences.Select(s => new StringTokens(s.Words)).ToList());
        });
        return firstPasses;
    }

    private static NerModel TrainPass(IReadOnlyList<TrainingDocument> documents, int epochs, WordClusters clusters, int seed,
        Action<int, double>? onEpoch, int runs, float minWeight, FirstPass[]? firstPasses)
    {
        var folds = new Gazetteer[Folds];
        for (var k = 0; k < Folds; k++) folds[k] = Gazetteer.Build(documents.Where((_, i) => i % Folds != k));
        var results = new Dictionary<ulong, float[]>[runs];
        // Runs share nothing but the read-only data, and are combined in run order: the same bytes on any number of cores.
        Parallel.For(0, runs, r =>
        {
            var trainer = new NerTrainer(clusters);
            var order = Enumerable.Range(0, documents.Count).ToArray();
            var random = new Random(seed + r);
            for (var e = 0; e < epochs; e++)
            {
                random.Shuffle(order);
                var (right, total) = (0L, 0L);
                foreach (var d in order)
                {
                    var (rt, t) = trainer.Learn(documents[d], folds[d % Folds], firstPasses?[d]);
                    right += rt;
                    total += t;
                }
                if (r == 0) onEpoch?.Invoke(e + 1, total == 0 ? 1 : (double)right / total);
            }
            results[r] = trainer.AveragedWeights();
        });
        return Combine(results, clusters, Gazetteer.Build(documents), minWeight);
    }

    /// <summary>Training documents are matched against a gazetteer of the other folds (see <see cref="Gazetteer"/>).</summary>
    private const int Folds = 10;

    private (long Right, long Total) Learn(TrainingDocument document, Gazetteer gazetteer, FirstPass? first)
    {
        var s = new SentenceScratch();
        var doc = new DocumentContext();
        foreach (var (words, _) in document.Sentences) doc.Observe(new StringTokens(words));
        if (first is not null)
        {
            foreach (var (word, v) in first.Words) doc.Votes[word] = v;
            foreach (var (word, v) in first.Phrases) doc.PhraseVotes[word] = v;
            doc.SecondPass = true;
        }
        Span<float> scores = stackalloc float[EntityTags.Count];
        Span<ulong> features = stackalloc ulong[FeatureTemplates.Max];
        long right = 0, total = 0;
        for (var sentence = 0; sentence < document.Sentences.Count; sentence++)
        {
            var (words, gold) = document.Sentences[sentence];
            s.Load(new StringTokens(words), _clusters, gazetteer);
            if (first is not null) first.Tags[sentence].CopyTo(s.First, 0);
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

    /// <summary>The averaged weights of this run by feature.</summary>
    private Dictionary<ulong, float[]> AveragedWeights()
    {
        var result = new Dictionary<ulong, float[]>(_rows.Count);
        foreach (var (feature, row) in _rows)
        {
            var w = new float[EntityTags.Count];
            for (var t = 0; t < w.Length; t++)
            {
                var i = row * EntityTags.Count + t;
                w[t] = (float)(_w[i] - _u[i] / _step);
            }
            result.Add(feature, w);
        }
        return result;
    }

    /// <summary>The mean of the runs' weights (a feature a run never saw counts as zero there), without features whose weights all lie closer to zero than <paramref name="minWeight"/>.</summary>
    private static NerModel Combine(Dictionary<ulong, float[]>[] runs, WordClusters clusters, Gazetteer gazetteer, float minWeight)
    {
        var rows = new Dictionary<ulong, int>();
        var weights = new List<float>();
        var sum = new float[EntityTags.Count];
        foreach (var feature in runs.SelectMany(r => r.Keys).Distinct().Order())
        {
            Array.Clear(sum);
            foreach (var run in runs)
            {
                if (!run.TryGetValue(feature, out var w)) continue;
                for (var t = 0; t < sum.Length; t++) sum[t] += w[t];
            }
            var keep = false;
            for (var t = 0; t < sum.Length; t++)
            {
                sum[t] /= runs.Length;
                if (MathF.Abs(sum[t]) >= minWeight) keep = true;
            }
            if (!keep) continue;
            rows.Add(feature, rows.Count);
            weights.AddRange(sum);
        }
        return new NerModel(rows, [.. weights], clusters, gazetteer);
    }
}
