namespace Dossier.Ner;

/// <summary>
/// What the tagger knows about a whole document before tagging it, and what it learns while tagging: which words
/// appear capitalised in mid-sentence or in lower case anywhere in it (so "BRUSSELS" in an all-caps headline can be
/// told from a common word), and the entity type most recently given to each word.
/// </summary>
internal sealed class DocumentContext
{
    public HashSet<ulong> CapitalisedInside { get; } = [];
    public HashSet<ulong> LowerCase { get; } = [];
    public Dictionary<ulong, int> LastType { get; } = [];

    /// <summary>
    /// The first pass's tags of each word over the whole document (see <see cref="TypeVotes"/>), counted as it goes:
    /// what the second pass knows of a word's later mentions as well as its earlier ones.
    /// </summary>
    public Dictionary<ulong, ulong> Votes { get; } = [];

    /// <summary>Whether the second pass is tagging (the first fills <see cref="Votes"/> as it goes).</summary>
    public bool SecondPass { get; set; }

    /// <summary>The same counts over the words of the first pass's phrases of two or more words only.</summary>
    public Dictionary<ulong, ulong> PhraseVotes { get; } = [];

    public void Clear()
    {
        CapitalisedInside.Clear();
        LowerCase.Clear();
        LastType.Clear();
        Votes.Clear();
        PhraseVotes.Clear();
        SecondPass = false;
    }

    /// <summary>Whether the first pass tagged the word as part of an entity anywhere in the document.</summary>
    public bool EverEntity(ulong word) => Votes.TryGetValue(word, out var v) && TypeVotes.Major(v) != 0;

    /// <summary>Counts the tags of a tagged sentence into <see cref="Votes"/>.</summary>
    public void Vote(SentenceScratch s)
    {
        for (var i = 0; i < s.Count; i++)
        {
            ref var v = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Votes, s.Lower[i], out _);
            var tag = s.Tags[i];
            v = TypeVotes.Add(v, EntityTags.Type(tag) + 1);
            if (tag == 0 || EntityTags.Part(tag) == EntityTags.U) continue;
            ref var p = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(PhraseVotes, s.Lower[i], out _);
            p = TypeVotes.Add(p, EntityTags.Type(tag) + 1);
        }
    }

    /// <summary>Notes the words of one sentence (given as its tokens' text).</summary>
    public void Observe<T>(T sentence) where T : ITokenSequence
    {
        Span<char> lower = stackalloc char[FeatureHash.MaxWord];
        for (var i = 0; i < sentence.Count; i++)
        {
            var w = sentence[i];
            if (w.Length == 0 || w.Length > FeatureHash.MaxWord) continue;
            var l = FeatureHash.Lower(w, lower);
            var h = FeatureHash.Of(l);
            if (char.IsUpper(w[0]) && i > 0 && !FeatureHash.IsAllCaps(w)) CapitalisedInside.Add(h);
            else if (char.IsLower(w[0])) LowerCase.Add(h);
        }
    }
}

/// <summary>How often a word was tagged O and each entity type: five 12-bit counts in one word, saturating.</summary>
internal static class TypeVotes
{
    private const int Bits = 12;
    private const ulong Mask = (1UL << Bits) - 1;

    public static ulong Add(ulong votes, int slot)
    {
        var shift = slot * Bits;
        return ((votes >> shift) & Mask) == Mask ? votes : votes + (1UL << shift);
    }

    public static int Count(ulong votes, int slot) => (int)((votes >> (slot * Bits)) & Mask);

    /// <summary>The votes less one in <paramref name="slot"/> (a word's other mentions, without this one).</summary>
    public static ulong Remove(ulong votes, int slot) => Count(votes, slot) == 0 ? votes : votes - (1UL << (slot * Bits));

    /// <summary>The commonest entity type's slot (1–4), 0 when none.</summary>
    public static int Major(ulong votes)
    {
        int major = 0, best = 0;
        for (var t = 1; t <= 4; t++)
        {
            var c = Count(votes, t);
            if (c > best) (major, best) = (t, c);
        }
        return major;
    }

    /// <summary>
    /// A word's votes in one small number: its commonest entity type (0 when never an entity), whether every entity
    /// tag agreed, and how much of the time it was an entity (always, mostly, sometimes, never).
    /// </summary>
    public static ulong Summary(ulong votes)
    {
        var o = Count(votes, 0);
        var major = Major(votes);
        var entity = 0;
        for (var t = 1; t <= 4; t++) entity += Count(votes, t);
        var share = entity == 0 ? 3 : o == 0 ? 0 : entity >= o ? 1 : 2;
        var agreed = major != 0 && Count(votes, major) == entity ? 1 : 0;
        return (ulong)(major * 8 + agreed * 4 + share);
    }
}

/// <summary>A sentence as the tagger sees it: a count and each token's text.</summary>
public interface ITokenSequence
{
    int Count { get; }
    ReadOnlySpan<char> this[int index] { get; }
}

/// <summary>Tokens given as strings.</summary>
public readonly struct StringTokens(string[] words) : ITokenSequence
{
    public int Count => words.Length;
    public ReadOnlySpan<char> this[int index] => words[index];
}

/// <summary>Tokens [start, end) of a <see cref="Document"/>: no string per token.</summary>
public readonly struct DocumentTokens(Document document, int start, int end) : ITokenSequence
{
    public int Count => end - start;
    public ReadOnlySpan<char> this[int index] => document.Token(start + index).Text;
}

