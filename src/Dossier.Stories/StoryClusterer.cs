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

    /// <summary>
    /// An article further than this from a story's dates (both dated) does not join it: stories go quiet, and an
    /// article weeks later is more often a new event of the same kind than a follow-up. Merging small stories
    /// (<see cref="MergeSize"/>) ignores dates: follow-ups weeks later come as small stories, and a story's centroid
    /// matching another's is firmer evidence than one article's wording.
    /// </summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Terms of an article's vector used to find candidate stories.</summary>
    public int QueryTerms { get; init; } = 12;

    /// <summary>Most recent stories looked at per term: bounds the work per article however many stories exist.</summary>
    public int PostingsPerTerm { get; init; } = 200;

    /// <summary>
    /// Passes of <see cref="StoryClusterer.Refine"/> over a batch once every article is placed: each moves the
    /// articles that resemble another story more than their own. 0 turns the consolidation off.
    /// </summary>
    public int RefineRounds { get; init; } = 6;

    /// <summary>
    /// After refining, a story of at most this many articles joins the story most like it (cosine of the two
    /// centroids at least <see cref="Threshold"/>): one event reported from several angles starts several small
    /// stories, each of whose articles is too unlike the main story to move alone, while a story's centroid is
    /// steadier than any one article. Larger stories are left apart, so two events of the same kind, each fully
    /// reported, stay two. The stories that grew are refined again and the small stories left merged once more.
    /// 0 turns it off.
    /// </summary>
    public int MergeSize { get; init; } = 6;

    public int ArticleTerms { get; init; } = 60;
    public int CentroidTerms { get; init; } = 120;
}

/// <summary>A story being built: its articles (when the clusterer keeps them) and the centroid of their term vectors.</summary>
public sealed class StoryCluster
{
    private readonly Dictionary<ulong, float> _sum = [];

    internal StoryCluster(int index) => Index = index;

    /// <summary>The story's number among the clusterer's stories (renumbered by <see cref="StoryClusterer.Refine"/>).</summary>
    public int Index { get; internal set; }
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

    /// <summary>Each member's weighted term vector, as it was placed: what <see cref="StoryClusterer.Refine"/> compares.</summary>
    internal List<TermVector> MemberVectors { get; } = [];

    internal void Add(AnalyzedArticle article, TermVector vector, int centroidTerms, bool recut = true)
    {
        Members.Add(article);
        MemberVectors.Add(vector);
        Absorb(vector, article.Article.Published, centroidTerms, recut);
    }

    /// <param name="recut">False while a batch of members goes in; the caller then calls <see cref="Recut"/> once.</param>
    internal void Absorb(TermVector vector, DateTimeOffset? published, int centroidTerms, bool recut = true)
    {
        Size++;
        if (published is { } p && (Last is null || p > Last)) Last = p;
        for (var i = 0; i < vector.Count; i++)
            _sum[vector.Terms[i]] = _sum.GetValueOrDefault(vector.Terms[i]) + vector.Weights[i];
        if (recut) Recut(centroidTerms);
    }

    /// <summary>Takes in all of another story (its sum, size and last date) and leaves it empty.</summary>
    internal void Take(StoryCluster other, int centroidTerms)
    {
        foreach (var (term, weight) in other._sum) _sum[term] = _sum.GetValueOrDefault(term) + weight;
        Size += other.Size;
        if (other.Last is { } p && (Last is null || p > Last)) Last = p;
        Recut(centroidTerms);
        other._sum.Clear();
        other.Size = 0;
        other.Last = null;
        other.Centroid = TermVector.Empty;
    }

    internal void Restore(TermVector sum, int size, DateTimeOffset? last, int centroidTerms)
    {
        for (var i = 0; i < sum.Count; i++) _sum[sum.Terms[i]] = sum.Weights[i];
        Size = size;
        Last = last;
        Recut(centroidTerms);
    }

    internal void Recut(int centroidTerms)
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

