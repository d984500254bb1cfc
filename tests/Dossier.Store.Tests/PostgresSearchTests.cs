namespace Dossier.Store.Tests;

/// <summary>
/// The ways a PostgreSQL search ranks a window of the newest matches, at a window small enough for a small store:
/// a common word by testing the newest rows, others in one pass over the index's matches.
/// </summary>
public class PostgresSearchTests
{
    private const int Window = 10;

    private static readonly List<SyntheticNews.Item> Items = SyntheticNews.Make(40, 5);

    private static int Matches(string word) =>
        Items.Count(i => Words(i.Title).Contains(word) || Words(i.Text).Contains(word));

    private static HashSet<string> Words(string text) =>
        text.Split([' ', '.', ':', ','], StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToHashSet();

    private static TempPostgresStore Store()
    {
        var t = new TempPostgresStore();
        t.Ingest(SyntheticNews.Inputs(Items));
        // The planner's statistics, which the window comes from, as autovacuum would gather them in a live store.
        TestPostgres.Execute(t.Address, "ANALYZE dossier.article_search");
        t.Postgres.RankWindow = Window;
        return t;
    }

    [Fact]
    public void A_common_word_ranks_the_newest_rows_and_estimates_its_total()
    {
        using var t = Store();
        var exact = Matches("said");
        Assert.True(exact > Items.Count / 2, $"'said' is in {exact} of {Items.Count} articles: not common enough to test this");

        var page = t.Store.Search(new SearchQuery("said", Limit: 5));

        Assert.True(page.TotalIsEstimate);
        Assert.InRange(page.Total, exact / 2, exact * 2);
        Assert.Equal(5, page.Items.Count);
        // Every hit says it, and is among the newest matches: arrival order is the items' order.
        var newest = Items.Where(i => Words(i.Title + " " + i.Text).Contains("said")).TakeLast(2 * Window).Select(i => i.Id).ToHashSet();
        Assert.All(page.Items, h => Assert.Contains(h.Id, newest));
        Assert.Equal(page.Items.OrderByDescending(h => h.Score).Select(h => h.Id), page.Items.Select(h => h.Id));
    }

    [Fact]
    public void A_rarer_word_is_counted_exactly_and_ranked_among_its_newest_matches()
    {
        using var t = Store();
        // An event's person: five articles, and no window needed; a kind of event: a window of its newest matches.
        var person = Items[^1].Title.Split(": ")[1].Split(' ')[0].ToLowerInvariant();
        var few = t.Store.Search(new SearchQuery(person));
        Assert.False(few.TotalIsEstimate);
        Assert.Equal(Matches(person), few.Total);
        Assert.Equal(few.Total, few.Items.Count);

        var kind = t.Store.Search(new SearchQuery("flood", Limit: 3));
        Assert.False(kind.TotalIsEstimate);
        Assert.Equal(Matches("flood"), kind.Total);
        Assert.Equal(3, kind.Items.Count);
        var newest = Items.Where(i => Words(i.Title + " " + i.Text).Contains("flood")).TakeLast(2 * Window).Select(i => i.Id).ToHashSet();
        Assert.All(kind.Items, h => Assert.Contains(h.Id, newest));
    }

    [Fact]
    public void Words_that_never_meet_find_nothing_and_count_nothing()
    {
        using var t = Store();
        // A window small enough that the estimate calls for one, and the count has to be taken again.
        t.Postgres.RankWindow = 4;
        // Each event is of one kind: two common words from different kinds, which the estimate cannot know never meet.
        Assert.True(Matches("flood") > Window && Matches("election") > Window);
        var page = t.Store.Search(new SearchQuery("flood election"));
        Assert.Empty(page.Items);
        Assert.Equal(0, page.Total);
        Assert.False(page.TotalIsEstimate);
    }

    [Fact]
    public void A_page_past_the_window_is_empty_but_keeps_the_total()
    {
        using var t = Store();
        var page = t.Store.Search(new SearchQuery("flood", Offset: 190, Limit: 5));
        Assert.Empty(page.Items);
        Assert.Equal(Matches("flood"), page.Total);
    }
}
