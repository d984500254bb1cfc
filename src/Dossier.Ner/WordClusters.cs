namespace Dossier.Ner;

/// <summary>
/// Word classes learned from unlabelled text, used as tagger features so that a name never seen in the labelled
/// data still looks like the names it shares contexts with. Three granularities: words into <see cref="Sizes"/>[0]
/// classes by the exchange algorithm on a class bigram model (Kneser and Ney 1993; Martin, Liermann and Ney 1998),
/// then those classes into fewer, twice more, which gives a shallow hierarchy like Brown clusters' bit prefixes.
/// We write it ourselves: no .NET library does word clustering, and the model file must be rebuilt byte for byte.
/// Keys are hashes of the exact (cased) word, so the model holds no text.
/// </summary>
public sealed class WordClusters
{
    /// <summary>The class counts of the three levels, finest first.</summary>
    public static IReadOnlyList<int> Sizes { get; } = [512, 128, 32];

    /// <summary>The value a level takes for a word the clusters do not know.</summary>
    public const int Unknown = 0xFFFF;

    private readonly HashMap<ulong> _classes;

    private WordClusters(Dictionary<ulong, ulong> classes) => _classes = new(classes);

    public static WordClusters Empty { get; } = new([]);

    public int Count => _classes.Count;

    /// <summary>The three class ids of a word (hash of its exact text) packed 16 bits each, or all <see cref="Unknown"/>.</summary>
    internal ulong Lookup(ulong word) => _classes.TryGetValue(word, out var c) ? c : UnknownPacked;

    /// <summary>
    /// Whether the word in lower case was frequent enough in the unlabelled text to get a class: an ordinary word
    /// ("Invites", "Reports" in a title-case headline), where a name met in lower case too rarely ("Kadyrov") is not.
    /// </summary>
    public bool IsOrdinaryWord(ReadOnlySpan<char> word)
    {
        if (word.Length == 0 || word.Length > FeatureHash.MaxWord) return false;
        Span<char> lower = stackalloc char[FeatureHash.MaxWord];
        return _classes.ContainsKey(FeatureHash.Of(FeatureHash.Lower(word, lower)));
    }

    private const ulong UnknownPacked = 0xFFFF_FFFF_FFFFUL;

    internal static int Level(ulong packed, int level) => (int)((packed >> (16 * level)) & 0xFFFF);

    internal IEnumerable<KeyValuePair<ulong, ulong>> Entries => _classes.Entries.OrderBy(kv => kv.Key);

    internal static WordClusters FromEntries(Dictionary<ulong, ulong> classes) => new(classes);

    /// <summary>
    /// Clusters the words seen at least <paramref name="minCount"/> times in <paramref name="sentences"/>.
    /// Deterministic: the same sentences in the same order give the same classes.
    /// </summary>
    public static WordClusters Build(IEnumerable<IReadOnlyList<string>> sentences, int minCount = 3, int passes = 12)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<long>();
        var stream = new List<int>();
        foreach (var sentence in sentences)
        {
            stream.Add(-1);
            foreach (var w in sentence)
            {
                if (w.Length == 0 || w.Length > FeatureHash.MaxWord) { stream.Add(-2); continue; }
                if (!ids.TryGetValue(w, out var id))
                {
                    id = ids.Count;
                    ids.Add(w, id);
                    counts.Add(0);
                }
                counts[id]++;
                stream.Add(id);
            }
        }
        stream.Add(-1);

        // Items: kept words by frequency (ties by ordinal text), then two fixed items: sentence boundary and rare word.
        var words = ids.Where(kv => counts[kv.Value] >= minCount).Select(kv => kv.Key)
            .OrderByDescending(w => counts[ids[w]]).ThenBy(w => w, StringComparer.Ordinal).ToArray();
        if (words.Length == 0) return Empty;
        var item = new int[ids.Count];
        Array.Fill(item, words.Length + 1);
        for (var i = 0; i < words.Length; i++) item[ids[words[i]]] = i;
        var boundary = words.Length;
        var bigrams = new Dictionary<long, long>();
        var previous = boundary;
        for (var k = 1; k < stream.Count; k++)
        {
            var current = stream[k] == -1 ? boundary : stream[k] == -2 ? words.Length + 1 : item[stream[k]];
            var key = ((long)previous << 32) | (uint)current;
            bigrams[key] = bigrams.GetValueOrDefault(key) + 1;
            previous = current;
        }

        const int FixedItems = 2;
        var assignments = new List<int[]> { Exchange(words.Length, FixedItems, bigrams, Sizes[0], passes) };
        for (var level = 1; level < Sizes.Count; level++)
        {
            // The classes of the level below become the items; their fixed items stay fixed.
            var below = assignments[^1];
            var lifted = new Dictionary<long, long>();
            foreach (var (key, n) in bigrams)
            {
                var liftedKey = ((long)below[(int)(key >> 32)] << 32) | (uint)below[(int)(uint)key];
                lifted[liftedKey] = lifted.GetValueOrDefault(liftedKey) + n;
            }
            assignments.Add(Exchange(Sizes[level - 1], FixedItems, lifted, Sizes[level], passes));
            bigrams = lifted;
        }

