using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Store;
using Dossier.Store.Tests;
using Microsoft.Data.Sqlite;

namespace Dossier.Cli.Tests;

public sealed partial class StoreCommandTests : IDisposable
{
    private readonly string _dir = Cli.TempDir();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string StorePath => Path.Combine(_dir, "store.db");

    [Fact]
    public void Ingest_acknowledges_commits_and_skips_what_is_stored()
    {
        var (exit, stdout, stderr) = Cli.Run("ingest", Cli.Samples, "--store", StorePath);
        Assert.Equal(0, exit);
        Assert.Contains("stored 3 new articles", stdout, StringComparison.Ordinal);
        Assert.Contains("dossier: committed 3 new articles (3 in store)", stderr, StringComparison.Ordinal);

        (exit, stdout, stderr) = Cli.Run("ingest", Cli.Samples, "--store", StorePath);
        Assert.Equal(0, exit);
        Assert.Contains("stored 0 new articles (3 already stored", stdout, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(stderr, "skipped .*: same text as stored article").Count);
    }

    [Fact]
    public void Consolidate_merges_a_late_follow_up_and_reports_what_the_store_holds()
    {
        var items = SyntheticNews.Make(2, 3);
        var late = items.Where(i => i.Event == 0)
            .Select(i => i with { Id = "late-" + i.Id, Text = i.Text + " It came back a month later.", Published = i.Published.AddDays(30) });
        var input = Path.Combine(_dir, "news.jsonl");
        File.WriteAllText(input, SyntheticNews.Jsonl([.. items, .. late]));
        var (exit, stdout, _) = Cli.Run("ingest", input, "--store", StorePath);
        Assert.Equal(0, exit);
        Assert.Contains("holds 9 articles in 3 stories", stdout, StringComparison.Ordinal);
        (exit, stdout, _) = Cli.Run("consolidate", "--store", StorePath);
        Assert.Equal(0, exit);
        Assert.Contains("merged 1 stories into others", stdout, StringComparison.Ordinal);
        Assert.Contains("holds 9 articles in 2 stories", stdout, StringComparison.Ordinal);
        (exit, stdout, _) = Cli.Run("consolidate", "--store", StorePath);
        Assert.Equal(0, exit);
        Assert.Contains("merged 0 stories into others", stdout, StringComparison.Ordinal);

        // The same in one command.
        (exit, stdout, _) = Cli.Run("ingest", input, "--store", Path.Combine(_dir, "other.db"), "--consolidate");
        Assert.Equal(0, exit);
        Assert.Contains("stored 9 new articles", stdout, StringComparison.Ordinal);
        Assert.Contains("merged 1 stories into others", stdout, StringComparison.Ordinal);
        Assert.Contains("holds 9 articles in 2 stories", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_store_that_does_not_exist_is_an_error_and_makes_no_file()
    {
        var missing = Path.Combine(_dir, "mistyped.db");
        foreach (var args in new[] { new[] { "stories", "--store", missing }, ["search", "Putin", "--store", missing], ["consolidate", "--store", missing] })
        {
            var (exit, _, stderr) = Cli.Run(args);
            Assert.Equal(1, exit);
            Assert.Contains($"no store at {missing}", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(missing));
        }
    }

    [Fact]
    public void Ingest_reports_rejected_inputs_and_stores_the_rest()
    {
        var input = Path.Combine(_dir, "mixed.jsonl");
        File.WriteAllText(input, SyntheticNews.Jsonl(SyntheticNews.Make(1, 2)) + "{not json\n{\"id\":\"x\"}\n");
        var (exit, stdout, stderr) = Cli.Run("ingest", input, "--store", StorePath);
        Assert.Equal(3, exit);
        Assert.Contains("stored 2 new articles (0 already stored, 2 rejected)", stdout, StringComparison.Ordinal);
        Assert.Contains("mixed.jsonl:3", stderr, StringComparison.Ordinal);
        Assert.Contains("mixed.jsonl:4", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stories_and_search_print_json_lines()
    {
        Cli.Run("ingest", Cli.Samples, "--store", StorePath);
        var (exit, stdout, _) = Cli.Run("stories", "--store", StorePath);
        Assert.Equal(0, exit);
        var stories = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, stories.Sum(s => s.GetProperty("articles").GetInt32()));

        (exit, stdout, _) = Cli.Run("search", "Putin", "--store", StorePath);
        Assert.Equal(0, exit);
        var hits = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains(h.GetProperty("snippet").EnumerateArray(), p => p.GetProperty("match").GetBoolean()));
    }

    [Fact]
    public void A_bad_query_is_a_usage_error()
    {
        Cli.Run("ingest", Cli.Samples, "--store", StorePath);
        var (exit, _, stderr) = Cli.Run("search", "...", "--store", StorePath);
        Assert.Equal(2, exit);
        Assert.Contains("no words to search for", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_named_and_left_alone()
    {
        var path = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(path, "my notes, which are not a database at all, but long enough to have a header");
        var (exit, _, stderr) = Cli.Run("ingest", Cli.Samples, "--store", path);
        Assert.Equal(1, exit);
        Assert.Contains($"cannot open store {path}", stderr, StringComparison.Ordinal);
        Assert.Equal("my notes, which are not a database at all, but long enough to have a header", File.ReadAllText(path));
    }

    [Fact]
    public void A_postgres_server_that_is_not_there_is_named_without_the_password()
    {
        var (exit, _, stderr) = Cli.Run("stories", "--store", "postgres://ann:secret@127.0.0.1:1/dossier?Timeout=3");
        Assert.Equal(1, exit);
        Assert.Contains("cannot open store postgres://ann:***@127.0.0.1:1/dossier", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_work_queue_needs_postgres_and_no_file_is_created()
    {
        var (exit, _, stderr) = Cli.Run("ingest", Cli.Samples, "--queue", "--store", StorePath);
        Assert.Equal(2, exit);
        Assert.Contains("--queue needs a PostgreSQL store", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = Cli.Run("worker", "--store", StorePath);
        Assert.Equal(2, exit);
        Assert.Contains("workers need a PostgreSQL store", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(StorePath));
    }

    /// <summary>
    /// kill -9 of a real ingest process: what it acknowledged is stored, nothing is half-written, and ingesting the
    /// same input again ends with the stories of an uninterrupted run.
    /// </summary>
    [Fact]
    public void A_killed_ingest_loses_nothing_acknowledged_and_resumes_to_the_same_stories()
    {
        var items = SyntheticNews.Make(150, 12);
        var input = Path.Combine(_dir, "news.jsonl");
        File.WriteAllText(input, SyntheticNews.Jsonl(items));
        var reference = Path.Combine(_dir, "reference.db");
        Assert.Equal(0, Cli.Run("ingest", input, "--store", reference, "--batch", "20", "-q").Exit);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "dossier.dll"), "ingest", input, "--store", StorePath, "--batch", "20" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var acknowledged = 0L;
        var commits = 0;
        while (process.StandardError.ReadLine() is { } line)
        {
            var m = CommittedLine().Match(line);
            if (!m.Success) continue;
            acknowledged = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (++commits == 5) break;
        }
        process.Kill();
        process.WaitForExit();
        Assert.Equal(5, commits);

        using (var c = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            c.Open();
            using var check = c.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
        }
        using (var store = SqliteStore.Open(StorePath))
        {
            var stored = store.Stats().Articles;
            Assert.InRange(stored, acknowledged, items.Count - 1);
            // Nothing half-written: every story's dossier lists exactly the articles stored under it.
            var byStory = StoreListing.Assignments(store).GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList());
            Assert.Equal(store.Stats().Stories, byStory.Count);
            foreach (var (story, articles) in byStory) Assert.Equal(articles, store.Story(story)!.Articles.Order(StringComparer.Ordinal));
        }

        var (exit, stdout, _) = Cli.Run("ingest", input, "--store", StorePath, "--batch", "20", "-q");
        Assert.Equal(0, exit);
        Assert.Contains("already stored", stdout, StringComparison.Ordinal);
        using var resumed = SqliteStore.Open(StorePath);
        using var uninterrupted = SqliteStore.Open(reference);
        Assert.Equal(items.Count, resumed.Stats().Articles);
        Assert.Equal(StoreListing.Assignments(uninterrupted), StoreListing.Assignments(resumed));
    }


    [GeneratedRegex(@"dossier: committed (\d+) new articles")]
    private static partial Regex CommittedLine();
}
