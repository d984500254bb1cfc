using System.IO.Compression;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Dossier.Ner;

/// <summary>
/// A trained named-entity model: a linear score per BILOU tag over hashed features (an averaged perceptron).
/// Immutable once loaded and safe to share between threads; the tagging state lives in <see cref="NerTagger"/>.
/// </summary>
public sealed class NerModel
{
    private const string Magic = "DOSSIER-NER";
    private const int Version = 4;

    private readonly float[] _weights;

    internal NerModel(Dictionary<ulong, int> rows, float[] weights, WordClusters clusters, Gazetteer gazetteer)
    {
        FeatureCount = rows.Count;
        // One float of padding so the last row can be read as whole vectors.
        _weights = new float[weights.Length + Vector256<float>.Count];
        weights.CopyTo(_weights, 0);
        _rows = new HashMap<int>(rows);
        Clusters = clusters;
        Gazetteer = gazetteer;
    }

    /// <summary>The entity phrases of the training data.</summary>
    public Gazetteer Gazetteer { get; }

    /// <summary>The word classes the features were trained with (learned from unlabelled text).</summary>
    public WordClusters Clusters { get; }

    public int FeatureCount { get; }

    /// <summary>
    /// The second pass, when the model has one: the same features plus how the first pass tagged each word across
    /// the whole document, so that a name tagged rightly in one sentence corrects its other mentions.
    /// </summary>
    public NerModel? Second { get; internal set; }

    /// <summary>
    /// The tag scores of a token: the sum of its features' weight rows (features never seen in training add nothing).
    /// The hot loop of tagging, so the rows are found in an open-addressing table (<see cref="HashMap{TValue}"/>) and
    /// added as two 8-float vectors plus the 17th tag.
    /// </summary>
    internal void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        // The feature table and the weights are megabytes, so nearly every lookup misses the cache: fetch all of a
        // token's slots, then all of its rows, before reading any, so that the misses overlap instead of queueing.
        foreach (var feature in features) _rows.Prefetch(feature);
        Span<int> rows = stackalloc int[features.Length];
        var found = 0;
        foreach (var feature in features)
        {
            if (!_rows.TryGetValue(feature, out var row)) continue;
            rows[found++] = row * EntityTags.Count;
            CacheLine.Prefetch(ref Unsafe.Add(ref weights, row * EntityTags.Count));
        }
        var a = Vector256<float>.Zero;
        var b = Vector256<float>.Zero;
        var last = 0f;
        foreach (var row in rows[..found])
        {
            ref var w = ref Unsafe.Add(ref weights, row);
            a += Vector256.LoadUnsafe(ref w);
            b += Vector256.LoadUnsafe(ref w, 8);
            last += Unsafe.Add(ref w, 16);
        }
        a.CopyTo(scores);
        b.CopyTo(scores[8..]);
        scores[16] = last;
    }

    private readonly HashMap<int> _rows;

    /// <summary>Writes the model: features sorted by hash, so the same weights always give the same bytes.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var deflate = new DeflateStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(deflate, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(EntityTags.Count);
        WriteWeights(w);
        w.Write(Clusters.Count);
        foreach (var (word, classes) in Clusters.Entries)
        {
            w.Write(word);
            w.Write(classes);
        }
        w.Write(Gazetteer.Count);
        foreach (var (phrase, bits) in Gazetteer.Entries)
        {
            w.Write(phrase);
            w.Write(bits);
        }
        w.Write(Second is null ? 1 : 2);
        Second?.WriteWeights(w);
    }

    private void WriteWeights(BinaryWriter w)
    {
        w.Write(FeatureCount);
        foreach (var (feature, row) in _rows.Entries.OrderBy(e => e.Key))
        {
            w.Write(feature);
            for (var t = 0; t < EntityTags.Count; t++) w.Write((Half)_weights[row * EntityTags.Count + t]);
        }
    }

    private static (Dictionary<ulong, int> Rows, float[] Weights) ReadWeights(BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > 50_000_000) throw new InvalidDataException($"NER model claims {count} features");
        var rows = new Dictionary<ulong, int>(count);
        var weights = new float[(long)count * EntityTags.Count];
        for (var i = 0; i < count; i++)
        {
            if (!rows.TryAdd(r.ReadUInt64(), i)) throw new InvalidDataException("NER model lists a feature twice");
            for (var t = 0; t < EntityTags.Count; t++) weights[i * EntityTags.Count + t] = (float)r.ReadHalf();
        }
        return (rows, weights);
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
            // Version 3 is version 4 without the count of passes (always one).
            if (version is not (3 or Version)) throw new InvalidDataException($"NER model version {version}; this build reads versions 3 and {Version}");
            if (r.ReadInt32() != EntityTags.Count) throw new InvalidDataException("NER model has a different tag set");
            var (rows, weights) = ReadWeights(r);
            var words = r.ReadInt32();
            if (words < 0 || words > 50_000_000) throw new InvalidDataException($"NER model claims {words} clustered words");
            var classes = new Dictionary<ulong, ulong>(words);
            for (var i = 0; i < words; i++)
            {
                if (!classes.TryAdd(r.ReadUInt64(), r.ReadUInt64())) throw new InvalidDataException("NER model lists a word twice");
            }
            var phrases = r.ReadInt32();
            if (phrases < 0 || phrases > 50_000_000) throw new InvalidDataException($"NER model claims {phrases} gazetteer phrases");
            var gazetteer = new Dictionary<ulong, byte>(phrases);
            for (var i = 0; i < phrases; i++)
            {
                if (!gazetteer.TryAdd(r.ReadUInt64(), r.ReadByte())) throw new InvalidDataException("NER model lists a phrase twice");
            }
            var model = new NerModel(rows, weights, WordClusters.FromEntries(classes), Gazetteer.FromEntries(gazetteer));
            var passes = version == 3 ? 1 : r.ReadInt32();
            if (passes is not (1 or 2)) throw new InvalidDataException($"NER model claims {passes} passes");
            if (passes == 2)
            {
                var (rows2, weights2) = ReadWeights(r);
                model.Second = new NerModel(rows2, weights2, model.Clusters, model.Gazetteer);
            }
            if (r.BaseStream.Position != r.BaseStream.Length) throw new InvalidDataException("NER model has trailing bytes");
            return model;
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

