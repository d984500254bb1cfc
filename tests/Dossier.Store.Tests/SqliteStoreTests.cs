using Dossier.Stories;
using Microsoft.Data.Sqlite;

namespace Dossier.Store.Tests;

/// <summary>What every store backend must do; each backend's test class runs all of it.</summary>
public abstract class StoreContract
{
    protected abstract TestStore NewStore();

    [Fact]
    public void Search_finds_articles_best_first_with_the_match_highlighted()
    {
        using var t = NewStore();
        t.Ingest(Samples.Read());
        var page = t.Store.Search(new SearchQuery("chemical weapons"));
        Assert.True(page.Total >= 1);
        Assert.Equal(page.Total, page.Items.Count);
        Assert.True(page.Items.Zip(page.Items.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        var hit = page.Items[0];
        Assert.Contains(hit.Snippet, p => p.Match && p.Text.Equals("chemical", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(hit.Snippet, p => !p.Match);
        Assert.NotNull(t.Store.Article(hit.Id));
        Assert.Equal(t.Store.Article(hit.Id)!.Story, hit.Story);
    }

    [Fact]
    public void Search_of_stories_looks_in_titles_and_summaries()
    {
        using var t = NewStore();
        t.Ingest(Samples.Read());
        var page = t.Store.Search(new SearchQuery("Macron", SearchKind.Stories));
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, h => Assert.Equal(h.Id, h.Story));
        Assert.All(page.Items, h => Assert.NotNull(t.Store.Story(h.Id)));
    }

    [Fact]
    public void Search_filters_by_outlet_date_and_entity()
    {
        var items = SyntheticNews.Make(6, 4);
        using var t = NewStore();
        t.Ingest(SyntheticNews.Inputs(items));
        var common = "officials";
        var all = t.Store.Search(new SearchQuery(common, Limit: 200)).Total;
        Assert.Equal(items.Count(i => i.Text.Contains(common, StringComparison.Ordinal)), all);

        var outlet = t.Store.Search(new SearchQuery(common, Outlet: "morning wire", Limit: 200));
        Assert.Equal(items.Count(i => i.Outlet == "Morning Wire" && i.Text.Contains(common, StringComparison.Ordinal)), outlet.Total);
        Assert.All(outlet.Items, h => Assert.Equal("Morning Wire", h.Outlet));

        var from = items[10].Published;
        var to = items[15].Published;
        var dated = t.Store.Search(new SearchQuery(common, From: from, To: to, Limit: 200));
        Assert.Equal(items.Count(i => i.Published >= from && i.Published <= to && i.Text.Contains(common, StringComparison.Ordinal)), dated.Total);

        // Every synthetic event names its own person: filtering by that person keeps that event's articles only.
        var person = items[0].Text.Split(' ')[0] + " " + items[0].Text.Split(' ')[1];
        var byEntity = t.Store.Search(new SearchQuery(common, Entity: person, Limit: 200));
        Assert.NotEmpty(byEntity.Items);
        Assert.All(byEntity.Items, h => Assert.Equal(items[0].Event, items.Single(i => i.Id == h.Id).Event));
        var entity = t.Store.Entities(person, 0, 10).Items;
        Assert.Contains(entity, e => e.Name == person && e.Type == "person" && e.Stories == 1);
        var byId = t.Store.Search(new SearchQuery(common, Entity: entity.First(e => e.Name == person).Id, Limit: 200));
        Assert.Equal(byEntity.Total, byId.Total);
    }

    [Fact]
    public void Search_pages_through_results()
    {
        using var t = NewStore();
        t.Ingest(SyntheticNews.Inputs(SyntheticNews.Make(6, 4)));
        var all = t.Store.Search(new SearchQuery("officials", Limit: 200));
        var first = t.Store.Search(new SearchQuery("officials", Limit: 5));
        var second = t.Store.Search(new SearchQuery("officials", Offset: 5, Limit: 5));
        Assert.Equal(all.Total, first.Total);
        Assert.Equal(all.Items.Take(10).Select(h => h.Id), first.Items.Concat(second.Items).Select(h => h.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?! -- ..")]
    public void A_query_with_nothing_to_search_for_is_refused(string text)
    {
        using var t = NewStore();
        var e = Assert.Throws<StoreQueryException>(() => t.Store.Search(new SearchQuery(text)));
        Assert.Contains("query", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NEAR(a b)")]
    [InlineData("title:Putin OR *")]
    [InlineData("\"unclosed phrase")]
    [InlineData("a AND NOT b ^c")]
    public void Search_syntax_in_a_query_is_taken_as_words(string text)
    {
        using var t = NewStore();
        t.Ingest(Samples.Read());
        var page = t.Store.Search(new SearchQuery(text));
        Assert.True(page.Total >= 0);
    }

    [Fact]
    public void Bad_pages_and_dates_are_refused()
    {
        using var t = NewStore();
        Assert.Throws<StoreQueryException>(() => t.Store.Stories(-1, 10));
        Assert.Throws<StoreQueryException>(() => t.Store.Stories(0, 0));
        Assert.Throws<StoreQueryException>(() => t.Store.Stories(0, StorePages.MaxPage + 1));
        Assert.Throws<StoreQueryException>(() => t.Store.Articles("x7", 0, 10));
        var now = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.Throws<StoreQueryException>(() => t.Store.Search(new SearchQuery("a", From: now, To: now.AddDays(-1))));
    }

    [Fact]
    public void Unknown_ids_give_nothing()
    {
        using var t = NewStore();
        t.Ingest(Samples.Read());
        Assert.Null(t.Store.Story("s99"));
        Assert.Null(t.Store.Story("nonsense"));
        Assert.Null(t.Store.Article("no-such-article"));
    }

    [Fact]
    public void An_article_keeps_its_cleaned_text_removals_and_flags()
    {
        using var t = NewStore();
        t.Ingest(Samples.Read());
        var digest = DigestBuilder.CreateDefault().Build(Samples.Read());
        foreach (var expected in digest.Articles)
        {
            var stored = t.Store.Article(expected.Id)!;
            Assert.Equal(expected.Title, stored.Title);
            Assert.Equal(expected.Sentences, stored.Sentences);
            Assert.Equal(expected.Removed, stored.Removed);
            Assert.Equal(expected.Flags, stored.Flags);
            Assert.DoesNotContain(stored.Removed, r => stored.Text.Contains(r.Text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Reopening_a_store_keeps_everything()
    {
        using var t = NewStore();
        t.Ingest(Samples.Read());
        var dossiers = TestStore.Dossiers(t.Store);
        var again = t.Reopen();
        Assert.Equal(again is PostgresStore ? PostgresStore.SchemaVersion : SqliteStore.SchemaVersion, again.Stats().SchemaVersion);
        Assert.Equal(dossiers, TestStore.Dossiers(again));
    }

    [Fact]
    public void Only_one_writer_at_a_time()
    {
        using var t = NewStore();
        using (t.Store.LockForWriting())
        {
            Assert.Throws<StoreBusyException>(() => t.Store.LockForWriting());
            Assert.Throws<StoreBusyException>(() => t.Ingest(Samples.Read()));
        }
        using (t.Store.LockForWriting())
        {
        }
    }

    [Fact]
    public void A_commit_that_fails_part_way_leaves_nothing_behind()
    {
        using var t = NewStore();
        t.Ingest(Samples.Read());
        var dossiers = TestStore.Dossiers(t.Store);
        var snapshot = t.Store.LoadSnapshot();
        var member = t.Store.Members(0)[0];
        var story = snapshot.Stories[0];
        var record = t.Store.Story("s1")!;
        NewArticle Make(long seq, string id) => new(seq, id, id, "hash-" + id, 0, new Article(id, "t", "", "test"), "text", 1, member.Analysis, []);
        // The second article reuses the first one's id: the database refuses it after the first was written.
        var batch = new IngestBatch([Make(100, "fresh"), Make(101, "fresh")], [story with { Size = story.Size + 2 }], [record], new Dictionary<ulong, int> { [42] = 1 });
        Assert.ThrowsAny<Exception>(() => t.Store.Commit(batch));
        Assert.Null(t.Store.Article("fresh"));
        Assert.Equal(3, t.Store.Stats().Articles);
        Assert.Equal(snapshot.DocumentFrequencies, t.Store.LoadSnapshot().DocumentFrequencies);
        Assert.Equal(dossiers, TestStore.Dossiers(t.Store));
    }

    [Fact]
    public void Snippets_split_on_the_match_markers()
    {
        var parts = SqliteStore.Snippet("…a \u0001b\u0002 c\u0001d\u0002");
        Assert.Equal([new SnippetPart("…a ", false), new SnippetPart("b", true), new SnippetPart(" c", false), new SnippetPart("d", true)], parts);
    }

    [Fact]
    public void Fts_queries_quote_every_word()
    {
        Assert.Equal("\"Putin\" \"U S\" \"chemical attack\"", FtsQuery.Build("Putin U.S. \"chemical attack\""));
        Assert.Throws<StoreQueryException>(() => FtsQuery.Build(new string('a', FtsQuery.MaxLength + 1)));
    }
}

public sealed class SqliteStoreContract : StoreContract
{
    protected override TestStore NewStore() => new TempStore();
}

/// <summary>What only the SQLite store does: files.</summary>
public sealed class SqliteStoreTests
{
    [Fact]
    public void A_file_that_is_not_a_store_is_refused_and_left_alone()
    {
        using var t = new TempStore();
        var path = Path.Combine(t.Folder, "notes.db");
        File.WriteAllText(path, "These are my notes, not a database. They are long enough to look like a file header.");
        var before = File.ReadAllBytes(path);
        var e = Assert.Throws<InvalidDataException>(() => SqliteStore.Open(path));
        Assert.Contains("not a Dossier store", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Another_programs_database_is_refused()
    {
        using var t = new TempStore();
        var path = Path.Combine(t.Folder, "other.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE accounts(id INTEGER PRIMARY KEY)";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidDataException>(() => SqliteStore.Open(path));
        Assert.Contains("not a Dossier store", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_from_a_newer_dossier_is_refused()
    {
        using var t = new TempStore();
        t.Store.Dispose();
        using (var c = new SqliteConnection($"Data Source={t.Path_};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"PRAGMA user_version={SqliteStore.SchemaVersion + 1}";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidDataException>(() => SqliteStore.Open(t.Path_));
        Assert.Contains("newer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => SqliteStore.Open("/no/such/folder/x.db"));
        Assert.Contains("/no/such/folder", e.Message, StringComparison.Ordinal);
    }
}
