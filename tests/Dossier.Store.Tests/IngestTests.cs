using Dossier.Stories;

namespace Dossier.Store.Tests;

/// <summary>How ingest behaves on every store backend.</summary>
public abstract class IngestContract
{
    protected abstract TestStore NewStore();

    [Fact]
    public void Ingesting_the_samples_gives_the_digests_stories()
    {
        using var t = NewStore();
        var result = t.Ingest(Samples.Read());
        Assert.Equal(3, result.Stored);
        Assert.Empty(result.Rejected);

        var digest = DigestBuilder.CreateDefault().Build(Samples.Read());
        var expected = digest.Stories.Select(s => string.Join(',', s.Articles.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal).ToList();
        var actual = t.Assignments().GroupBy(kv => kv.Value).Select(g => string.Join(',', g.Select(kv => kv.Key).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);

        // Each stored dossier lists exactly the articles stored under its story, with a cited summary.
        foreach (var (story, json) in TestStore.Dossiers(t.Store))
        {
            var record = t.Store.Story(story)!;
            Assert.Equal(story, record.Id);
            Assert.Equal(t.Assignments().Where(kv => kv.Value == story).Select(kv => kv.Key).Order(StringComparer.Ordinal), record.Articles.Order(StringComparer.Ordinal));
            Assert.NotEmpty(record.Summary);
            Assert.All(record.Summary, s => Assert.NotEmpty(s.Sources));
            Assert.Contains("\"summary\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ingesting_the_same_articles_again_stores_nothing_and_changes_nothing()
    {
        using var t = NewStore();
        t.Ingest(Samples.Read());
        var before = TestStore.Dossiers(t.Store);
        var again = t.Ingest(Samples.Read());
        Assert.Equal(0, again.Stored);
        Assert.Equal(3, again.Duplicates.Count);
        Assert.All(again.Duplicates, d => Assert.Equal(d.Id, d.StoredAs));
        Assert.Equal(3, t.Store.Stats().Articles);
        Assert.Equal(before, TestStore.Dossiers(t.Store));
    }

    [Fact]
    public void The_same_text_twice_in_one_input_is_stored_once_and_a_reused_id_is_made_unique()
    {
        using var t = NewStore();
        var items = SyntheticNews.Make(2, 2);
        var copy = items[0] with { Id = "copy" };
        var clash = items[1] with { Id = items[0].Id, Text = items[1].Text + " Extra words make this another article." };
        var result = t.Ingest(SyntheticNews.Inputs([.. items, copy, clash]));
        Assert.Equal(5, result.Stored);
        var duplicate = Assert.Single(result.Duplicates);
        Assert.Equal("copy", duplicate.Id);
        Assert.Equal(items[0].Id, duplicate.StoredAs);
        Assert.NotNull(t.Store.Article(items[0].Id + "-2"));
        Assert.Equal(items[0].Id, t.Store.Article(items[0].Id + "-2")!.GivenId);
    }

    [Fact]
    public void Consolidating_merges_a_late_follow_up_into_its_story_and_keeps_every_article()
    {
        using var t = NewStore();
        var items = SyntheticNews.Make(3, 4);
        // A month later the first event is in the news again, in its own words: too late to join its story (quiet for
        // more than a week), so the follow-ups start one of their own.
        var late = items.Where(i => i.Event == 0)
            .Select(i => i with { Id = "late-" + i.Id, Text = i.Text + " The case came back a month later.", Published = i.Published.AddDays(30) }).ToList();
        t.Ingest(SyntheticNews.Inputs([.. items, .. late]));
        var before = t.Assignments();
        var first = before[items.First(i => i.Event == 0).Id];
        var followUp = before[late[0].Id];
        Assert.NotEqual(first, followUp);
        Assert.All(late, i => Assert.Equal(followUp, before[i.Id]));
        var stories = t.Store.Stats().Stories;

        var ingestor = StoreIngestor.CreateDefault(t.Store);
        Assert.Equal(1, ingestor.Consolidate());
        var after = t.Assignments();
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, kv => Assert.Equal(kv.Value == followUp ? first : kv.Value, after[kv.Key]));
        Assert.Equal(stories - 1, t.Store.Stats().Stories);
        // The merged story is gone from lists and lookups; the one that took it in lists all its articles.
        Assert.Null(t.Store.Story(followUp));
        Assert.DoesNotContain(t.Store.Stories(0, 100).Items, s => s.Id == followUp);
        Assert.Equal(after.Where(kv => kv.Value == first).Select(kv => kv.Key).Order(StringComparer.Ordinal),
            t.Store.Story(first)!.Articles.Order(StringComparer.Ordinal));
        Assert.Equal(0, ingestor.Consolidate());

        // Ingest goes on from the consolidated store, and a new story never takes the merged story's id.
        var next = SyntheticNews.Make(1, 2, seed: 11).Select(i => i with { Id = "next-" + i.Id, Published = i.Published.AddDays(90) }).ToList();
        var reopened = t.Reopen();
        StoreIngestor.CreateDefault(reopened).Ingest(SyntheticNews.Inputs(next));
        var story = StoreListing.Assignments(reopened)[next[0].Id];
        Assert.NotEqual(followUp, story);
        Assert.NotNull(reopened.Story(story));
        Assert.Null(reopened.Story(followUp));
    }

    [Fact]
    public void Commit_size_does_not_change_stories()
    {
        // Dossiers are built with the document frequencies of what is committed, so their wording may differ with
        // the commit size; which article is in which story may not.
        var items = SyntheticNews.Make(12, 5);
        using var one = NewStore();
        using var many = NewStore();
        one.Ingest(SyntheticNews.Inputs(items), new IngestOptions { BatchSize = 1000 });
        many.Ingest(SyntheticNews.Inputs(items), new IngestOptions { BatchSize = 7 });
        Assert.Equal(one.Assignments(), many.Assignments());
        Assert.Equal(Members(one.Store), Members(many.Store));
    }

    [Fact]
    public void Commits_overlapping_placing_give_the_same_dossiers_every_run()
    {
        // Small batches keep two commits outstanding while placing goes on, and each commit builds its stories on
        // all cores: none of that timing may show in what is stored.
        var items = SyntheticNews.Make(12, 5);
        using var first = NewStore();
        using var second = NewStore();
        first.Ingest(SyntheticNews.Inputs(items), new IngestOptions { BatchSize = 3 });
        second.Ingest(SyntheticNews.Inputs(items), new IngestOptions { BatchSize = 3, Parallelism = 1 });
        Assert.Equal(60, first.Store.Stats().Articles);
        Assert.Equal(TestStore.Dossiers(first.Store), TestStore.Dossiers(second.Store));
    }

    private static Dictionary<string, string> Members(IDossierStore store) =>
        TestStore.Dossiers(store).Keys.ToDictionary(id => id, id => string.Join(',', store.Story(id)!.Articles.Order(StringComparer.Ordinal)));

    [Fact]
    public void Synthetic_events_become_one_story_each()
    {
        var items = SyntheticNews.Make(12, 5);
        using var t = NewStore();
        t.Ingest(SyntheticNews.Inputs(items));
        var assigned = t.Assignments();
        var storyOfEvent = items.GroupBy(i => i.Event).Select(g => g.Select(i => assigned[i.Id]).Distinct().ToList()).ToList();
        Assert.All(storyOfEvent, stories => Assert.Single(stories));
        Assert.Equal(12, storyOfEvent.Select(s => s[0]).Distinct().Count());
    }

    [Fact]
    public void After_a_crash_ingesting_the_same_input_again_ends_with_the_uninterrupted_stories()
    {
        var items = SyntheticNews.Make(12, 5);
        // Commits of 8 before the crash and after: the resumed run commits the same batches, so even the dossiers match.
        var options = new IngestOptions { BatchSize = 8 };
        using var clean = NewStore();
        clean.Ingest(SyntheticNews.Inputs(items), options);

        using var crashed = NewStore();
        var crashing = new CrashingStore(crashed.Store, crashAt: 4);
        Assert.Throws<IOException>(() => StoreIngestor.CreateDefault(crashing, options).Ingest(SyntheticNews.Inputs(items)));
        Assert.Equal(24, crashed.Store.Stats().Articles);
        var resumed = crashed.Ingest(SyntheticNews.Inputs(items), options);
        Assert.Equal(items.Count - 24, resumed.Stored);
        Assert.Equal(24, resumed.Duplicates.Count);
        Assert.Equal(clean.Assignments(), crashed.Assignments());
        Assert.Equal(TestStore.Dossiers(clean.Store), TestStore.Dossiers(crashed.Store));
    }

    [Fact]
    public void New_articles_join_the_stories_of_an_earlier_ingest()
    {
        var items = SyntheticNews.Make(6, 6);
        using var t = NewStore();
        t.Ingest(SyntheticNews.Inputs(items.Where((_, i) => i % 2 == 0)));
        var storiesBefore = t.Store.Stats().Stories;
        var later = t.Ingest(SyntheticNews.Inputs(items.Where((_, i) => i % 2 == 1)));
        Assert.Equal(items.Count / 2, later.Stored);
        Assert.Equal(storiesBefore, t.Store.Stats().Stories);
        var assigned = t.Assignments();
        Assert.All(items.GroupBy(i => i.Event), g => Assert.Single(g.Select(i => assigned[i.Id]).Distinct()));
    }

    [Fact]
    public void Stories_list_newest_first_with_their_sizes()
    {
        var items = SyntheticNews.Make(5, 3);
        using var t = NewStore();
        t.Ingest(SyntheticNews.Inputs(items));
        var page = t.Store.Stories(0, 10);
        Assert.Equal(5, page.Total);
        Assert.True(page.Items.Zip(page.Items.Skip(1)).All(p => p.First.Updated > p.Second.Updated));
        Assert.All(page.Items, s => Assert.Equal(3, s.Articles));
        Assert.All(page.Items, s => Assert.Equal(3, s.Outlets));
        Assert.Equal(2, t.Store.Stories(3, 10).Items.Count);
        Assert.Equal(items.Last().Published, page.Items[0].Last);
    }

    [Fact]
    public void Content_hash_ignores_case_and_spacing_but_not_words()
    {
        Assert.Equal(ContentHash.Of("A title", "Some  text\nhere."), ContentHash.Of("a TITLE ", "some text here."));
        Assert.NotEqual(ContentHash.Of("A title", "Some text here."), ContentHash.Of("A title", "Some text there."));
        Assert.NotEqual(ContentHash.Of("A title", "Some text."), ContentHash.Of("Another title", "Some text."));
    }
}

public sealed class SqliteIngestContract : IngestContract
{
    protected override TestStore NewStore() => new TempStore();
}
