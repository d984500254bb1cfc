using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using System.Text;

namespace Dossier.Stories;

/// <summary>How an article's body relates to its headline (the FNC-1 classes, in FNC-1's order).</summary>
public enum Stance
{
    Agree,
    Disagree,
    Discuss,
    Unrelated,
}

/// <summary>The FNC-1 names of the stances and the competition's weighted score.</summary>
public static class StanceNames
{
    private static readonly string[] Names = ["agree", "disagree", "discuss", "unrelated"];

    public static string Name(this Stance stance) => Names[(int)stance];

    public static bool TryParse(string text, out Stance stance)
    {
        var i = Array.IndexOf(Names, text.Trim().ToLowerInvariant());
        stance = i < 0 ? Stance.Unrelated : (Stance)i;
        return i >= 0;
    }
}

/// <summary>
/// The FNC-1 score: 0.25 for each pair whose related/unrelated decision is right, and 0.75 more for each related
/// pair whose agree/disagree/discuss label is right; reported as a share of the best possible score.
/// </summary>
public readonly record struct FncScore(double Score, double Max, double RelatedAccuracy, int Pairs)
{
    public double Relative => Max == 0 ? 0 : Score / Max;

    public static FncScore Compute(IReadOnlyList<Stance> predicted, IReadOnlyList<Stance> gold)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(gold);
        if (predicted.Count != gold.Count) throw new ArgumentException($"{predicted.Count} predictions but {gold.Count} gold labels.", nameof(gold));
        double score = 0, max = 0;
        var relatedRight = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            var g = gold[i];
            var p = predicted[i];
            max += g == Stance.Unrelated ? 0.25 : 1.0;
            if ((g == Stance.Unrelated) == (p == Stance.Unrelated))
            {
                score += 0.25;
                relatedRight++;
                if (g != Stance.Unrelated && g == p) score += 0.75;
            }
        }
        return new FncScore(score, max, gold.Count == 0 ? 0 : (double)relatedRight / gold.Count, gold.Count);
    }
}

/// <summary>
/// A text as the stance model sees it: lower-cased word tokens (letters and digits), the content terms among them,
/// and which refuting cues it holds. Built once per body and shared by every headline paired with it.
/// </summary>
public sealed class StanceText
{
    /// <summary>Words that signal a report being denied or debunked; they survive stop-word removal as cues.</summary>
    private static readonly HashSet<string> RefutingCues = new(StringComparer.Ordinal)
    {
        "fake", "fraud", "hoax", "false", "deny", "denies", "denied", "denial", "not", "despite", "nope", "doubt", "doubts",
        "bogus", "debunk", "debunked", "debunks", "pranks", "prank", "retract", "retracted", "refute", "refuted", "refutes",
        "untrue", "rumor", "rumors", "rumour", "rumours", "misleading", "satire", "satirical",
    };

    private StanceText(string[] terms, int cues, int leadTerms)
    {
        Terms = terms;
        Cues = cues;
        LeadTerms = leadTerms;
        Set = new HashSet<string>(terms, StringComparer.Ordinal);
    }

    /// <summary>Content terms in text order (stop words removed).</summary>
    public string[] Terms { get; }
    public HashSet<string> Set { get; }
    /// <summary>How many refuting cues the text holds.</summary>
    public int Cues { get; }
    /// <summary>How many of <see cref="Terms"/> fall in the text's first sentences (about 60 words).</summary>
    public int LeadTerms { get; }

    public static StanceText Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        var cues = 0;
        var words = 0;
        var lead = -1;
        Span<char> buffer = stackalloc char[64];
        var length = 0;
        string? longWord = null;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (length < buffer.Length) buffer[length] = char.ToLowerInvariant(c);
                else longWord = (longWord ?? buffer.ToString()) + char.ToLowerInvariant(c);
                length++;
                continue;
            }
            if (length == 0) continue;
            ReadOnlySpan<char> word = longWord is null ? buffer[..length] : longWord;
            length = 0;
            longWord = null;
            words++;
            if (CueLookup.Contains(word)) cues++;
            if (word.Length > 1 && !Stories.Terms.IsStopWord(word)) terms.Add((t_words ??= new WordMap(w => w))[word]);
            if (lead < 0 && words >= 60 && c is '.' or '!' or '?' or '\n') lead = terms.Count;
        }
        return new StanceText([.. terms], cues, lead < 0 ? terms.Count : lead);
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CueLookup = RefutingCues.GetAlternateLookup<ReadOnlySpan<char>>();

    // One string per distinct word a thread has seen.
    [ThreadStatic]
    private static WordMap? t_words;
}