    /// <summary>
    /// The merging of <see cref="Refine"/> for stories that keep no members, as a store resumes them: each story of at
    /// most <see cref="ClusterOptions.MergeSize"/> articles, in index order, joins the story whose centroid is most like
    /// its own if their cosine reaches the threshold, whatever their dates. The stories that end up together go on under
    /// the number of the one that began first. Returns each story merged away with the story it went into; merged
    /// stories are left empty.
    /// </summary>
    public IReadOnlyList<(int From, int Into)> MergeSmallStories()
    {
        var into = new Dictionary<int, int>();
        if (_options.MergeSize <= 0) return [];
        // Lists in index order, so a story's neighbours in a list are the stories of its time.
        var postings = new Dictionary<ulong, List<int>>();
        foreach (var story in _stories)
            foreach (var term in story.Centroid.Terms) PostSorted(postings, term, story.Index);
        var finder = new MergeFinder(_stories.Count, _options);
        foreach (var story in _stories)
        {
            if (story.Size == 0 || story.Size > _options.MergeSize) continue;
            var best = finder.Best(story.Index, QueryOf(story.Centroid), postings, t => _stories[t].Size > 0, t => story.Centroid.Dot(_stories[t].Centroid));
            if (best < 0) continue;
            _stories[best].Take(story, _options.CentroidTerms);
            foreach (var term in _stories[best].Centroid.Terms) PostSorted(postings, term, best);
            into[story.Index] = best;
        }
        if (into.Count == 0) return [];
        // Each group of merged stories goes on under the number of the one that began first, so a story already shown
        // keeps its id.
        var groups = new SortedDictionary<int, List<int>>();
        foreach (var (from, first) in into)
        {
            var end = first;
            while (into.TryGetValue(end, out var next)) end = next;
            if (!groups.TryGetValue(end, out var members)) groups[end] = members = [end];
            members.Add(from);
        }
        var merged = new List<(int From, int Into)>();
        foreach (var (end, members) in groups)
        {
            var keep = members.Min();
            if (keep != end) _stories[keep].Take(_stories[end], _options.CentroidTerms);
            foreach (var m in members)
                if (m != keep) merged.Add((m, keep));
        }
        _postings.Clear();
        foreach (var story in _stories) Index(story, []);
        merged.Sort();
        return merged;
    }

