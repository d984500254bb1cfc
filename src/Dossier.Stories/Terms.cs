using Dossier.Text;

namespace Dossier.Stories;

/// <summary>
/// Content terms for comparing texts: lower-cased words without stop words, with a light plural strip, and
/// place names replaced by their canonical name (so "Russian Federation" and "Russia" are one term). Terms are
/// 64-bit FNV-1a hashes, which keeps them deterministic and allocation-free (collisions are negligible at 2^64).
/// </summary>
public static class Terms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "even", "few", "for", "from", "further", "had", "has", "have", "having",
        "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "least", "less", "like", "made", "make", "many", "may", "me", "might", "more", "most", "much", "must",
        "my", "myself", "new", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our",
        "ours", "ourselves", "out", "over", "own", "said", "same", "say", "says", "she", "should", "since", "so", "some",
        "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
        "those", "through", "to", "too", "two", "under", "until", "up", "upon", "us", "very", "was", "we", "were", "what",
        "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your", "yours",
        "yourself", "yourselves", "told", "according", "added", "mr", "mrs", "ms", "last", "first", "year", "years", "week",
        "day", "days", "time", "people", "still", "however", "s", "'s", "get", "got", "going", "well", "back", "way",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsStopWord(ReadOnlySpan<char> lowerWord) => StopLookup.Contains(lowerWord);

    /// <summary>Appends the content terms of tokens [start, end) of a document.</summary>
    public static void Collect(Document document, int start, int end, List<ulong> terms, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(lexicon);
        var tokens = document.TokenData;
        var entities = document.Entities;
        var e = FirstEntityAtOrAfter(entities, start);
        Span<char> lower = stackalloc char[64];
        for (var i = start; i < end; i++)
        {
            if (e < entities.Count && entities[e].Start == i && entities[e].End <= end && entities[e].Type == EntityType.Place)
            {
                var mention = entities[e];
                var surface = document.Text.AsSpan(tokens[mention.Start].Start, tokens[mention.End - 1].End - tokens[mention.Start].Start);
                var canonical = lexicon.CanonicalPlace(surface);
                if (canonical is not null)
                {
                    terms.Add(Hash(canonical, lower));
                    i = mention.End - 1;
                    e++;
                    continue;
                }
            }
            while (e < entities.Count && entities[e].Start <= i) e++;
            var t = tokens[i];
            if ((t.Shape & (TokenShape.Word | TokenShape.Number)) == 0 || t.Length > 64) continue;
            var word = document.Text.AsSpan(t.Start, t.Length);
            var n = word.ToLowerInvariant(lower);
            var w = lower[..n];
            if (w.Length < 2 || StopLookup.Contains(w)) continue;
            terms.Add(HashLower(Stem(w)));
        }
    }

    /// <summary>Marks a name term apart from the same word as a plain term.</summary>
    private const ulong NameSalt = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// Appends name terms: content words written with a capital where the sentence does not force one (every word
    /// but a sentence's first). Names are what tell two events of the same kind apart (two earthquakes, two
    /// arrests), and capitals find them without the entity model, so the cheap clustering path gets them too.
    /// </summary>
    public static void CollectNames(Document document, List<ulong> names)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(names);
        var tokens = document.TokenData;
        Span<char> lower = stackalloc char[64];
        for (var s = 0; s < document.SentenceCount; s++)
        {
            var span = document.Sentence(s);
            var first = true;
            for (var i = span.Start; i < span.End; i++)
            {
                var t = tokens[i];
                if ((t.Shape & TokenShape.Word) == 0) continue;
                if (first)
                {
                    first = false;
                    continue;
                }
                if ((t.Shape & TokenShape.Capitalized) == 0 || t.Length > 64) continue;
                var n = document.Text.AsSpan(t.Start, t.Length).ToLowerInvariant(lower);
                var w = lower[..n];
                if (w.Length < 2 || StopLookup.Contains(w)) continue;
                names.Add(HashLower(Stem(w)) ^ NameSalt);
            }
        }
    }

    /// <summary>Strips a plural or possessive ending: "attacks" → "attack", "talks" → "talk"; keeps "news", "gas", "crisis".</summary>
    public static ReadOnlySpan<char> Stem(ReadOnlySpan<char> w)
    {
        if (w.Length > 4 && w.EndsWith("ies")) return w[..^2]; // "ies" → "ie"; consistent, not pretty
        if (w.Length > 3 && w[^1] == 's' && w[^2] is not ('s' or 'u' or 'i') && !w.EndsWith("ews")) return w[..^1];
        return w;
    }

    private static int FirstEntityAtOrAfter(IReadOnlyList<EntityMention> entities, int token)
    {
        int lo = 0, hi = entities.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (entities[mid].Start < token) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static ulong Hash(string text, Span<char> buffer)
    {
        if (text.Length > buffer.Length) return HashLower(text.ToLowerInvariant());
        var n = text.AsSpan().ToLowerInvariant(buffer);
        return HashLower(buffer[..n]);
    }

    /// <summary>FNV-1a over the characters of an already lower-cased word.</summary>
    public static ulong HashLower(ReadOnlySpan<char> lower) => Fnv1a.Hash(lower);
}

/// <summary>A sparse vector: term hashes in ascending order with their weights.</summary>
public readonly record struct TermVector(ulong[] Terms, float[] Weights)
{
    public static TermVector Empty { get; } = new([], []);

    public int Count => Terms.Length;

    /// <summary>Counts terms (term frequency), sorted by term.</summary>
    public static TermVector FromCounts(List<ulong> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) return Empty;
        terms.Sort();
        var distinct = 1;
        for (var i = 1; i < terms.Count; i++) if (terms[i] != terms[i - 1]) distinct++;
        var keys = new ulong[distinct];
        var values = new float[distinct];
        var k = -1;
        for (var i = 0; i < terms.Count; i++)
        {
            if (i == 0 || terms[i] != terms[i - 1]) keys[++k] = terms[i];
            values[k]++;
        }
        return new TermVector(keys, values);
    }

    public float Norm()
    {
        var s = 0f;
        foreach (var w in Weights) s += w * w;
        return MathF.Sqrt(s);
    }

    /// <summary>Dot product by merging the two sorted term lists.</summary>
    public float Dot(TermVector other)
    {
        var a = Terms;
        var b = other.Terms;
        int i = 0, j = 0;
        var sum = 0f;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) sum += Weights[i++] * other.Weights[j++];
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return sum;
    }

    public float Cosine(TermVector other)
    {
        var n = Norm() * other.Norm();
        return n == 0 ? 0 : Dot(other) / n;
    }
}
