using Dossier.Ingest;

namespace Dossier.Stories.Tests;

public class RefineTests
{
    // Terms 1–8 are one event's vocabulary, 20–22 another's; every term weighs the same (idf 1).
    private static AnalyzedArticle Article(int order, params ulong[] terms) => Article(order, null, terms);

    private static AnalyzedArticle Article(int order, DateTimeOffset? published, params ulong[] terms) => new()
    {
        Article = new Article($"a{order}", "", "", "t") { Published = published },
        Order = order,
        SentenceCount = 0,
        Terms = TermVector.FromCounts([.. terms]),
        TitleTerms = TermVector.Empty,
        Sentences = [],
        Mentions = [],
        Quotes = [],
        Events = [],
    };

    private static List<string> Stories(StoryClusterer clusterer) =>
        clusterer.Stories.Select(s => string.Join(",", s.Members.Select(m => m.Article.Id))).ToList();

    private static StoryClusterer Place(int rounds)
    {
        var clusterer = new StoryClusterer(_ => 1f, new ClusterOptions { RefineRounds = rounds });
        // a1 arrives before the articles that tie it to a0's event, so placing alone leaves it on its own.
        foreach (var a in new[]
        {
            Article(0, 1, 2, 3, 4), Article(1, 5, 6, 7, 8), Article(2, 1, 2, 3, 5), Article(3, 1, 2, 4, 6),
            Article(4, 20, 21, 22), Article(5, 1, 3, 4, 7), Article(6, 2, 3, 4, 8), Article(7, 20, 21),
        })
            clusterer.Add(a);
        clusterer.Refine();
        return clusterer;
    }

    [Fact]
    public void Placing_alone_strands_an_early_article()
    {
        Assert.Equal(["a0,a2,a3,a5,a6", "a1", "a4,a7"], Stories(Place(rounds: 0)));
    }

    [Fact]
    public void Refining_moves_it_to_the_story_it_fits_and_keeps_events_apart()
    {
        // Stories are renumbered by their first member, members kept in placing order.
        Assert.Equal(["a0,a1,a2,a3,a5,a6", "a4,a7"], Stories(Place(rounds: 6)));
        var story = Place(rounds: 6).Stories[0];
        Assert.Equal(6, story.Size);
        Assert.Contains(5ul, story.Centroid.Terms);
    }

    private static List<string> Fragmented(int mergeSize)
    {
        var clusterer = new StoryClusterer(_ => 1f, new ClusterOptions { MergeSize = mergeSize });
        // a5–a8 tell a0–a4's event from another angle: each shares one word with it (cosine 0.21, under the 0.22 to
        // join or move), but together they share four (the two stories' centroids: 0.23). a9–a10 are another event.
        foreach (var a in new[]
        {
            Article(0, 1, 2, 3, 4), Article(1, 1, 2, 3, 5), Article(2, 1, 2, 4, 6), Article(3, 1, 3, 4, 5), Article(4, 2, 3, 4, 6),
            Article(5, 1, 30, 31, 32, 33), Article(6, 2, 30, 31, 32, 33), Article(7, 3, 30, 31, 32, 33), Article(8, 4, 30, 31, 32, 33),
            Article(9, 50, 51, 52), Article(10, 50, 51, 53),
        })
            clusterer.Add(a);
        clusterer.Refine();
        return Stories(clusterer);
    }

    [Fact]
    public void Small_stories_join_the_story_their_centroid_resembles()
    {
        Assert.Equal(["a0,a1,a2,a3,a4", "a5,a6,a7,a8", "a9,a10"], Fragmented(mergeSize: 0));
        Assert.Equal(["a0,a1,a2,a3,a4,a5,a6,a7,a8", "a9,a10"], Fragmented(mergeSize: 6));
        // Stories larger than the merge size stay as they are, however alike.
        Assert.Equal(["a0,a1,a2,a3,a4", "a5,a6,a7,a8", "a9,a10"], Fragmented(mergeSize: 3));
    }

    private static List<string> FollowUp(int mergeSize)
    {
        var clusterer = new StoryClusterer(_ => 1f, new ClusterOptions { MergeSize = mergeSize });
        var day = new DateTimeOffset(1998, 11, 6, 0, 0, 0, TimeSpan.Zero);
        // a3–a4 come a month after a0–a2, in their words: too late to join the story one by one (its 7-day window),
        // while together, a small story, they merge into it.
        var articles = new[]
        {
            Article(0, day, 1, 2, 3, 4), Article(1, day, 1, 2, 3, 5), Article(2, day.AddDays(1), 1, 2, 4, 5),
            Article(3, day.AddDays(30), 1, 2, 3, 6), Article(4, day.AddDays(31), 1, 2, 4, 6),
        };
        foreach (var a in articles) clusterer.Add(a);
        clusterer.Refine();
        return Stories(clusterer);
    }

    [Fact]
    public void A_late_follow_up_joins_its_story_by_merging_not_one_article_at_a_time()
    {
        Assert.Equal(["a0,a1,a2", "a3,a4"], FollowUp(mergeSize: 0));
        Assert.Equal(["a0,a1,a2,a3,a4"], FollowUp(mergeSize: 6));
    }

    [Fact]
    public void Refining_needs_the_members()
    {
        var clusterer = new StoryClusterer(_ => 1f);
        clusterer.Place(TermVector.FromCounts([1, 2]), TermVector.Empty, null);
        clusterer.Place(TermVector.FromCounts([7, 8]), TermVector.Empty, null);
        Assert.Throws<InvalidOperationException>(clusterer.Refine);
    }
}
