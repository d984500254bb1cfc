using System.Text;
using Dossier.Text;

namespace Dossier.Stories;

/// <summary>
/// Text normalised so that spinner swaps and house style do not hide reuse: the listed spun forms put back to news
/// style ("Russian Federation" → Russia, "worldwide community" → international community), places by their canonical
/// name ("USA", "U.S." → United States), case folded, stop words and punctuation dropped, plurals stripped, numbers
/// reduced to their digits ("1,000" = "1000").
/// </summary>
public static class ReuseText
{
    private const int MaxPlaceTokens = 4;

    /// <summary>Normalised term hashes of each sentence of a tokenised, sentence-split document.</summary>
    public static List<ulong[]> Sentences(Document document, Lexicon lexicon, SpinDetector spin)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(spin);
        var result = new List<ulong[]>(document.SentenceCount);
        var terms = new List<ulong>();
        for (var s = 0; s < document.SentenceCount; s++)
        {
            var span = document.Sentence(s);
            terms.Clear();
            for (var i = span.Start; i < span.End; i++)
            {
                var spun = spin.MatchAt(document, i, out _, out var plain);
                if (spun > 0)
                {
                    var plainWords = plain.Split(' ');
                    // "USA presidential" matches one token: only "USA" is replaced.
                    var replaced = spun == 1 && plainWords.Length > 1 ? plainWords[..1] : plainWords;
                    if (lexicon.CanonicalPlace(string.Join(' ', replaced)) is { } place) terms.Add(PlaceTerm(place));
                    else foreach (var w in replaced) AddWord(w, terms);
                    i += spun - 1;
                    continue;
                }
                var placeLength = 0;
                for (var n = Math.Min(MaxPlaceTokens, span.End - i); n >= 1 && placeLength == 0; n--)
                {
                    if (!document.Token(i).Is(TokenShape.Capitalized)) break;
                    if (lexicon.CanonicalPlace(document.Span(i, i + n).Text) is { } place)
                    {
                        terms.Add(PlaceTerm(place));
                        placeLength = n;
                    }
                }
                if (placeLength > 0)
                {
                    i += placeLength - 1;
                    continue;
                }
                var t = document.Token(i);
                if (t.Is(TokenShape.Number))
                {
                    var digits = new string([.. t.Text.ToString().Where(char.IsAsciiDigit)]);
                    if (digits.Length > 0) terms.Add(Terms.HashLower("#" + digits));
                }
                else if (t.Is(TokenShape.Word)) AddWord(t.Text.ToString(), terms);
            }
            result.Add([.. terms]);
        }
        return result;
    }

    private static ulong PlaceTerm(string place) => Terms.HashLower("@" + place.ToLowerInvariant());

    private static void AddWord(string word, List<ulong> terms)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Length < 2 || Terms.IsStopWord(lower)) return;
        terms.Add(Terms.HashLower(Terms.Stem(lower)));
    }
}

/// <summary>An earlier article that a new one nearly duplicates.</summary>
public sealed record DuplicateMatch(string Article, double Similarity);

/// <summary>A sentence of the new article found (possibly reworded) in an earlier article.</summary>
public sealed record ReusedSentence(int Sentence, string Article, int OtherSentence, double Similarity);

/// <summary>What an article shares with the articles indexed before it.</summary>
/// <param name="Containment">Share of the article's comparable sentences found in earlier articles.</param>
/// <param name="Sources">The earlier articles its reused sentences come from, most sentences first.</param>
public sealed record ReuseReport(string Article, IReadOnlyList<DuplicateMatch> Duplicates, IReadOnlyList<ReusedSentence> Reused, double Containment, IReadOnlyList<string> Sources);

/// <summary>
/// A MinHash/LSH sketch index of articles and their sentences, for finding near-duplicate articles and reused
/// (possibly spun) sentences across a corpus without comparing every pair. Each article keeps a 64-value MinHash
/// signature of its word-trigram shingles, looked up through 16 bands of 4 rows (a pair is a candidate with
/// probability 0.5 at Jaccard 0.5 and above 0.99 at 0.8), and each of its first <see cref="MaxSentences"/>
/// sentences a 16-value signature in 8 bands of 2. Memory per article is bounded: at most about 6 KB of signatures
/// and bucket entries, whatever its length. Saved and loaded whole; buckets are rebuilt on load. Not thread-safe.
/// </summary>
public sealed class ReuseIndex
{
    public const int ArticleHashes = 64;
    private const int ArticleBands = 16;
    public const int SentenceHashes = 16;
    private const int SentenceBands = 8;
    public const int MaxSentences = 40;
    /// <summary>Fewest normalised terms a sentence needs to be compared.</summary>
    public const int MinSentenceTerms = 5;
    private const int Shingle = 3;
    private const string Magic = "DOSSIER-REUSE";
    private const int Version = 1;