/// <summary>The first pass's tags of a document's sentences and its words' votes.</summary>
internal sealed record FirstPass(Dictionary<ulong, ulong> Words, Dictionary<ulong, ulong> Phrases, int[][] Tags);

/// <summary>
/// Tags the sentences of one document at a time, left to right, greedily, each tag chosen among those the BILOU
/// scheme allows after the previous one; a model with a second pass then tags the document again with what the
/// first made of all of it. Not thread-safe: use one tagger per thread (it is cheap).
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
        var second = model.Second;
        var result = new List<TaggedSpan>[sentences.Count];
        if (second is null)
        {
            for (var k = 0; k < sentences.Count; k++)
            {
                _scratch.Load(sentences[k], model.Clusters, model.Gazetteer);
                TagSentence(model, _scratch);
                result[k] = EntityTags.FromBilou(_scratch.Tags.AsSpan(0, _scratch.Count));
            }
            return result;
        }
        // Both passes read the same token hashes: each sentence is loaded once, into a scratch of its own.
        while (_scratches.Count < sentences.Count) _scratches.Add(new SentenceScratch());
        for (var k = 0; k < sentences.Count; k++)
        {
            var s = _scratches[k];
            s.Load(sentences[k], model.Clusters, model.Gazetteer);
            TagSentence(model, s);
            _doc.Vote(s);
            s.Tags.AsSpan(0, s.Count).CopyTo(s.First);
        }
        _doc.LastType.Clear();
        _doc.SecondPass = true;
        for (var k = 0; k < sentences.Count; k++)
        {
            var s = _scratches[k];
            TagSentence(second, s);
            result[k] = EntityTags.FromBilou(s.Tags.AsSpan(0, s.Count));
        }
        // A very long document's scratches go with it rather than staying with the tagger.
        if (_scratches.Count > KeptScratches) _scratches.RemoveRange(KeptScratches, _scratches.Count - KeptScratches);
        return result;
    }

    private const int KeptScratches = 512;
    private readonly List<SentenceScratch> _scratches = [];

    /// <summary>What the first pass makes of a document (for training the second pass on realistic evidence).</summary>
    internal FirstPass RunFirstPass<T>(IReadOnlyList<T> sentences) where T : ITokenSequence
    {
        _doc.Clear();
        foreach (var s in sentences) _doc.Observe(s);
        var tags = new int[sentences.Count][];
        for (var k = 0; k < sentences.Count; k++)
        {
            _scratch.Load(sentences[k], model.Clusters, model.Gazetteer);
            TagSentence(model, _scratch);
            _doc.Vote(_scratch);
            tags[k] = _scratch.Tags[.._scratch.Count];
        }
        return new FirstPass(new Dictionary<ulong, ulong>(_doc.Votes), new Dictionary<ulong, ulong>(_doc.PhraseVotes), tags);
    }

    /// <summary>Tags a loaded sentence with one pass's weights (in the second, <see cref="SentenceScratch.First"/> holds the first's tags).</summary>
    private void TagSentence(NerModel pass, SentenceScratch s)
    {
        for (var i = 0; i < s.Count; i++)
        {
            if (KeepsFirst(s, _doc, i))
            {
                s.Tags[i] = 0;
                continue;
            }
            var n = FeatureTemplates.Extract(s, _doc, i, _features);
            pass.Score(_features.AsSpan(0, n), _scores);
            s.Tags[i] = Decide(_scores, s.Tags, i, s.Count);
            Remember(s, _doc, i);
        }
    }

    /// <summary>
    /// The tag of token i, with one token of hindsight: a greedy BILOU tagger must choose B or U (and I or L) before it
    /// sees the next token, and a wrong guess would force a whole phrase ("the West 's pretext"). When the best tag
    /// overall cannot follow the previous one but would if that one had closed (B→U, I→L) or stayed open (U→B, L→I)
    /// for the same type, the previous tag is revised; otherwise the best allowed tag is taken.
    /// </summary>
    internal static int Decide(ReadOnlySpan<float> scores, Span<int> tags, int i, int count)
    {
        var previous = i > 0 ? tags[i - 1] : -1;
        var last = i == count - 1;
        var best = 0;
        for (var t = 1; t < scores.Length; t++)
            if (scores[t] > scores[best]) best = t;
        if (previous > 0 && !EntityTags.Allowed(previous, best) && (!last || EntityTags.MayEnd(best)))
        {
            var type = EntityTags.Type(previous);
            var part = EntityTags.Part(previous);
            var open = part is EntityTags.B or EntityTags.I;
            var bestPart = EntityTags.Part(best);
            if (open && (best == 0 || bestPart is EntityTags.B or EntityTags.U))
            {
                tags[i - 1] = EntityTags.Make(type, part == EntityTags.B ? EntityTags.U : EntityTags.L);
                return best;
            }
            if (!open && EntityTags.Type(best) == type && bestPart is EntityTags.I or EntityTags.L)
            {
                tags[i - 1] = EntityTags.Make(type, part == EntityTags.U ? EntityTags.B : EntityTags.I);
                return best;
            }
        }
        return Best(scores, previous, last);
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

    /// <summary>
    /// Whether the second pass keeps the first's O for token i without scoring it: a word neither capitalised nor
    /// ever tagged as an entity in the document, after a closed phrase. Most tokens are such words, and leaving them
    /// to the second pass changed no figure but its cost. (Training still learns from every token: skipping them
    /// there too cost half a point of F1.)
    /// </summary>
    internal static bool KeepsFirst(SentenceScratch s, DocumentContext doc, int i) =>
        doc.SecondPass && s.First[i] == 0 && EntityTags.Allowed(i > 0 ? s.Tags[i - 1] : -1, 0)
        && ((s.Flags[i] & SentenceScratch.Capitalised) == 0 || !doc.EverEntity(s.Lower[i]));

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