/// <summary>64-bit hashing of words and features: deterministic across runs and machines, no allocation.</summary>
internal static class FeatureHash
{
    public const int MaxWord = 64;

    public static ulong Of(ReadOnlySpan<char> s) => Fnv1a.Hash(s);

    /// <summary>A feature: template number and value hash mixed (SplitMix64's finaliser).</summary>
    public static ulong Feature(int template, ulong value)
    {
        var z = value + 0x9E3779B97F4A7C15UL * (ulong)(template + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Combine(ulong a, ulong b) => Feature(0, a * 31 + b);

    public static ReadOnlySpan<char> Lower(ReadOnlySpan<char> word, Span<char> buffer)
    {
        var n = Math.Min(word.Length, buffer.Length);
        for (var i = 0; i < n; i++) buffer[i] = char.ToLowerInvariant(word[i]);
        return buffer[..n];
    }

    public static bool IsAllCaps(ReadOnlySpan<char> w)
    {
        var letters = 0;
        foreach (var c in w)
        {
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) letters++;
        }
        return letters > 1;
    }

    /// <summary>Word shape: X for upper, x for lower, d for digit, the character itself otherwise; runs of more than 2 collapsed.</summary>
    public static ulong Shape(ReadOnlySpan<char> w, bool collapse)
    {
        var h = Fnv1a.Offset;
        var last = '\0';
        var run = 0;
        foreach (var ch in w)
        {
            var c = char.IsUpper(ch) ? 'X' : char.IsLower(ch) ? 'x' : char.IsDigit(ch) ? 'd' : ch;
            run = c == last ? run + 1 : 1;
            last = c;
            if (run > (collapse ? 1 : 2)) continue;
            h = Fnv1a.Append(h, c);
        }
        return h;
    }
}

/// <summary>Per-sentence precomputed hashes of every token, reused across sentences (one per thread).</summary>
internal sealed class SentenceScratch
{
    public ulong[] Raw = new ulong[64], Lower = new ulong[64], Shape = new ulong[64], Short = new ulong[64];
    public ulong[] Prefix = new ulong[64 * 4], Suffix = new ulong[64 * 4];
    public ulong[] Cluster = new ulong[64];
    public ushort[] Gazetteer = new ushort[64];
    public byte[] Flags = new byte[64];
    public int[] Tags = new int[64];
    /// <summary>The first pass's tags, while the second pass tags the sentence.</summary>
    public int[] First = new int[64];
    public int Count;
    public bool AllCaps;
    /// <summary>Most tokens are numbers: a row of a results table, where a place name is usually a team.</summary>
    public bool Table;

    public const byte Capitalised = 1, Upper = 2, HasDigit = 4, Long = 8;

    public void Load<T>(T sentence, WordClusters clusters, Gazetteer gazetteer) where T : ITokenSequence
    {
        Count = sentence.Count;
        if (Raw.Length < Count)
        {
            var n = Math.Max(Count, Raw.Length * 2);
            Raw = new ulong[n]; Lower = new ulong[n]; Shape = new ulong[n]; Short = new ulong[n];
            Prefix = new ulong[n * 4]; Suffix = new ulong[n * 4]; Flags = new byte[n]; Tags = new int[n]; First = new int[n];
            Cluster = new ulong[n]; Gazetteer = new ushort[n];
        }
        Span<char> lower = stackalloc char[FeatureHash.MaxWord];
        var caps = 0;
        var letters = 0;
        var numbers = 0;
        for (var i = 0; i < Count; i++)
        {
            var w = sentence[i];
            if (w.Length > FeatureHash.MaxWord) w = w[..FeatureHash.MaxWord];
            var l = FeatureHash.Lower(w, lower);
            Raw[i] = FeatureHash.Of(w);
            Cluster[i] = clusters.Lookup(Raw[i]);
            Lower[i] = FeatureHash.Of(l);
            Shape[i] = FeatureHash.Shape(w, false);
            Short[i] = FeatureHash.Shape(w, true);
            for (var k = 0; k < 4; k++)
            {
                var n = Math.Min(k + 1, l.Length);
                Prefix[i * 4 + k] = FeatureHash.Of(l[..n]);
                Suffix[i * 4 + k] = FeatureHash.Of(l[^n..]);
            }
            byte f = 0;
            if (w.Length > 0 && char.IsUpper(w[0])) f |= Capitalised;
            if (FeatureHash.IsAllCaps(w)) f |= Upper;
            foreach (var c in w) if (char.IsDigit(c)) { f |= HasDigit; break; }
            if (w.Length > 8) f |= Long;
            if (w.Length > 0 && (char.IsDigit(w[0]) || (w.Length > 1 && w[0] is '-' or '.' && char.IsDigit(w[1])))) numbers++;
            Flags[i] = f;
            foreach (var c in w)
            {
                if (!char.IsLetter(c)) continue;
                letters++;
                if (char.IsUpper(c)) caps++;
            }
        }
        AllCaps = letters > 8 && caps * 10 >= letters * 9;
        Table = numbers * 5 >= Count * 2 && numbers >= 2;
        gazetteer.Match(Lower.AsSpan(0, Count), Gazetteer);
    }
}