    /// <summary>The most similar story above the threshold among the candidates, or a new story.</summary>
    private StoryCluster Find(TermVector vector, DateTimeOffset? published)
    {
        StoryCluster? best = null;
        var bestScore = _options.Threshold;
        _seen.Clear();
        foreach (var term in QueryOf(vector).Terms)
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

    /// <summary>
    /// Consolidates the stories of a batch (those built with <see cref="Add"/>): a single pass places each article
    /// knowing only the articles before it, so an early article can sit in a story that later articles make a poor
    /// fit, and one event can start twice before its vocabulary settles. Each round proposes, for every article, the
    /// story it is most similar to (cosine with the story's sum, leaving the article out of its own story's) when
    /// that beats its own story and the join threshold; the proposals are then taken one at a time in placing order,
    /// each checked again against the sums as the earlier moves left them, so two lone articles cannot swap places
    /// forever. Stops after <see cref="ClusterOptions.RefineRounds"/> or a round without moves, then renumbers the
    /// stories by their first member. Candidates come from the same kind of term index as placing, so a round costs
    /// about what a pass of placing does. Deterministic: proposals read only the round's starting state, and moves
    /// follow a fixed order.
    /// </summary>
    public void Refine()
    {
        if (_options.RefineRounds <= 0 || _stories.Count < 2) return;
        var members = new List<(AnalyzedArticle Article, TermVector Vector)>();
        var storyOf = new List<int>();
        var starts = new int[_stories.Count + 1];
        foreach (var story in _stories)
        {
            starts[story.Index] = members.Count;
            if (story.Members.Count != story.Size) throw new InvalidOperationException("Refine needs the stories' members: place articles with Add.");
            for (var i = 0; i < story.Members.Count; i++)
            {
                members.Add((story.Members[i], story.MemberVectors[i]));
                storyOf.Add(story.Index);
            }
        }
        starts[_stories.Count] = members.Count;
        // Placing order: publication date, then input order.
        var order = Enumerable.Range(0, members.Count)
            .OrderBy(i => members[i].Article.Article.Published ?? DateTimeOffset.MinValue).ThenBy(i => members[i].Article.Order).ToArray();

        var sums = new Dictionary<ulong, float>[_stories.Count];
        var norms = new double[_stories.Count];
        var sizes = new int[_stories.Count];
        // Dates as UTC ticks: the window check runs for every story a term's list holds near the article's own. A
        // story's span only widens while refining (an article leaving does not narrow it): a looser check, never a
        // missed candidate.
        var first = new long[_stories.Count];
        var last = new long[_stories.Count];
        Array.Fill(first, Undated);
        Array.Fill(last, Undated);
        var window = _options.Window.Ticks;
        var query = new ulong[members.Count][];
        var tops = new ulong[_stories.Count][];
        // Members were gathered story by story, so each story's sums are built on its own, on all cores.
        Parallel.For(0, _stories.Count, k =>
        {
            sums[k] = [];
            for (var i = starts[k]; i < starts[k + 1]; i++)
            {
                query[i] = QueryTerms(members[i].Vector);
                Move(i, -1, k);
            }
            var all = sums[k].Select(e => new WeightedTerm(e.Key, e.Value)).ToArray();
            tops[k] = WeightedTerm.Top(all, _options.CentroidTerms, out _).Terms;
        });
        var postings = new Dictionary<ulong, List<int>>();
        for (var k = 0; k < tops.Length; k++)
            foreach (var term in tops[k]) Post(term, k);

        // After the first round only the members of stories that gained or lost an article are looked at again.
        var touched = new bool[_stories.Count];
        var touchedNext = new bool[_stories.Count];
        var proposed = new int[members.Count];
        var changed = new bool[_stories.Count];
        Rounds(everyone: true);
        // Stories grown by merging may now draw articles from others, or lose some: their members are looked at again,
        // then the small stories left are merged once more.
        if (MergeSmall() is { Count: > 0 } grown)
        {
            Array.Clear(touched);
            foreach (var k in grown) touched[k] = true;
            Rounds(everyone: false);
            MergeSmall();
        }

        // Renumber the stories in order of their first member; rebuild those that changed, members in placing order.
        var rebuilt = new List<StoryCluster>();
        var fresh = new List<StoryCluster>();
        var index = new Dictionary<int, StoryCluster>();
        foreach (var i in order)
        {
            var k = storyOf[i];
            if (!index.TryGetValue(k, out var story))
            {
                story = changed[k] ? new StoryCluster(rebuilt.Count) : _stories[k];
                story.Index = rebuilt.Count;
                index[k] = story;
                rebuilt.Add(story);
                if (changed[k]) fresh.Add(story);
            }
            if (changed[k]) story.Add(members[i].Article, members[i].Vector, _options.CentroidTerms, recut: false);
        }
        foreach (var story in fresh) story.Recut(_options.CentroidTerms);
        _stories.Clear();
        _stories.AddRange(rebuilt);
        _postings.Clear();
        foreach (var story in _stories) Index(story, []);

        void Rounds(bool everyone)
        {
            for (var round = 0; round < _options.RefineRounds; round++)
            {
                // Proposals read the state as the round found it, on all cores; moves are then made one at a time in
                // placing order, each checked against the sums as earlier moves left them.
                var visit = round == 0 && everyone ? order : order.Where(i => touched[storyOf[i]]).ToArray();
                Parallel.For(0, visit.Length, () => new HashSet<int>(), (x, _, seen) =>
                {
                    proposed[visit[x]] = Propose(visit[x], seen);
                    return seen;
                }, _ => { });
                var moved = 0;
                foreach (var i in visit)
                {
                    var own = storyOf[i];
                    var target = proposed[i];
                    if (target == own || Score(i, target) <= Math.Max(_options.Threshold, OwnScore(i))) continue;
                    Move(i, own, target);
                    foreach (var term in query[i]) Post(term, target);
                    touchedNext[own] = touchedNext[target] = changed[own] = changed[target] = true;
                    moved++;
                }
                (touched, touchedNext) = (touchedNext, touched);
                Array.Clear(touchedNext);
                if (moved == 0) break;
            }
        }

        // Stories of at most MergeSize articles, in placing order, each into the story whose sum is most like its own;
        // returns the stories that grew.
        List<int> MergeSmall()
        {
            var grown = new List<int>();
            if (_options.MergeSize <= 0) return grown;
            var membersOf = new List<int>[_stories.Count];
            foreach (var i in order) (membersOf[storyOf[i]] ??= []).Add(i);
            var finder = new MergeFinder(_stories.Count, _options);
            for (var k = 0; k < _stories.Count; k++)
            {
                if (sizes[k] == 0 || sizes[k] > _options.MergeSize) continue;
                var mine = membersOf[k]!.Where(i => storyOf[i] == k).ToList();
                var strongest = WeightedTerm.Top([.. sums[k].Select(e => new WeightedTerm(e.Key, e.Value))], _options.QueryTerms, out _);
                var small = k;
                var best = finder.Best(k, strongest, postings, t => sizes[t] > 0, t => Similarity(small, t));
                if (best < 0) continue;
                foreach (var i in mine)
                {
                    Move(i, k, best);
                    foreach (var term in query[i]) Post(term, best);
                    (membersOf[best] ??= []).Add(i);
                }
                changed[k] = changed[best] = true;
                grown.Add(best);
            }
            return grown;
        }


        // Cosine of two stories' sums.
        float Similarity(int a, int b)
        {
            var (small, large) = sums[a].Count <= sums[b].Count ? (sums[a], sums[b]) : (sums[b], sums[a]);
            var dot = 0.0;
            foreach (var (term, w) in small)
                if (large.TryGetValue(term, out var v)) dot += (double)w * v;
            return (float)(dot / Math.Sqrt(norms[a] * norms[b]));
        }

        // Cosine with the rest of its story: the vector is unit length and all of it is in the sum.
        float OwnScore(int i)
        {
            var own = storyOf[i];
            if (sizes[own] < 2) return 0;
            var dot = Dot(members[i].Vector, sums[own]);
            var rest = (float)norms[own] - 2 * dot + 1;
            return rest > 1e-6f ? (dot - 1) / MathF.Sqrt(rest) : 0;
        }

        float Score(int i, int story) => Dot(members[i].Vector, sums[story]) / MathF.Sqrt((float)norms[story]);

        // The story the article resembles most, if that beats its own and the threshold; else its own.
        int Propose(int i, HashSet<int> seen)
        {
            var own = storyOf[i];
            var best = own;
            var bestScore = Math.Max(_options.Threshold, OwnScore(i));
            seen.Clear();
            seen.Add(own);
            var published = Ticks(members[i].Article.Article.Published);
            foreach (var term in query[i])
            {
                if (!postings.TryGetValue(term, out var list)) continue;
                var (from, to) = Neighbours(list, own, _options.PostingsPerTerm);
                for (var x = from; x < to; x++)
                {
                    var k = list[x];
                    if (sizes[k] == 0) continue;
                    if (published != Undated && first[k] != Undated && (published < first[k] - window || published > last[k] + window)) continue;
                    if (!seen.Add(k)) continue;
                    var score = Score(i, k);
                    if (score > bestScore || (score == bestScore && best != own && k < best))
                    {
                        best = k;
                        bestScore = score;
                    }
                }
            }
            return best;
        }

        void Move(int i, int from, int to)
        {
            var v = members[i].Vector;
            if (from >= 0)
            {
                norms[from] += Accumulate(sums[from], v, -1);
                sizes[from]--;
            }
            norms[to] += Accumulate(sums[to], v, 1);
            sizes[to]++;
            storyOf[i] = to;
            if (members[i].Article.Article.Published is { } p)
            {
                if (first[to] == Undated || p.UtcTicks < first[to]) first[to] = p.UtcTicks;
                if (last[to] == Undated || p.UtcTicks > last[to]) last[to] = p.UtcTicks;
            }
        }

        void Post(ulong term, int story) => PostSorted(postings, term, story);
    }

    private const long Undated = long.MinValue;

    /// <summary>
    /// Stories are numbered as they began, so the neighbours of a story in a term's (sorted) list are the stories of
    /// its time: the <paramref name="count"/> of them around it, as placing looks at the most recent.
    /// </summary>
    private static (int From, int To) Neighbours(List<int> list, int story, int count)
    {
        var at = list.BinarySearch(story);
        if (at < 0) at = ~at;
        var from = Math.Max(0, Math.Min(at - count / 2, list.Count - count));
        return (from, Math.Min(list.Count, from + count));
    }

    /// <summary>Posts a story under a term in a list kept in story order (the neighbours of a story are then of its time).</summary>
    private static void PostSorted(Dictionary<ulong, List<int>> postings, ulong term, int story)
    {
        if (!postings.TryGetValue(term, out var list)) postings[term] = list = [];
        var at = list.BinarySearch(story);
        if (at < 0) list.Insert(~at, story);
    }

    /// <summary>
    /// Finds the story a small story merges into. Candidates come by the small story's own strongest terms, as an
    /// article's come by its, and are ranked by the weight of those terms they share; only the best few get the full
    /// similarity. Merging checks no dates, so the term lists' neighbours are many, and a full cosine for each would
    /// cost more than the refining rounds. Holds its scratch space between calls; not thread-safe.
    /// </summary>
    private sealed class MergeFinder(int stories, ClusterOptions options)
    {
        /// <summary>Candidates given the full similarity.</summary>
        private const int Shortlisted = 8;

        private readonly float[] _shared = new float[stories];
        private readonly List<int> _hit = [];
        private readonly List<(float Weight, int Story)> _shortlist = [];

        /// <summary>The candidate most similar to story <paramref name="k"/>, if that reaches the threshold (ties to the lower number); else -1.</summary>
        public int Best(int k, TermVector strongest, Dictionary<ulong, List<int>> postings, Func<int, bool> alive, Func<int, float> similarity)
        {
            for (var q = 0; q < strongest.Count; q++)
            {
                if (!postings.TryGetValue(strongest.Terms[q], out var list)) continue;
                var (from, to) = Neighbours(list, k, options.PostingsPerTerm);
                for (var x = from; x < to; x++)
                {
                    var t = list[x];
                    if (t == k || !alive(t)) continue;
                    if (_shared[t] == 0) _hit.Add(t);
                    _shared[t] += strongest.Weights[q];
                }
            }
            _shortlist.Clear();
            foreach (var t in _hit)
            {
                _shortlist.Add((_shared[t], t));
                _shared[t] = 0;
            }
            _hit.Clear();
            _shortlist.Sort((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Story.CompareTo(b.Story));
            var best = -1;
            var bestScore = options.Threshold;
            for (var c = 0; c < Math.Min(Shortlisted, _shortlist.Count); c++)
            {
                var t = _shortlist[c].Story;
                var score = similarity(t);
                if (score > bestScore || (score == bestScore && t < best))
                {
                    best = t;
                    bestScore = score;
                }
            }
            return best;
        }
    }

    /// <summary>What finds a vector's candidate stories: its <see cref="ClusterOptions.QueryTerms"/> strongest terms.</summary>
    private TermVector QueryOf(TermVector vector)
    {
        var query = new WeightedTerm[vector.Count];
        for (var i = 0; i < query.Length; i++) query[i] = new(vector.Terms[i], vector.Weights[i]);
        return WeightedTerm.Top(query, _options.QueryTerms, out _);
    }

    private static long Ticks(DateTimeOffset? date) => date is { } d ? d.UtcTicks : Undated;

    private ulong[] QueryTerms(TermVector v) => QueryOf(v).Terms;

    private static float Dot(TermVector v, Dictionary<ulong, float> sum)
    {
        var dot = 0f;
        for (var i = 0; i < v.Count; i++)
            if (sum.TryGetValue(v.Terms[i], out var w)) dot += v.Weights[i] * w;
        return dot;
    }

    /// <summary>Adds (sign 1) or takes away (-1) a vector from a story's sum; returns the change in the sum's squared length.</summary>
    private static double Accumulate(Dictionary<ulong, float> sum, TermVector v, float sign)
    {
        var change = 0.0;
        for (var i = 0; i < v.Count; i++)
        {
            var before = sum.GetValueOrDefault(v.Terms[i]);
            var after = before + sign * v.Weights[i];
            // A term whose members all left is gone, not a rounding residue that keeps the story a candidate.
            if (MathF.Abs(after) < 1e-6f) after = 0;
            if (after == 0) sum.Remove(v.Terms[i]);
            else sum[v.Terms[i]] = after;
            change += (double)after * after - (double)before * before;
        }
        return change;
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