    /// <summary>Least estimated Jaccard similarity of two articles' shingles for a near duplicate.</summary>
    public double DuplicateThreshold { get; init; } = 0.8;

    /// <summary>Least estimated Jaccard similarity of two sentences' shingles for reuse.</summary>
    public double SentenceThreshold { get; init; } = 0.6;

    private readonly List<string> _ids = [];
    private readonly List<ulong[]> _signatures = [];
    private readonly List<ulong[][]> _sentences = [];
    private readonly Dictionary<ulong, List<int>> _articleBuckets = [];
    private readonly Dictionary<ulong, List<(int Article, int Sentence)>> _sentenceBuckets = [];

    public int Count => _ids.Count;

    /// <summary>Compares an article with every article indexed before it, then indexes it.</summary>
    /// <param name="sentences">The article's normalised sentence terms (<see cref="ReuseText.Sentences"/>).</param>
    public ReuseReport Add(string id, IReadOnlyList<ulong[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(sentences);
        var all = new List<ulong>();
        var sentenceSignatures = new List<ulong[]>();
        foreach (var terms in sentences.Take(MaxSentences))
        {
            var shingles = Shingles(terms);
            all.AddRange(shingles);
            // Reuse is claimed for sentences of substance only: a few words ("Photo: AP") say nothing about provenance.
            sentenceSignatures.Add(terms.Length < MinSentenceTerms ? [] : Signature(shingles, SentenceHashes));
        }
        foreach (var terms in sentences.Skip(MaxSentences)) all.AddRange(Shingles(terms));
        var signature = all.Count == 0 ? [] : Signature(all, ArticleHashes);
        var report = Compare(id, signature, sentenceSignatures);
        Insert(id, signature, [.. sentenceSignatures]);
        return report;
    }

    private ReuseReport Compare(string id, ulong[] signature, List<ulong[]> sentenceSignatures)
    {
        var duplicates = new List<DuplicateMatch>();
        if (signature.Length > 0)
        {
            var seen = new HashSet<int>();
            for (var b = 0; b < ArticleBands; b++)
            {
                if (!_articleBuckets.TryGetValue(BandKey(signature, b, ArticleHashes / ArticleBands), out var list)) continue;
                foreach (var other in list)
                {
                    if (!seen.Add(other)) continue;
                    var similarity = Similarity(signature, _signatures[other]);
                    if (similarity >= DuplicateThreshold) duplicates.Add(new DuplicateMatch(_ids[other], similarity));
                }
            }
        }
        var reused = new List<ReusedSentence>();
        var comparable = 0;
        for (var s = 0; s < sentenceSignatures.Count; s++)
        {
            var sig = sentenceSignatures[s];
            if (sig.Length == 0) continue;
            comparable++;
            (int Article, int Sentence, double Similarity)? best = null;
            for (var b = 0; b < SentenceBands; b++)
            {
                if (!_sentenceBuckets.TryGetValue(BandKey(sig, b, SentenceHashes / SentenceBands), out var list)) continue;
                foreach (var (article, sentence) in list)
                {
                    var similarity = Similarity(sig, _sentences[article][sentence]);
                    if (similarity < SentenceThreshold) continue;
                    // The best match; among equals the earliest article, which is where the text first appeared.
                    if (best is null || similarity > best.Value.Similarity || (similarity == best.Value.Similarity && article < best.Value.Article))
                        best = (article, sentence, similarity);
                }
            }
            if (best is { } m) reused.Add(new ReusedSentence(s, _ids[m.Article], m.Sentence, m.Similarity));
        }
        duplicates.Sort((a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : string.CompareOrdinal(a.Article, b.Article));
        var sources = reused.GroupBy(r => r.Article).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        return new ReuseReport(id, duplicates, reused, comparable == 0 ? 0 : (double)reused.Count / comparable, sources);
    }

    private void Insert(string id, ulong[] signature, ulong[][] sentences)
    {
        var index = _ids.Count;
        _ids.Add(id);
        _signatures.Add(signature);
        _sentences.Add(sentences);
        if (signature.Length > 0)
        {
            for (var b = 0; b < ArticleBands; b++)
            {
                var key = BandKey(signature, b, ArticleHashes / ArticleBands);
                if (!_articleBuckets.TryGetValue(key, out var list)) _articleBuckets[key] = list = [];
                list.Add(index);
            }
        }
        for (var s = 0; s < sentences.Length; s++)
        {
            if (sentences[s].Length == 0) continue;
            for (var b = 0; b < SentenceBands; b++)
            {
                var key = BandKey(sentences[s], b, SentenceHashes / SentenceBands);
                if (!_sentenceBuckets.TryGetValue(key, out var list)) _sentenceBuckets[key] = list = [];
                // A band repeated within one article (a repeated sentence) is kept once per sentence.
                list.Add((index, s));
            }
        }
    }

    private static List<ulong> Shingles(ulong[] terms)
    {
        var shingles = new List<ulong>();
        if (terms.Length == 0) return shingles;
        if (terms.Length < Shingle)
        {
            // A short sentence is one shingle: it matches only a sentence with the same few words.
            var h = 0xcbf29ce484222325UL;
            foreach (var t in terms) h = Mix(h ^ t);
            shingles.Add(h);
            return shingles;
        }
        for (var i = 0; i + Shingle <= terms.Length; i++) shingles.Add(Mix(Mix(Mix(terms[i]) ^ terms[i + 1]) ^ terms[i + 2]));
        return shingles;
    }

    private static ulong[] Signature(List<ulong> shingles, int hashes)
    {
        var signature = new ulong[hashes];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var s in shingles)
        {
            for (var k = 0; k < hashes; k++)
            {
                var h = Mix(s ^ Seeds[k]);
                if (h < signature[k]) signature[k] = h;
            }
        }
        return signature;
    }

    private static readonly ulong[] Seeds = [.. Enumerable.Range(1, ArticleHashes).Select(k => Mix((ulong)k * 0x9E3779B97F4A7C15UL))];

    /// <summary>SplitMix64's finaliser: a fast, well-mixed 64-bit hash of a 64-bit value.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong BandKey(ulong[] signature, int band, int rows)
    {
        var h = Mix((ulong)band + 1);
        for (var r = 0; r < rows; r++) h = Mix(h ^ signature[band * rows + r]);
        return h;
    }

    private static double Similarity(ulong[] a, ulong[] b)
    {
        if (a.Length != b.Length || a.Length == 0) return 0;
        var same = 0;
        for (var i = 0; i < a.Length; i++) if (a[i] == b[i]) same++;
        return (double)same / a.Length;
    }

    /// <summary>Writes the index (ids and signatures; buckets are rebuilt on load) to a temporary file, then renames it.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temp = path + ".tmp";
        using (var w = new BinaryWriter(File.Create(temp), Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(_ids.Count);
            for (var i = 0; i < _ids.Count; i++)
            {
                w.Write(_ids[i]);
                WriteSignature(w, _signatures[i]);
                w.Write(_sentences[i].Length);
                foreach (var s in _sentences[i]) WriteSignature(w, s);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    public static ReuseIndex Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var r = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        try
        {
            if (r.ReadString() != Magic) throw new InvalidDataException($"{path} is not a Dossier reuse index.");
            var version = r.ReadInt32();
            if (version != Version) throw new InvalidDataException($"{path} is a reuse index of version {version}; this Dossier reads version {Version}.");
            var index = new ReuseIndex();
            var count = r.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var id = r.ReadString();
                var signature = ReadSignature(r, ArticleHashes);
                var sentences = new ulong[r.ReadInt32()][];
                if (sentences.Length > MaxSentences) throw new InvalidDataException($"{path}: article {id} has {sentences.Length} sentences (at most {MaxSentences}).");
                for (var s = 0; s < sentences.Length; s++) sentences[s] = ReadSignature(r, SentenceHashes);
                index.Insert(id, signature, sentences);
            }
            return index;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path} is truncated.");
        }
    }

    private static void WriteSignature(BinaryWriter w, ulong[] signature)
    {
        w.Write((byte)(signature.Length == 0 ? 0 : 1));
        foreach (var v in signature) w.Write(v);
    }

    private static ulong[] ReadSignature(BinaryReader r, int hashes)
    {
        var present = r.ReadByte();
        if (present == 0) return [];
        if (present != 1) throw new InvalidDataException("corrupt signature marker.");
        var signature = new ulong[hashes];
        for (var k = 0; k < hashes; k++) signature[k] = r.ReadUInt64();
        return signature;
    }
}