        var classes = new Dictionary<ulong, ulong>(words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            ulong packed = 0;
            var c = i;
            for (var level = 0; level < assignments.Count; level++)
            {
                c = assignments[level][c];
                packed |= (ulong)c << (16 * level);
            }
            // Two spellings hashing alike would be a 1-in-2^64 accident; the more frequent one keeps its classes.
            classes.TryAdd(FeatureHash.Of(words[i]), packed);
        }
        return new WordClusters(classes);
    }

    /// <summary>
    /// The exchange algorithm: each movable item in turn leaves its class and joins the class that most raises the
    /// likelihood of the class bigram model, until a pass moves almost nothing. Items [movable, movable + fixed) keep
    /// classes of their own after the movable ones. Returns the class of every item (movable and fixed).
    /// </summary>
    private static int[] Exchange(int movable, int fixedItems, Dictionary<long, long> bigrams, int k, int passes)
    {
        var items = movable + fixedItems;
        var classCount = k + fixedItems;
        // Sparse successors and predecessors of each item, in a stable order.
        var entries = bigrams.Select(kv => (From: (int)(kv.Key >> 32), To: (int)(uint)kv.Key, N: kv.Value))
            .OrderBy(e => e.From).ThenBy(e => e.To).ToArray();
        var (succStart, succTo, succN) = Csr(items, entries, e => e.From, e => e.To);
        var (predStart, predFrom, predN) = Csr(items, [.. entries.OrderBy(e => e.To).ThenBy(e => e.From)], e => e.To, e => e.From);
        var left = new long[items];
        var right = new long[items];
        var self = new long[items];
        long total = 0;
        foreach (var e in entries)
        {
            left[e.From] += e.N;
            right[e.To] += e.N;
            if (e.From == e.To) self[e.From] += e.N;
            total += e.N;
        }

        var cls = new int[items];
        for (var i = 0; i < movable; i++) cls[i] = i % k;
        for (var i = 0; i < fixedItems; i++) cls[movable + i] = k + i;
        var matrix = new long[classCount * classCount];
        var classLeft = new long[classCount];
        var classRight = new long[classCount];
        foreach (var e in entries) matrix[cls[e.From] * classCount + cls[e.To]] += e.N;
        for (var i = 0; i < items; i++)
        {
            classLeft[cls[i]] += left[i];
            classRight[cls[i]] += right[i];
        }

        var xlogx = new double[total + 1];
        for (var n = 1; n <= total; n++) xlogx[n] = n * Math.Log(n);

        var toClass = new long[classCount];
        var fromClass = new long[classCount];
        var touchedTo = new List<int>();
        var touchedFrom = new List<int>();
        for (var pass = 0; pass < passes; pass++)
        {
            var moved = 0;
            for (var w = 0; w < movable; w++)
            {
                // Counts of w followed by each class, and each class followed by w, without w's own bigram.
                touchedTo.Clear();
                touchedFrom.Clear();
                for (var j = succStart[w]; j < succStart[w + 1]; j++)
                {
                    if (succTo[j] == w) continue;
                    var c = cls[succTo[j]];
                    if (toClass[c] == 0) touchedTo.Add(c);
                    toClass[c] += succN[j];
                }
                for (var j = predStart[w]; j < predStart[w + 1]; j++)
                {
                    if (predFrom[j] == w) continue;
                    var c = cls[predFrom[j]];
                    if (fromClass[c] == 0) touchedFrom.Add(c);
                    fromClass[c] += predN[j];
                }

                var old = cls[w];
                Move(old, -1);
                var best = old;
                var bestGain = double.NegativeInfinity;
                for (var b = 0; b < k; b++)
                {
                    var gain = Gain(b);
                    if (gain > bestGain + 1e-9) { bestGain = gain; best = b; }
                }
                Move(best, +1);
                cls[w] = best;
                if (best != old) moved++;
                foreach (var c in touchedTo) toClass[c] = 0;
                foreach (var c in touchedFrom) fromClass[c] = 0;

                void Move(int c, int sign)
                {
                    foreach (var d in touchedTo) matrix[c * classCount + d] += sign * toClass[d];
                    foreach (var d in touchedFrom) matrix[d * classCount + c] += sign * fromClass[d];
                    // The pair (c, c) got w's counts into and out of c above; add w's own bigram once.
                    matrix[c * classCount + c] += sign * self[w];
                    classLeft[c] += sign * left[w];
                    classRight[c] += sign * right[w];
                }

                double Gain(int b)
                {
                    var row = b * classCount;
                    double g = 0;
                    foreach (var d in touchedTo)
                    {
                        if (d == b) continue;
                        var n = matrix[row + d];
                        g += xlogx[n + toClass[d]] - xlogx[n];
                    }
                    foreach (var c in touchedFrom)
                    {
                        if (c == b) continue;
                        var n = matrix[c * classCount + b];
                        g += xlogx[n + fromClass[c]] - xlogx[n];
                    }
                    var diagonal = matrix[row + b];
                    g += xlogx[diagonal + toClass[b] + fromClass[b] + self[w]] - xlogx[diagonal];
                    g -= xlogx[classLeft[b] + left[w]] - xlogx[classLeft[b]];
                    g -= xlogx[classRight[b] + right[w]] - xlogx[classRight[b]];
                    return g;
                }
            }
            if (moved * 1000 < movable) break;
        }
        return cls;
    }

    private static (int[] Start, int[] Other, long[] N) Csr(int items, (int From, int To, long N)[] sorted,
        Func<(int From, int To, long N), int> key, Func<(int From, int To, long N), int> other)
    {
        var start = new int[items + 1];
        foreach (var e in sorted) start[key(e) + 1]++;
        for (var i = 0; i < items; i++) start[i + 1] += start[i];
        var to = new int[sorted.Length];
        var n = new long[sorted.Length];
        for (var j = 0; j < sorted.Length; j++)
        {
            to[j] = other(sorted[j]);
            n[j] = sorted[j].N;
        }
        return (start, to, n);
    }
}