/// <summary>
/// Headline-to-body stance: a one-hidden-layer network over the headline's and the body's term frequencies (a
/// fixed vocabulary of the most frequent training terms), their tf-idf cosine and a few overlap and refuting-cue
/// features, the design of the strongest simple FNC-1 systems. Immutable and thread-safe once built.
/// </summary>
public sealed class StanceModel
{
    private const string Magic = "DOSSIER-STANCE";
    private const int Version = 1;
    internal const int Extras = 7;
    internal const int Classes = 4;

    private readonly Dictionary<string, int> _index;

    internal StanceModel(string[] vocabulary, float[] idf, int hidden, float[] w1, float[] b1, float[] w2, float[] b2)
    {
        Vocabulary = vocabulary;
        _index = new Dictionary<string, int>(vocabulary.Length, StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Length; i++) _index[vocabulary[i]] = i;
        Idf = idf;
        Hidden = hidden;
        W1 = w1;
        B1 = b1;
        W2 = w2;
        B2 = b2;
    }

    public IReadOnlyList<string> Vocabulary { get; }
    internal float[] Idf { get; }
    public int Hidden { get; }
    public int Inputs => 2 * Vocabulary.Count + 1 + Extras;
    internal float[] W1 { get; }
    internal float[] B1 { get; }
    internal float[] W2 { get; }
    internal float[] B2 { get; }

    /// <summary>Where the bundled FNC-1 model is installed (<c>models/stance-fnc1.model</c> beside the program).</summary>
    public static string BundledModelPath => Path.Combine(AppContext.BaseDirectory, "models", "stance-fnc1.model");

    public Stance Predict(StanceText headline, StanceText body)
    {
        Span<float> p = stackalloc float[Classes];
        Probabilities(headline, body, p);
        var best = 0;
        for (var k = 1; k < Classes; k++) if (p[k] > p[best]) best = k;
        return (Stance)best;
    }

    public void Probabilities(StanceText headline, StanceText body, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(headline);
        ArgumentNullException.ThrowIfNull(body);
        var x = Features(headline, body);
        var h = new float[Hidden];
        Forward(x, h, probabilities);
    }

    /// <summary>The sparse input vector: (index, value) pairs in ascending index order.</summary>
    internal List<(int Index, float Value)> Features(StanceText headline, StanceText body)
    {
        var v = Vocabulary.Count;
        var x = new List<(int, float)>();
        AddTermFrequencies(headline, 0, x);
        AddTermFrequencies(body, v, x);
        x.Add((2 * v, TfIdfCosine(headline, body)));
        var shared = 0;
        var sharedLead = 0;
        var leadSet = new HashSet<string>(body.Terms.Take(body.LeadTerms), StringComparer.Ordinal);
        foreach (var t in headline.Set)
        {
            if (body.Set.Contains(t)) shared++;
            if (leadSet.Contains(t)) sharedLead++;
        }
        var union = headline.Set.Count + body.Set.Count - shared;
        // Headline bigrams that the body also has, counted per headline position: the body is scanned once against
        // the headline's few pairs rather than hashed whole.
        var bigrams = 0;
        var pairs = new HashSet<(string, string)>();
        for (var i = 1; i < headline.Terms.Length; i++) pairs.Add((headline.Terms[i - 1], headline.Terms[i]));
        var found = new HashSet<(string, string)>();
        if (pairs.Count > 0)
            for (var i = 1; i < body.Terms.Length && found.Count < pairs.Count; i++)
                if (headline.Set.Contains(body.Terms[i]) && pairs.Contains((body.Terms[i - 1], body.Terms[i]))) found.Add((body.Terms[i - 1], body.Terms[i]));
        for (var i = 1; i < headline.Terms.Length; i++) if (found.Contains((headline.Terms[i - 1], headline.Terms[i]))) bigrams++;
        var e = 2 * v + 1;
        x.Add((e, union == 0 ? 0 : (float)shared / union));
        x.Add((e + 1, headline.Set.Count == 0 ? 0 : (float)shared / headline.Set.Count));
        x.Add((e + 2, headline.Set.Count == 0 ? 0 : (float)sharedLead / headline.Set.Count));
        x.Add((e + 3, headline.Terms.Length < 2 ? 0 : (float)bigrams / (headline.Terms.Length - 1)));
        x.Add((e + 4, headline.Cues > 0 ? 1 : 0));
        x.Add((e + 5, Math.Min(1f, body.Cues / 3f)));
        x.Add((e + 6, headline.Cues > 0 && body.Cues > 0 ? 1 : 0));
        return x;
    }

