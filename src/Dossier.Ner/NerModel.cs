using System.IO.Compression;
using System.Text;

namespace Dossier.Ner;

/// <summary>
/// A trained named-entity model: a linear score per BILOU tag over hashed features (an averaged perceptron).
/// Immutable once loaded and safe to share between threads; the tagging state lives in <see cref="NerTagger"/>.
/// </summary>
public sealed class NerModel
{
    private const string Magic = "DOSSIER-NER";
    private const int Version = 1;

    private readonly Dictionary<ulong, int> _rows;
    private readonly float[] _weights;

    internal NerModel(Dictionary<ulong, int> rows, float[] weights)
    {
        _rows = rows;
        _weights = weights;
    }

    public int FeatureCount => _rows.Count;

    /// <summary>Adds the weights of one feature to the tag scores; features never seen in training add nothing.</summary>
    internal void Score(ulong feature, Span<float> scores)
    {
        if (!_rows.TryGetValue(feature, out var row)) return;
        var w = _weights.AsSpan(row * EntityTags.Count, EntityTags.Count);
        for (var t = 0; t < w.Length; t++) scores[t] += w[t];
    }

    /// <summary>Writes the model: features sorted by hash, so the same weights always give the same bytes.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var deflate = new DeflateStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(deflate, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(EntityTags.Count);
        w.Write(_rows.Count);
        foreach (var (feature, row) in _rows.OrderBy(kv => kv.Key))
        {
            w.Write(feature);
            for (var t = 0; t < EntityTags.Count; t++) w.Write((Half)_weights[row * EntityTags.Count + t]);
        }
    }

    /// <exception cref="InvalidDataException">The stream is not a Dossier NER model of this version.</exception>
    public static NerModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Decompress first, so a file that is not compressed the way a model is gets a message that says so.
        var content = new MemoryStream();
        try
        {
            using var deflate = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true);
            deflate.CopyTo(content);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"not a Dossier NER model ({e.Message})", e);
        }
        content.Position = 0;
        using var r = new BinaryReader(content, Encoding.UTF8, leaveOpen: false);
        try
        {
            if (r.ReadString() != Magic) throw new InvalidDataException("not a Dossier NER model");
            var version = r.ReadInt32();
            if (version != Version) throw new InvalidDataException($"NER model version {version}; this build reads version {Version}");
            if (r.ReadInt32() != EntityTags.Count) throw new InvalidDataException("NER model has a different tag set");
            var count = r.ReadInt32();
            if (count < 0 || count > 50_000_000) throw new InvalidDataException($"NER model claims {count} features");
            var rows = new Dictionary<ulong, int>(count);
            var weights = new float[(long)count * EntityTags.Count];
            for (var i = 0; i < count; i++)
            {
                if (!rows.TryAdd(r.ReadUInt64(), i)) throw new InvalidDataException("NER model lists a feature twice");
                for (var t = 0; t < EntityTags.Count; t++) weights[i * EntityTags.Count + t] = (float)r.ReadHalf();
            }
            return new NerModel(rows, weights);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("NER model file is truncated", e);
        }
    }

    public static NerModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }
}

/// <summary>
/// Tags the sentences of one document at a time, left to right, greedily, each tag chosen among those the BILOU
/// scheme allows after the previous one. Not thread-safe: use one tagger per thread (it is cheap).
/// </summary>
public sealed class NerTagger(NerModel model)
{
    private readonly SentenceScratch _scratch = new();
    private readonly DocumentContext _doc = new();
    private readonly float[] _scores = new float[EntityTags.Count];
    private readonly ulong[] _features = new ulong[FeatureTemplates.Max];

    /// <summary>Tags every sentence of a document; sentences are seen first as a whole for document-level evidence.</summary>
    public List<TaggedSpan>[] TagDocument<T>(IReadOnlyList<T> sentences) where T : ITokenSequence
    {
        ArgumentNullException.ThrowIfNull(sentences);
        _doc.Clear();
        foreach (var s in sentences) _doc.Observe(s);
        var result = new List<TaggedSpan>[sentences.Count];
        for (var k = 0; k < sentences.Count; k++)
        {
            TagSentence(sentences[k]);
            result[k] = EntityTags.FromBilou(_scratch.Tags.AsSpan(0, _scratch.Count));
        }
        return result;
    }

    private void TagSentence<T>(T sentence) where T : ITokenSequence
    {
        var s = _scratch;
        s.Load(sentence);
        for (var i = 0; i < s.Count; i++)
        {
            Array.Clear(_scores);
            var n = FeatureTemplates.Extract(s, _doc, i, _features);
            for (var k = 0; k < n; k++) model.Score(_features[k], _scores);
            s.Tags[i] = Best(_scores, i > 0 ? s.Tags[i - 1] : -1, i == s.Count - 1);
            Remember(s, _doc, i);
        }
    }

    /// <summary>The best-scoring tag allowed after <paramref name="previous"/> (ties go to the lower tag number).</summary>
    internal static int Best(ReadOnlySpan<float> scores, int previous, bool last)
    {
        var best = -1;
        for (var t = 0; t < scores.Length; t++)
        {
            if (!EntityTags.Allowed(previous, t) || (last && !EntityTags.MayEnd(t))) continue;
            if (best < 0 || scores[t] > scores[best]) best = t;
        }
        return best;
    }

    /// <summary>When token i closes a phrase, remembers its type for each of its words for the rest of the document.</summary>
    internal static void Remember(SentenceScratch s, DocumentContext doc, int i)
    {
        var tag = s.Tags[i];
        if (tag == 0 || EntityTags.Part(tag) is EntityTags.B or EntityTags.I) return;
        var type = EntityTags.Type(tag);
        var k = i;
        while (k >= 0)
        {
            doc.LastType[s.Lower[k]] = type;
            if (EntityTags.Part(s.Tags[k]) is EntityTags.B or EntityTags.U) break;
            k--;
        }
    }
}
