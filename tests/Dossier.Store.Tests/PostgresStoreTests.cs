using Dossier.Ingest;
using Dossier.Stories;

namespace Dossier.Store.Tests;

/// <summary>What only the PostgreSQL store does: addresses, schemas in a shared database, the work queue and workers.</summary>
public sealed class PostgresStoreTests
{
    [Fact]
    public void An_address_is_read_and_shown_without_its_password()
    {
        var (settings, location) = PostgresAddress.Parse("postgres://ann:s%40cret@db.example:6543/news?Timeout=7");
        Assert.Equal("db.example", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("news", settings.Database);
        Assert.Equal("ann", settings.Username);
        Assert.Equal("s@cret", settings.Password);
        Assert.Equal(7, settings.Timeout);
        Assert.Equal("postgres://ann@db.example:6543/news", location);
        Assert.DoesNotContain("cret", location, StringComparison.Ordinal);
        Assert.Equal("postgres://ann:***@db.example/news", PostgresAddress.Redact("postgres://ann:s3cret@db.example/news"));
    }

    [Theory]
    [InlineData("postgres://host-only")]
    [InlineData("postgres:///news")]
    [InlineData("postgres://h/news?nonsense=1")]
    [InlineData("mysql://h/news")]
    public void A_bad_address_is_refused_with_what_is_wrong(string address)
    {
        var e = Assert.Throws<ArgumentException>(() => PostgresAddress.Parse(address));
        Assert.Contains("postgres", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_is_not_there_is_named()
    {
        // Port 1 on loopback: nothing listens there.
        var e = Assert.Throws<StoreUnavailableException>(() => PostgresStore.Open("postgres://nobody:pw@127.0.0.1:1/none?Timeout=3"));
        Assert.Contains("127.0.0.1:1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_programs_schema_is_refused_and_left_alone()
    {
        var address = TestPostgres.NewDatabase();
        try
        {
            TestPostgres.Execute(address, "CREATE SCHEMA dossier; CREATE TABLE dossier.accounts(id int); INSERT INTO dossier.accounts VALUES (1)");
            var e = Assert.Throws<InvalidDataException>(() => PostgresStore.Open(address));
            Assert.Contains("not a Dossier store", e.Message, StringComparison.Ordinal);
            TestPostgres.Execute(address, "DO $$ BEGIN IF (SELECT COUNT(*) FROM dossier.accounts) <> 1 THEN RAISE 'changed'; END IF; END $$");
        }
        finally
        {
            TestPostgres.DropDatabase(address);
        }
    }

    [Fact]
    public void A_store_from_a_newer_dossier_is_refused()
    {
        using var t = new TempPostgresStore();
        TestPostgres.Execute(t.Address, $"UPDATE dossier.schema_version SET version = {PostgresStore.SchemaVersion + 1}");
        var e = Assert.Throws<InvalidDataException>(() => t.Reopen());
        Assert.Contains("newer", e.Message, StringComparison.Ordinal);
        TestPostgres.Execute(t.Address, $"UPDATE dossier.schema_version SET version = {PostgresStore.SchemaVersion}");
        t.Reopen();
    }

    [Fact]
    public void Claims_never_overlap_and_an_abandoned_claim_goes_back_to_the_queue()
    {
        using var t = new TempPostgresStore();
        var queue = t.Postgres;
        QueueWriter.Enqueue(queue, SyntheticNews.Inputs(SyntheticNews.Make(3, 4)));
        Assert.Equal(new QueueCounts(12, 0, 0, 1), queue.Counts());
        using (var first = queue.Claim("a", 5)!)
        using (var second = queue.Claim("b", 5)!)
        {
            Assert.Equal(5, first.Items.Count);
            Assert.Equal(5, second.Items.Count);
            Assert.Empty(first.Items.Select(i => i.Sequence).Intersect(second.Items.Select(i => i.Sequence)));
            using var third = queue.Claim("c", 5)!;
            Assert.Equal(2, third.Items.Count);
            Assert.Null(queue.Claim("d", 5));
            second.Complete([.. second.Items.Select(i => new AnalysisResult(i.Sequence, [1, 2, 3], null))]);
        }
        // The first and third claims ended without completing: their entries are pending again.
        Assert.Equal(new QueueCounts(7, 5, 0, 1), queue.Counts());
        using var again = queue.Claim("e", 100)!;
        Assert.Equal(7, again.Items.Count);
    }

    [Fact]
    public void Three_workers_give_the_stories_of_one_ingest()
    {
        var items = SyntheticNews.Make(16, 6);
        using var single = new TempStore();
        single.Ingest(SyntheticNews.Inputs(items));

        using var t = new TempPostgresStore();
        // Two inputs, as two `dossier ingest --queue` runs would append them.
        QueueWriter.Enqueue(t.Postgres, SyntheticNews.Inputs(items.Take(40)));
        QueueWriter.Enqueue(t.Postgres, SyntheticNews.Inputs(items.Skip(40)));
        using var separate = new TempStore();
        separate.Ingest(SyntheticNews.Inputs(items.Take(40)));
        separate.Ingest(SyntheticNews.Inputs(items.Skip(40)));

        var options = new WorkerOptions { ClaimSize = 5, ExitWhenIdle = true, Poll = TimeSpan.FromMilliseconds(20), Ingest = new IngestOptions { Parallelism = 1, BatchSize = 9 } };
        var results = RunWorkers(t.Address, 3, options);
        Assert.Equal(items.Count, results.Sum(r => r.Analyzed));
        Assert.Equal(items.Count, t.Store.Stats().Articles);
        Assert.Equal(0, t.Postgres.Counts().Total);
        Assert.Equal(separate.Assignments(), t.Assignments());
        Assert.Equal(single.Assignments().GroupBy(kv => kv.Value).Count(), t.Assignments().GroupBy(kv => kv.Value).Count());
    }

    [Fact]
    public void A_placing_worker_consolidates_when_the_queue_runs_dry()
    {
        var items = SyntheticNews.Make(3, 4);
        var late = items.Where(i => i.Event == 0)
            .Select(i => i with { Id = "late-" + i.Id, Text = i.Text + " The case came back a month later.", Published = i.Published.AddDays(30) });
        List<SyntheticNews.Item> all = [.. items, .. late];
        using var single = new TempStore();
        single.Ingest(SyntheticNews.Inputs(all));
        var placed = single.Assignments();
        Assert.Equal(1, StoreIngestor.CreateDefault(single.Store).Consolidate());

        using var t = new TempPostgresStore();
        QueueWriter.Enqueue(t.Postgres, SyntheticNews.Inputs(all));
        var options = new WorkerOptions
        {
            ClaimSize = 4, ExitWhenIdle = true, Poll = TimeSpan.FromMilliseconds(20), ConsolidateEvery = TimeSpan.Zero,
            Ingest = new IngestOptions { Parallelism = 1 },
        };
        var result = Assert.Single(RunWorkers(t.Address, 1, options));
        Assert.Equal(all.Count, result.Placed);
        Assert.Equal(1, result.Consolidated);
        Assert.NotEqual(placed, t.Assignments());
        Assert.Equal(single.Assignments(), t.Assignments());
    }

    [Fact]
    public void A_placer_that_dies_is_replaced_and_nothing_changes()
    {
        var items = SyntheticNews.Make(12, 6);
        using var single = new TempStore();
        single.Ingest(SyntheticNews.Inputs(items));

        using var t = new TempPostgresStore();
        QueueWriter.Enqueue(t.Postgres, SyntheticNews.Inputs(items));
        var options = new WorkerOptions { ClaimSize = 4, ExitWhenIdle = true, Poll = TimeSpan.FromMilliseconds(20), Ingest = new IngestOptions { Parallelism = 1, BatchSize = 8 } };
        // The first worker analyses everything, places, and dies at its third commit; a second one takes over.
        using (var dying = PostgresStore.Open(t.Address))
        {
            var crashing = new CrashingStore(dying, crashAt: 3);
            var worker = new QueueWorker(crashing, crashing, "dying", ArticleAnalyzer.Default, EntityCanonicalizer.Default, options);
            Assert.Throws<IOException>(() => worker.Run());
        }
        Assert.Equal(16, t.Store.Stats().Articles);
        RunWorkers(t.Address, 1, options);
        Assert.Equal(items.Count, t.Store.Stats().Articles);
        Assert.Equal(0, t.Postgres.Counts().Total);
        Assert.Equal(single.Assignments(), t.Assignments());
    }

    private static List<WorkerProgress> RunWorkers(string address, int count, WorkerOptions options)
    {
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(() =>
        {
            using var store = PostgresStore.Open(address);
            return new QueueWorker(store, store, $"w{i}", ArticleAnalyzer.Default, EntityCanonicalizer.Default, options).Run();
        })).ToArray();
        Assert.True(Task.WaitAll(tasks, TimeSpan.FromMinutes(3)), "workers did not finish");
        return [.. tasks.Select(x => x.Result)];
    }
}