    private void AddTermFrequencies(StanceText text, int offset, List<(int, float)> x)
    {
        var indices = new List<int>(text.Terms.Length);
        foreach (var t in text.Terms)
            if (_index.TryGetValue(t, out var i)) indices.Add(i);
        indices.Sort();
        // Squares of counts are whole numbers: their sum is exact in any order.
        var sum = 0.0;
        for (var k = 0; k < indices.Count;)
        {
            var run = Run(indices, k);
            sum += (float)run * run;
            k += run;
        }
        var norm = MathF.Sqrt((float)sum);
        for (var k = 0; k < indices.Count;)
        {
            var run = Run(indices, k);
            x.Add((offset + indices[k], run / norm));
            k += run;
        }

        static int Run(List<int> sorted, int from)
        {
            var n = 1;
            while (from + n < sorted.Count && sorted[from + n] == sorted[from]) n++;
            return n;
        }
    }

    private float TfIdfCosine(StanceText a, StanceText b)
    {
        Dictionary<int, float> Weights(StanceText t)
        {
            var w = new Dictionary<int, float>();
            foreach (var term in t.Terms)
                if (_index.TryGetValue(term, out var i)) w[i] = w.GetValueOrDefault(i) + Idf[i];
            return w;
        }
        var wa = Weights(a);
        var wb = Weights(b);
        float dot = 0, na = 0, nb = 0;
        foreach (var (i, w) in wa)
        {
            na += w * w;
            if (wb.TryGetValue(i, out var o)) dot += w * o;
        }
        foreach (var w in wb.Values) nb += w * w;
        return na == 0 || nb == 0 ? 0 : dot / MathF.Sqrt(na * nb);
    }

    /// <summary>Hidden activations into <paramref name="h"/> (pre-activation values are not kept) and class probabilities.</summary>
    internal void Forward(List<(int Index, float Value)> x, Span<float> h, Span<float> probabilities)
    {
        B1.CopyTo(h);
        foreach (var (i, value) in x)
        {
            var row = W1.AsSpan(i * Hidden, Hidden);
            // Element by element as the scalar loop would (a multiply, then an add), a vector at a time.
            var j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var v = new Vector<float>(value);
                for (; j <= Hidden - Vector<float>.Count; j += Vector<float>.Count)
                    (new Vector<float>(h[j..]) + v * new Vector<float>(row[j..])).CopyTo(h[j..]);
            }
            for (; j < Hidden; j++) h[j] += value * row[j];
        }
        for (var j = 0; j < Hidden; j++) if (h[j] < 0) h[j] = 0;
        for (var k = 0; k < Classes; k++)
        {
            var z = B2[k];
            for (var j = 0; j < Hidden; j++) z += h[j] * W2[j * Classes + k];
            probabilities[k] = z;
        }
        Softmax(probabilities);
    }

    internal static void Softmax(Span<float> z)
    {
        var max = float.NegativeInfinity;
        foreach (var v in z) max = MathF.Max(max, v);
        var sum = 0f;
        for (var k = 0; k < z.Length; k++) sum += z[k] = MathF.Exp(z[k] - max);
        for (var k = 0; k < z.Length; k++) z[k] /= sum;
    }

    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        using (var zip = new GZipStream(file, CompressionLevel.SmallestSize))
        using (var w = new BinaryWriter(zip, Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(Vocabulary.Count);
            w.Write(Hidden);
            foreach (var t in Vocabulary) w.Write(t);
            foreach (var a in new[] { Idf, W1, B1, W2, B2 }) WriteFloats(w, a);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static StanceModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        using var zip = new GZipStream(file, CompressionMode.Decompress);
        using var r = new BinaryReader(zip, Encoding.UTF8);
        try
        {
            if (r.ReadString() != Magic) throw new InvalidDataException($"{path} is not a Dossier stance model.");
            var version = r.ReadInt32();
            if (version != Version) throw new InvalidDataException($"{path} is a stance model of version {version}; this Dossier reads version {Version}.");
            var v = r.ReadInt32();
            var hidden = r.ReadInt32();
            var vocabulary = new string[v];
            for (var i = 0; i < v; i++) vocabulary[i] = r.ReadString();
            var inputs = 2 * v + 1 + Extras;
            return new StanceModel(vocabulary, ReadFloats(r, v), hidden, ReadFloats(r, inputs * hidden), ReadFloats(r, hidden), ReadFloats(r, hidden * Classes), ReadFloats(r, Classes));
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path} is truncated.");
        }
    }

    private static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        w.Write(bytes);
    }

    private static float[] ReadFloats(BinaryReader r, int expected)
    {
        var n = r.ReadInt32();
        if (n != expected) throw new InvalidDataException($"expected {expected} weights, found {n}.");
        var bytes = r.ReadBytes(n * 4);
        if (bytes.Length != n * 4) throw new EndOfStreamException();
        var values = new float[n];
        for (var i = 0; i < n; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
        return values;
    }
}
