namespace Dossier.Stories;

/// <summary>A headline paired with a body, with its gold stance when known.</summary>
public sealed record StancePair(string Headline, string BodyId, Stance? Gold = null);

/// <summary>Settings of stance training. Immutable.</summary>
public sealed record StanceTrainingOptions
{
    /// <summary>Most frequent training terms kept as term-frequency inputs.</summary>
    public int Vocabulary { get; init; } = 5000;
    public int Hidden { get; init; } = 100;
    public int Epochs { get; init; } = 20;
    public int Batch { get; init; } = 500;
    public float LearningRate { get; init; } = 0.01f;
    public float L2 { get; init; } = 1e-5f;
    /// <summary>Share of hidden units and outputs kept in dropout while training.</summary>
    public float Keep { get; init; } = 0.6f;
    /// <summary>Largest global gradient norm of a batch; longer gradients are scaled down to it.</summary>
    public float Clip { get; init; } = 5f;
    public int Seed { get; init; } = 1;
}

/// <summary>
/// Trains a <see cref="StanceModel"/>: summed cross-entropy over batches, Adam, dropout, L2 and gradient clipping,
/// on one thread with a seeded generator, so the same data and options give the same model file.
/// </summary>
public static class StanceTrainer
{
    public static StanceModel Train(IReadOnlyList<StancePair> pairs, IReadOnlyDictionary<string, StanceText> bodies, StanceTrainingOptions? options = null,
        Action<int, StanceModel>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(bodies);
        var o = options ?? new StanceTrainingOptions();
        var labelled = pairs.Where(pair => pair.Gold is not null).ToList();
        if (labelled.Count == 0) throw new ArgumentException("No labelled pairs to train on.", nameof(pairs));
        var headlines = new Dictionary<string, StanceText>(StringComparer.Ordinal);
        foreach (var pair in labelled) if (!headlines.ContainsKey(pair.Headline)) headlines[pair.Headline] = StanceText.Of(pair.Headline);
        var usedBodies = labelled.Select(pair => pair.BodyId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => bodies[id]).ToList();

        // Vocabulary and idf from the distinct training texts (each headline and each body once).
        var texts = headlines.Values.Concat(usedBodies).ToList();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in texts)
        {
            foreach (var term in t.Terms) frequency[term] = frequency.GetValueOrDefault(term) + 1;
            foreach (var term in t.Set) df[term] = df.GetValueOrDefault(term) + 1;
        }
        var vocabulary = frequency.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(o.Vocabulary).Select(kv => kv.Key).ToArray();
        var idf = vocabulary.Select(t => MathF.Log((1f + texts.Count) / (1f + df[t])) + 1f).ToArray();

        var random = new Random(o.Seed);
        var inputs = 2 * vocabulary.Length + 1 + StanceModel.Extras;
        var hidden = o.Hidden;
        var c = StanceModel.Classes;
        // Glorot-uniform initial weights, zero biases.
        var w1 = Uniform(random, inputs * hidden, MathF.Sqrt(6f / (inputs + hidden)));
        var b1 = new float[hidden];
        var w2 = Uniform(random, hidden * c, MathF.Sqrt(6f / (hidden + c)));
        var b2 = new float[c];
        var model = new StanceModel(vocabulary, idf, hidden, w1, b1, w2, b2);

