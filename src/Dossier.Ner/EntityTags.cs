namespace Dossier.Ner;

/// <summary>An entity phrase over tokens [Start, End) of a sentence, with its CoNLL type (PER, ORG, LOC, MISC).</summary>
public readonly record struct TaggedSpan(int Start, int End, string Type);

/// <summary>
/// The tag scheme the model predicts: BILOU (begin, inside, last, unit, outside) over the four CoNLL types, which
/// lets a greedy tagger see where a phrase ends. Converts to and from the IOB1/IOB2 columns of CoNLL files.
/// </summary>
public static class EntityTags
{
    public static readonly string[] Types = ["PER", "ORG", "LOC", "MISC"];

    /// <summary>Tag 0 is O; then for type t: B = 1 + 4t, I = 2 + 4t, L = 3 + 4t, U = 4 + 4t.</summary>
    public const int Count = 17;

    public static int Type(int tag) => tag == 0 ? -1 : (tag - 1) / 4;
    public static int Part(int tag) => tag == 0 ? -1 : (tag - 1) % 4;
    public static int Make(int type, int part) => 1 + 4 * type + part;
    public const int B = 0, I = 1, L = 2, U = 3;

    public static string Name(int tag) => tag == 0 ? "O" : "BILU"[Part(tag)] + "-" + Types[Type(tag)];

    /// <summary>Whether <paramref name="tag"/> may follow <paramref name="previous"/> (-1 before the sentence).</summary>
    public static bool Allowed(int previous, int tag)
    {
        var open = previous > 0 && Part(previous) is B or I;
        if (open) return tag > 0 && Part(tag) is I or L && Type(tag) == Type(previous);
        return tag == 0 || Part(tag) is B or U;
    }

    /// <summary>Whether a tag may end a sentence.</summary>
    public static bool MayEnd(int tag) => tag == 0 || Part(tag) is L or U;

    public static int TypeIndex(string type) => Array.IndexOf(Types, type);

    /// <summary>Reads IOB1 or IOB2 tags (B- starts a phrase; I- continues one of the same type or starts one).</summary>
    public static List<TaggedSpan> FromIob(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var spans = new List<TaggedSpan>();
        var start = -1;
        string? type = null;
        for (var i = 0; i <= tags.Count; i++)
        {
            var tag = i < tags.Count ? tags[i] : "O";
            var prefix = tag.Length > 2 && tag[1] == '-' ? tag[0] : 'O';
            var t = prefix == 'O' ? null : tag[2..];
            var continues = prefix == 'I' && t == type && type is not null;
            if (type is not null && !continues)
            {
                spans.Add(new TaggedSpan(start, i, type));
                type = null;
            }
            if (t is not null && !continues)
            {
                start = i;
                type = t;
            }
        }
        return spans;
    }

    /// <summary>Writes IOB1, as the CoNLL-2003 files use: I- throughout, B- only for a phrase right after one of the same type.</summary>
    public static string[] ToIob1(IReadOnlyList<TaggedSpan> spans, int length)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var tags = Enumerable.Repeat("O", length).ToArray();
        TaggedSpan? previous = null;
        foreach (var s in spans.OrderBy(s => s.Start))
        {
            var adjacent = previous is { } p && p.End == s.Start && p.Type == s.Type;
            for (var i = s.Start; i < s.End; i++) tags[i] = (i == s.Start && adjacent ? "B-" : "I-") + s.Type;
            previous = s;
        }
        return tags;
    }

    public static int[] ToBilou(IReadOnlyList<TaggedSpan> spans, int length)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var tags = new int[length];
        foreach (var s in spans)
        {
            var type = TypeIndex(s.Type);
            if (type < 0) continue;
            if (s.End - s.Start == 1)
            {
                tags[s.Start] = Make(type, U);
                continue;
            }
            tags[s.Start] = Make(type, B);
            for (var i = s.Start + 1; i < s.End - 1; i++) tags[i] = Make(type, I);
            tags[s.End - 1] = Make(type, L);
        }
        return tags;
    }

    public static List<TaggedSpan> FromBilou(ReadOnlySpan<int> tags)
    {
        var spans = new List<TaggedSpan>();
        var start = -1;
        for (var i = 0; i < tags.Length; i++)
        {
            var tag = tags[i];
            if (tag == 0)
            {
                start = -1;
                continue;
            }
            switch (Part(tag))
            {
                case U: spans.Add(new(i, i + 1, Types[Type(tag)])); start = -1; break;
                case B: start = i; break;
                case L when start >= 0 && Type(tags[start]) == Type(tag): spans.Add(new(start, i + 1, Types[Type(tag)])); start = -1; break;
            }
        }
        return spans;
    }
}
