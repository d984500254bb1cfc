namespace Dossier.Stories;

/// <summary>Settings of the story clusterer. Immutable.</summary>
public sealed record ClusterOptions
{
    /// <summary>Least cosine similarity between an article and a story's centroid for the article to join it.</summary>
    public float Threshold { get; init; } = 0.22f;

    /// <summary>
    /// How much more a name term (<see cref="Terms.CollectNames"/>) weighs than a plain term of the same tf-idf:
    /// names set apart two events of the same kind, which share their vocabulary.
    /// </summary>
    public float NameWeight { get; init; } = 1.5f;

    /// <summary>An article further than this from a story's last article (both dated) does not join it: stories go quiet.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Terms of an article's vector used to find candidate stories.</summary>
    public int QueryTerms { get; init; } = 12;

    /// <summary>Most recent stories looked at per term: bounds the work per article however many stories exist.</summary>
    public int PostingsPerTerm { get; init; } = 200;

    public int ArticleTerms { get; init; } = 60;
    public int CentroidTerms { get; init; } = 120;
}

/// <summary>A story being built: its articles and the centroid of their term vectors.</summary>
public sealed class StoryCluster
{
    private readonly Dictionary<ulong, float> _sum = [];

    internal StoryCluster(int index) => Index = index;

    public int Index { get; }
    public List<AnalyzedArticle> Members { get; } = [];
    public TermVector Centroid { get; private set; } = TermVector.Empty;
    public DateTimeOffset? Last { get; private set; }

    internal void Add(AnalyzedArticle article, TermVector vector, int centroidTerms)
    {
        Members.Add(article);
        if (article.Article.Published is { } p && (Last is null || p > Last)) Last = p;
        for (var i = 0; i < vector.Count; i++)
            _sum[vector.Terms[i]] = _sum.GetValueOrDefault(vector.Terms[i]) + vector.Weights[i];
        var all = new WeightedTerm[_sum.Count];
        var k = 0;
        foreach (var (term, weight) in _sum) all[k++] = new(term, weight);
        Centroid = WeightedTerm.Top(all, centroidTerms, out _);
        if (_sum.Count > centroidTerms * 8)
        {
            // Keep the sum bounded: the tail cannot re-enter the top terms in any way that matters.
            var keep = WeightedTerm.Top(all, centroidTerms * 4, out var norm);
            _sum.Clear();
            for (var i = 0; i < keep.Count; i++) _sum[keep.Terms[i]] = keep.Weights[i] * norm;
        }
    }
}

/// <summary>A term and its weight, for picking a vector's strongest terms without LINQ on the hot path.</summary>
internal readonly record struct WeightedTerm(ulong Term, float Weight)
{
    private static readonly Comparison<WeightedTerm> Strongest = (a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Term.CompareTo(b.Term);
    private static readonly IComparer<WeightedTerm> ByTerm = Comparer<WeightedTerm>.Create((a, b) => a.Term.CompareTo(b.Term));

    /// <summary>The k strongest terms (ties by term), sorted by term and normalised; reorders <paramref name="terms"/>.</summary>
    /// <param name="norm">The length of the k strongest weights before normalising.</param>
    public static TermVector Top(WeightedTerm[] terms, int k, out float norm)
    {
        var n = Math.Min(k, terms.Length);
        // Linear-time selection, then a sort of the k kept: a centroid is re-cut on every article that joins it.
        if (n < terms.Length) Select(terms, n);
        Array.Sort(terms, 0, n, ByTerm);
        norm = 0f;
        for (var i = 0; i < n; i++) norm += terms[i].Weight * terms[i].Weight;
        norm = MathF.Sqrt(norm);
        var scale = norm == 0 ? 1 : norm;
        var keys = new ulong[n];
        var values = new float[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = terms[i].Term;
            values[i] = terms[i].Weight / scale;
        }
        return new TermVector(keys, values);
    }

    /// <summary>Moves the n strongest terms to the front, in no particular order (Hoare's quickselect).</summary>
    private static void Select(WeightedTerm[] a, int n)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi)
        {
            var pivot = a[lo + ((hi - lo) >> 1)];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (Strongest(a[i], pivot) < 0) i++;
                while (Strongest(a[j], pivot) > 0) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            // Now a[lo..j] come before the pivot and a[i..hi] after it.
            if (n - 1 <= j) hi = j;
            else if (n - 1 >= i) lo = i;
            else return;
        }
    }
}