        var features = labelled.Select(pair => model.Features(headlines[pair.Headline], bodies[pair.BodyId])).ToList();
        var gold = labelled.Select(pair => (int)pair.Gold!.Value).ToArray();
        var parameters = new[] { w1, b1, w2, b2 };
        var grads = parameters.Select(w => new float[w.Length]).ToArray();
        var m = parameters.Select(w => new float[w.Length]).ToArray();
        var v = parameters.Select(w => new float[w.Length]).ToArray();
        var order = Enumerable.Range(0, labelled.Count).ToArray();
        var h = new float[hidden];
        var z1 = new float[hidden];
        var mask1 = new float[hidden];
        var dh = new float[hidden];
        Span<float> p = stackalloc float[c];
        Span<float> mask2 = stackalloc float[c];
        Span<float> dz = stackalloc float[c];
        var step = 0;
        for (var epoch = 1; epoch <= o.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += o.Batch)
            {
                foreach (var g in grads) Array.Clear(g);
                var end = Math.Min(order.Length, start + o.Batch);
                for (var n = start; n < end; n++)
                {
                    var x = features[order[n]];
                    b1.CopyTo(z1, 0);
                    foreach (var (i, value) in x)
                    {
                        var row = w1.AsSpan(i * hidden, hidden);
                        for (var j = 0; j < hidden; j++) z1[j] += value * row[j];
                    }
                    for (var j = 0; j < hidden; j++)
                    {
                        mask1[j] = random.NextSingle() < o.Keep ? 1f / o.Keep : 0f;
                        h[j] = z1[j] > 0 ? z1[j] * mask1[j] : 0f;
                    }
                    for (var k = 0; k < c; k++)
                    {
                        mask2[k] = random.NextSingle() < o.Keep ? 1f / o.Keep : 0f;
                        var z = b2[k];
                        for (var j = 0; j < hidden; j++) z += h[j] * w2[j * c + k];
                        p[k] = z * mask2[k];
                    }
                    StanceModel.Softmax(p);
                    for (var k = 0; k < c; k++) dz[k] = (p[k] - (k == gold[order[n]] ? 1f : 0f)) * mask2[k];
                    Array.Clear(dh);
                    for (var j = 0; j < hidden; j++)
                    {
                        if (h[j] == 0) continue;
                        for (var k = 0; k < c; k++)
                        {
                            grads[2][j * c + k] += h[j] * dz[k];
                            dh[j] += w2[j * c + k] * dz[k];
                        }
                    }
                    for (var k = 0; k < c; k++) grads[3][k] += dz[k];
                    for (var j = 0; j < hidden; j++) dh[j] = z1[j] > 0 ? dh[j] * mask1[j] : 0f;
                    for (var j = 0; j < hidden; j++) grads[1][j] += dh[j];
                    foreach (var (i, value) in x)
                    {
                        var row = grads[0].AsSpan(i * hidden, hidden);
                        for (var j = 0; j < hidden; j++) row[j] += value * dh[j];
                    }
                }
                // L2 on every weight, then clipping by the global norm, then Adam.
                double norm = 0;
                for (var q = 0; q < parameters.Length; q++)
                {
                    var w = parameters[q];
                    var g = grads[q];
                    for (var i = 0; i < w.Length; i++)
                    {
                        g[i] += o.L2 * w[i];
                        norm += (double)g[i] * g[i];
                    }
                }
                var scale = norm > (double)o.Clip * o.Clip ? (float)(o.Clip / Math.Sqrt(norm)) : 1f;
                step++;
                var lr = o.LearningRate * MathF.Sqrt(1 - MathF.Pow(0.999f, step)) / (1 - MathF.Pow(0.9f, step));
                for (var q = 0; q < parameters.Length; q++)
                {
                    var w = parameters[q];
                    var g = grads[q];
                    var mq = m[q];
                    var vq = v[q];
                    for (var i = 0; i < w.Length; i++)
                    {
                        var gi = g[i] * scale;
                        mq[i] = 0.9f * mq[i] + 0.1f * gi;
                        vq[i] = 0.999f * vq[i] + 0.001f * gi * gi;
                        w[i] -= lr * mq[i] / (MathF.Sqrt(vq[i]) + 1e-8f);
                    }
                }
            }
            epochDone?.Invoke(epoch, model);
        }
        return model;
    }

    private static float[] Uniform(Random random, int n, float limit)
    {
        var a = new float[n];
        for (var i = 0; i < n; i++) a[i] = (random.NextSingle() * 2 - 1) * limit;
        return a;
    }
}
