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

/// <summary>A story being built: its articles (when the clusterer keeps them) and the centroid of their term vectors.</summary>
public sealed class StoryCluster
{
    private readonly Dictionary<ulong, float> _sum = [];

    internal StoryCluster(int index) => Index = index;

    public int Index { get; }
    /// <summary>The articles, in the order they joined; empty when placed with <see cref="StoryClusterer.Place"/>.</summary>
    public List<AnalyzedArticle> Members { get; } = [];
    /// <summary>How many articles have joined, whether kept in <see cref="Members"/> or not.</summary>
    public int Size { get; private set; }
    public TermVector Centroid { get; private set; } = TermVector.Empty;
    public DateTimeOffset? Last { get; private set; }

    /// <summary>The unnormalised sum behind the centroid, by term: with <see cref="Size"/> and <see cref="Last"/>, all a store must keep to resume the story.</summary>
    public TermVector Sum
    {
        get
        {
            var terms = new ulong[_sum.Count];
            var weights = new float[_sum.Count];
            var k = 0;
            foreach (var (term, weight) in _sum)
            {
                terms[k] = term;
                weights[k++] = weight;
            }
            Array.Sort(terms, weights);
            return new TermVector(terms, weights);
        }
    }

    internal void Add(AnalyzedArticle article, TermVector vector, int centroidTerms)
    {
        Members.Add(article);
        Absorb(vector, article.Article.Published, centroidTerms);
    }

    internal void Absorb(TermVector vector, DateTimeOffset? published, int centroidTerms)
    {
        Size++;
        if (published is { } p && (Last is null || p > Last)) Last = p;
        for (var i = 0; i < vector.Count; i++)
            _sum[vector.Terms[i]] = _sum.GetValueOrDefault(vector.Terms[i]) + vector.Weights[i];
        Recut(centroidTerms);
    }

    internal void Restore(TermVector sum, int size, DateTimeOffset? last, int centroidTerms)
    {
        for (var i = 0; i < sum.Count; i++) _sum[sum.Terms[i]] = sum.Weights[i];
        Size = size;
        Last = last;
        Recut(centroidTerms);
    }

    private void Recut(int centroidTerms)
    {
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

    /// <summary>Places the article in a story (keeping it in <see cref="StoryCluster.Members"/>) and returns that story.</summary>
    public StoryCluster Add(AnalyzedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var vector = Weigh(article.Terms, article.Names, _options.ArticleTerms);
        var story = Find(vector, article.Article.Published);
        var before = story.Centroid.Terms;
        story.Add(article, vector, _options.CentroidTerms);
        Index(story, before);
        return story;
    }

    /// <summary>Places an article by its term and name frequencies without keeping it: for a store, which keeps the members itself.</summary>
    public StoryCluster Place(TermVector terms, TermVector names, DateTimeOffset? published)
    {
        var vector = Weigh(terms, names, _options.ArticleTerms);
        var story = Find(vector, published);
        var before = story.Centroid.Terms;
        story.Absorb(vector, published, _options.CentroidTerms);
        Index(story, before);
        return story;
    }

    /// <summary>Appends a story as a store saved it (<see cref="StoryCluster.Sum"/>, size, last date); stories must be restored in index order.</summary>
    public StoryCluster Restore(TermVector sum, int size, DateTimeOffset? last)
    {
        var story = new StoryCluster(_stories.Count);
        _stories.Add(story);
        story.Restore(sum, size, last, _options.CentroidTerms);
        Index(story, []);
        return story;
    }

    /// <summary>The most similar story above the threshold among the candidates, or a new story.</summary>
    private StoryCluster Find(TermVector vector, DateTimeOffset? published)
    {
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
                if (published is { } p && story.Last is { } last && (p - last).Duration() > _options.Window) continue;
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
        return best;
    }

    /// <summary>Posts the story under each term that entered its centroid.</summary>
    private void Index(StoryCluster story, ulong[] before)
    {
        foreach (var term in story.Centroid.Terms)
        {
            if (Array.BinarySearch(before, term) >= 0) continue;
            if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
            if (list.Count == 0 || list[^1] != story.Index) list.Add(story.Index);
        }
    }
}
