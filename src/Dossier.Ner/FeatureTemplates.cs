namespace Dossier.Ner;

/// <summary>
/// The feature templates of the tagger, in the spirit of Ratinov and Roth (2009): the word and its neighbours,
/// shapes, affixes, the two previous predicted tags, sentence-level capitalisation, and document-level evidence.
/// Changing a template changes every feature hash: retrain the model.
/// </summary>
internal static class FeatureTemplates
{
    public const int Max = 64;
    private const ulong Start = 0x5354415254UL, End = 0x454E44UL;

    /// <summary>Writes the features of token <paramref name="i"/> into <paramref name="f"/> and returns how many.</summary>
    public static int Extract(SentenceScratch s, DocumentContext doc, int i, Span<ulong> f)
    {
        var n = 0;
        ulong Lower(int k) => k < 0 ? Start : k >= s.Count ? End : s.Lower[k];
        ulong Cluster(int k) => k < 0 ? 0xFFFE_FFFE_FFFEUL : k >= s.Count ? 0xFFFD_FFFD_FFFDUL : s.Cluster[k];
        ulong Shape(int k) => k < 0 ? Start : k >= s.Count ? End : s.Short[k];
        var p1 = i > 0 ? (ulong)s.Tags[i - 1] : 99;
        var p2 = i > 1 ? (ulong)s.Tags[i - 2] : 99;
        var flags = s.Flags[i];
        var initial = i == 0 ? 1UL : 0;
        var caps = s.AllCaps ? 1UL : 0;

        f[n++] = FeatureHash.Feature(1, 0);
        f[n++] = FeatureHash.Feature(2, s.Lower[i]);
        f[n++] = FeatureHash.Feature(3, s.Raw[i]);
        f[n++] = FeatureHash.Feature(4, Lower(i - 1));
        f[n++] = FeatureHash.Feature(5, Lower(i + 1));
        f[n++] = FeatureHash.Feature(6, Lower(i - 2));
        f[n++] = FeatureHash.Feature(7, Lower(i + 2));
        f[n++] = FeatureHash.Feature(8, s.Shape[i]);
        f[n++] = FeatureHash.Feature(9, Shape(i - 1));
        f[n++] = FeatureHash.Feature(10, Shape(i + 1));
        f[n++] = FeatureHash.Feature(11, FeatureHash.Combine(FeatureHash.Combine(Shape(i - 1), s.Short[i]), Shape(i + 1)));
        for (var k = 0; k < 4; k++)
        {
            f[n++] = FeatureHash.Feature(12 + k, s.Prefix[i * 4 + k]);
            f[n++] = FeatureHash.Feature(16 + k, s.Suffix[i * 4 + k]);
        }
        f[n++] = FeatureHash.Feature(20, p1);
        f[n++] = FeatureHash.Feature(21, p1 * 100 + p2);
        f[n++] = FeatureHash.Feature(22, FeatureHash.Combine(p1, s.Lower[i]));
        f[n++] = FeatureHash.Feature(23, FeatureHash.Combine(Lower(i - 1), s.Lower[i]));
        f[n++] = FeatureHash.Feature(24, FeatureHash.Combine(s.Lower[i], Lower(i + 1)));
        f[n++] = FeatureHash.Feature(25, FeatureHash.Combine(initial * 2 + caps, s.Short[i]));
        f[n++] = FeatureHash.Feature(26, FeatureHash.Combine(caps, s.Lower[i]));
        f[n++] = FeatureHash.Feature(27, FeatureHash.Combine(p1, s.Short[i]));
        f[n++] = FeatureHash.Feature(28, (ulong)flags);
        f[n++] = FeatureHash.Feature(32, FeatureHash.Combine(s.Short[i], Lower(i - 1)));
        f[n++] = FeatureHash.Feature(33, FeatureHash.Combine(s.Short[i], Lower(i + 1)));
        if (i > 0) f[n++] = FeatureHash.Feature(34, s.Suffix[(i - 1) * 4 + 2]);
        if (i + 1 < s.Count) f[n++] = FeatureHash.Feature(35, s.Suffix[(i + 1) * 4 + 2]);
        var c = s.Cluster[i];

        if (s.Table)
        {
            f[n++] = FeatureHash.Feature(43, s.Short[i]);
            f[n++] = FeatureHash.Feature(44, s.Lower[i]);
            f[n++] = FeatureHash.Feature(45, FeatureHash.Combine(Shape(i - 1), Shape(i + 1)));
        }
        for (var level = 0; level < 3; level++) f[n++] = FeatureHash.Feature(36 + level, (ulong)WordClusters.Level(c, level));
        f[n++] = FeatureHash.Feature(39, (ulong)WordClusters.Level(Cluster(i - 1), 1));
        f[n++] = FeatureHash.Feature(40, (ulong)WordClusters.Level(Cluster(i + 1), 1));
        f[n++] = FeatureHash.Feature(41, FeatureHash.Combine((ulong)WordClusters.Level(c, 0), s.Short[i]));
        for (var bits = (uint)s.Gazetteer[i]; bits != 0; bits &= bits - 1)
        {
            if (n == f.Length) break;
            f[n++] = FeatureHash.Feature(42, (ulong)System.Numerics.BitOperations.TrailingZeroCount(bits));
        }
        if (n + 3 > f.Length) return n;
        if ((flags & SentenceScratch.Capitalised) != 0)
        {
            var inside = doc.CapitalisedInside.Contains(s.Lower[i]);
            var lower = doc.LowerCase.Contains(s.Lower[i]);
            f[n++] = FeatureHash.Feature(29, (inside ? 1UL : 0) + (lower ? 2UL : 0) + initial * 4 + caps * 8);
        }
        // Second pass only: what the first pass made of this token, and of the word's other mentions (and of its
        // neighbours' words) across the whole document.
        if (doc.SecondPass && n + 6 <= f.Length)
        {
            var first = s.First[i];
            var self = EntityTags.Type(first) + 1;
            var others = doc.Votes.TryGetValue(s.Lower[i], out var votes) ? TypeVotes.Remove(votes, self) : 0;
            var summary = TypeVotes.Summary(others);
            f[n++] = FeatureHash.Feature(51, FeatureHash.Combine((ulong)first, summary));
            if (others != 0 && ((flags & SentenceScratch.Capitalised) != 0 || TypeVotes.Major(others) != 0))
            {
                f[n++] = FeatureHash.Feature(46, summary);
                f[n++] = FeatureHash.Feature(47, FeatureHash.Combine(summary, s.Short[i]));
                f[n++] = FeatureHash.Feature(48, FeatureHash.Combine(summary, p1));
                var inPhrase = first != 0 && EntityTags.Part(first) != EntityTags.U ? self : 0;
                var phrase = doc.PhraseVotes.TryGetValue(s.Lower[i], out var pv) ? (ulong)TypeVotes.Major(TypeVotes.Remove(pv, inPhrase)) : 0;
                f[n++] = FeatureHash.Feature(49, phrase * 8 + (ulong)TypeVotes.Major(others));
                ulong Near(int k) => k < 0 || k >= s.Count ? 7 : doc.Votes.TryGetValue(s.Lower[k], out var x) ? (ulong)TypeVotes.Major(x) : 6;
                f[n++] = FeatureHash.Feature(50, Near(i - 1) * 8 + Near(i + 1));
            }
        }
        if (n + 2 > f.Length) return n;
        if (doc.LastType.TryGetValue(s.Lower[i], out var type))
        {
            f[n++] = FeatureHash.Feature(30, (ulong)type);
            f[n++] = FeatureHash.Feature(31, FeatureHash.Combine((ulong)type, p1));
        }
        return n;
    }
}