/// <summary>
/// Groups articles into stories one article at a time: each article is compared with the candidate stories
/// that share its most distinctive terms (found through an inverted index, scanning only the most recent
/// stories per term) and joins the most similar one above <see cref="ClusterOptions.Threshold"/>, or starts a
/// new story. Work per article does not grow with the number of stories. Not thread-safe.
/// </summary>
public sealed class StoryClusterer(Func<ulong, float> idf, ClusterOptions? options = null)
{
    private readonly ClusterOptions _options = options ?? new ClusterOptions();
    private readonly List<StoryCluster> _stories = [];
    private readonly Dictionary<ulong, List<int>> _postings = [];
    private readonly HashSet<int> _seen = [];

    public IReadOnlyList<StoryCluster> Stories => _stories;

    /// <summary>The tf-idf vector of content terms, cut to its strongest terms and normalised.</summary>
    public TermVector Weigh(TermVector tf, int maxTerms) => Weigh(tf, TermVector.Empty, maxTerms);

    /// <summary>The tf-idf vector of content and name terms (names weighted by <see cref="ClusterOptions.NameWeight"/>), cut to its strongest terms and normalised.</summary>
    public TermVector Weigh(TermVector tf, TermVector names, int maxTerms)
    {
        var weighted = new WeightedTerm[tf.Count + names.Count];
        for (var i = 0; i < tf.Count; i++) weighted[i] = new(tf.Terms[i], (1 + MathF.Log(tf.Weights[i])) * idf(tf.Terms[i]));
        for (var i = 0; i < names.Count; i++)
            weighted[tf.Count + i] = new(names.Terms[i], (1 + MathF.Log(names.Weights[i])) * idf(names.Terms[i]) * _options.NameWeight);
        return WeightedTerm.Top(weighted, maxTerms, out _);
    }

    public StoryCluster Add(AnalyzedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var vector = Weigh(article.Terms, article.Names, _options.ArticleTerms);
        StoryCluster? best = null;
        var bestScore = _options.Threshold;
        _seen.Clear();
        var query = new WeightedTerm[vector.Count];
        for (var i = 0; i < query.Length; i++) query[i] = new(vector.Terms[i], vector.Weights[i]);
        foreach (var term in WeightedTerm.Top(query, _options.QueryTerms, out _).Terms)
        {
            if (!_postings.TryGetValue(term, out var list)) continue;
            for (var k = list.Count - 1; k >= 0 && k >= list.Count - _options.PostingsPerTerm; k--)
            {
                if (!_seen.Add(list[k])) continue;
                var story = _stories[list[k]];
                if (article.Article.Published is { } p && story.Last is { } last && (p - last).Duration() > _options.Window) continue;
                var score = vector.Dot(story.Centroid);
                if (score > bestScore || (score == bestScore && best is not null && story.Index < best.Index))
                {
                    best = story;
                    bestScore = score;
                }
            }
        }
        if (best is null)
        {
            best = new StoryCluster(_stories.Count);
            _stories.Add(best);
        }
        var before = best.Centroid.Terms;
        best.Add(article, vector, _options.CentroidTerms);
        foreach (var term in best.Centroid.Terms)
        {
            if (Array.BinarySearch(before, term) >= 0) continue;
            if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
            if (list.Count == 0 || list[^1] != best.Index) list.Add(best.Index);
        }
        return best;
    }
}
