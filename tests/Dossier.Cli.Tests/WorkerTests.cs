using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dossier.Store;
using Dossier.Store.Tests;
using Microsoft.Data.Sqlite;

namespace Dossier.Cli.Tests;

/// <summary>
/// Scale-out with real processes on a real PostgreSQL server: three `dossier worker` processes share one store's
/// queue of 10,000 articles, the placer among them is killed with SIGKILL half-way, and the store ends with exactly
/// the stories of one `dossier ingest` of the same input, every article stored once.
/// </summary>
public sealed partial class WorkerTests : IDisposable
{
    private readonly string _dir = Cli.TempDir();
    private readonly string _database = TestPostgres.NewDatabase();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        TestPostgres.DropDatabase(_database);
    }

    [Fact]
    public void Three_workers_one_killed_give_the_stories_of_one_ingest()
    {
        var items = SyntheticNews.Make(1000, 10);
        var input = Path.Combine(_dir, "news.jsonl");
        File.WriteAllText(input, SyntheticNews.Jsonl(items));
        var reference = Path.Combine(_dir, "reference.db");
        Assert.Equal(0, Cli.Run("ingest", input, "--store", reference, "-q").Exit);

        var (exit, stdout, _) = Cli.Run("ingest", input, "--store", _database, "--queue", "-q");
        Assert.Equal(0, exit);
        Assert.Contains($"queued {items.Count} articles", stdout, StringComparison.Ordinal);

        var lines = new ConcurrentQueue<(int Worker, string Line)>();
        var workers = Enumerable.Range(0, 3).Select(i => StartWorker(i, lines)).ToArray();
        try
        {
            using var store = PostgresStore.Open(_database);
            // Kill whichever worker is placing once a third of the articles are stored: its lock, its claim and
            // its uncommitted batch must all come back to the others.
            var deadline = DateTime.UtcNow.AddMinutes(10);
            while (store.Stats().Articles < items.Count / 3)
            {
                Assert.True(DateTime.UtcNow < deadline, "workers stored too little in 10 minutes");
                Assert.DoesNotContain(workers, w => w.HasExited);
                Thread.Sleep(100);
            }
            var placer = lines.Where(l => PlacingLine().IsMatch(l.Line)).Select(l => l.Worker).Distinct().Single();
            workers[placer].Kill();
            workers[placer].WaitForExit();
            var killedAt = store.Stats().Articles;
            Assert.InRange(killedAt, items.Count / 3, items.Count - 1);

            foreach (var w in workers.Where((_, i) => i != placer))
            {
                Assert.True(w.WaitForExit(TimeSpan.FromMinutes(10)), "a worker did not finish");
                Assert.Equal(0, w.ExitCode);
            }

            Assert.Equal(0, store.Counts().Total);
            Assert.Equal(items.Count, store.Stats().Articles);
            using var single = SqliteStore.Open(reference);
            var expected = StoreListing.Assignments(single);
            var actual = StoreListing.Assignments(store);
            Assert.Equal(items.Count, actual.Count);
            Assert.Equal(expected, actual);
            // Every dossier lists exactly its stored articles: nothing half-written by the killed placer.
            foreach (var group in actual.GroupBy(kv => kv.Value))
                Assert.Equal(group.Select(kv => kv.Key).Order(StringComparer.Ordinal), store.Story(group.Key)!.Articles.Order(StringComparer.Ordinal));
            // Every worker analysed some of the articles, the killed one included.
            Assert.All(Enumerable.Range(0, 3), i => Assert.Contains(lines, l => l.Worker == i && AnalysedLine().IsMatch(l.Line)));
        }
        finally
        {
            foreach (var w in workers)
            {
                if (!w.HasExited) w.Kill();
                w.Dispose();
            }
        }
    }

    private Process StartWorker(int index, ConcurrentQueue<(int, string)> lines)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "dossier.dll"), "worker", "--store", _database, "--exit-when-idle",
            "--name", "w" + index.ToString(CultureInfo.InvariantCulture), "--claim", "50", "--threads", "1",
        })
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) lines.Enqueue((index, line));
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line) lines.Enqueue((index, line));
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }


    [GeneratedRegex(@"placed [1-9]")]
    private static partial Regex PlacingLine();

    [GeneratedRegex(@"analysed [1-9]")]
    private static partial Regex AnalysedLine();
}
