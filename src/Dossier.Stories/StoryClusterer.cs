namespace Dossier.Stories;

/// <summary>Settings of the story clusterer. Immutable.</summary>
public sealed record ClusterOptions
{
    /// <summary>Least cosine similarity between an article and a story's centroid for the article to join it.</summary>
    public float Threshold { get; init; } = 0.22f;

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
    private float _lastNorm = 1;

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
        Centroid = TopTerms(_sum, centroidTerms);
        if (_sum.Count > centroidTerms * 8)
        {
            // Keep the sum bounded: the tail cannot re-enter the top terms in any way that matters.
            var keep = TopTerms(_sum, centroidTerms * 4);
            _sum.Clear();
            for (var i = 0; i < keep.Count; i++) _sum[keep.Terms[i]] = keep.Weights[i] * _lastNorm;
        }
    }

    private TermVector TopTerms(Dictionary<ulong, float> weights, int k)
    {
        var top = weights.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(k).OrderBy(kv => kv.Key).ToArray();
        var terms = new ulong[top.Length];
        var values = new float[top.Length];
        var norm = 0f;
        for (var i = 0; i < top.Length; i++)
        {
            terms[i] = top[i].Key;
            values[i] = top[i].Value;
            norm += values[i] * values[i];
        }
        norm = MathF.Sqrt(norm);
        _lastNorm = norm == 0 ? 1 : norm;
        for (var i = 0; i < values.Length; i++) values[i] /= _lastNorm;
        return new TermVector(terms, values);
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

    /// <summary>The article's tf-idf vector, cut to its strongest terms and normalised.</summary>
    public TermVector Weigh(TermVector tf, int maxTerms)
    {
        var weighted = new (ulong Term, float Weight)[tf.Count];
        for (var i = 0; i < tf.Count; i++) weighted[i] = (tf.Terms[i], (1 + MathF.Log(tf.Weights[i])) * idf(tf.Terms[i]));
        var top = weighted.OrderByDescending(w => w.Weight).ThenBy(w => w.Term).Take(maxTerms).OrderBy(w => w.Term).ToArray();
        var norm = MathF.Sqrt(top.Sum(w => w.Weight * w.Weight));
        if (norm == 0) norm = 1;
        return new TermVector(top.Select(w => w.Term).ToArray(), top.Select(w => w.Weight / norm).ToArray());
    }

    public StoryCluster Add(AnalyzedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var vector = Weigh(article.Terms, _options.ArticleTerms);
        StoryCluster? best = null;
        var bestScore = _options.Threshold;
        _seen.Clear();
        foreach (var term in vector.Terms.Zip(vector.Weights).OrderByDescending(p => p.Second).ThenBy(p => p.First).Take(_options.QueryTerms).Select(p => p.First))
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
        var before = new HashSet<ulong>(best.Centroid.Terms);
        best.Add(article, vector, _options.CentroidTerms);
        foreach (var term in best.Centroid.Terms)
        {
            if (before.Contains(term)) continue;
            if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
            if (list.Count == 0 || list[^1] != best.Index) list.Add(best.Index);
        }
        return best;
    }
}
