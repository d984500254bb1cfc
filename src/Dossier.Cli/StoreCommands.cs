using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Ingest;
using Dossier.Store;

namespace Dossier.Cli;

/// <summary>The living dossier on the command line: ingest into a store, list its stories, search it.</summary>
internal static class StoreCommands
{
    public static Option<string> StoreOption() => new("--store", "-s")
    {
        Description = $"The store: an SQLite file (which ingest and serve create when absent), or a PostgreSQL database as postgres://user@host:port/database "
            + $"(password from PGPASSWORD or in the address). Default: {Stores.DefaultPath} in the current folder.",
        DefaultValueFactory = _ => Stores.DefaultPath,
    };

    /// <summary>Opens the store or explains on stderr why it cannot; null then.</summary>
    /// <param name="existing">Refuse an SQLite file that does not exist, rather than create an empty store: commands
    /// that only read (or consolidate) a store have nothing to do in a new one, and a mistyped path would look empty.</param>
    public static IDossierStore? TryOpen(string spec, TextWriter stderr, string? applicationName = null, bool existing = false)
    {
        if (existing && !Stores.IsPostgres(spec) && !File.Exists(spec))
        {
            stderr.WriteLine($"dossier: no store at {spec}: 'dossier ingest … --store {spec}' makes one");
            return null;
        }
        try
        {
            return Stores.Open(spec, applicationName);
        }
        catch (Exception e) when (e is ArgumentException or StoreUnavailableException or InvalidDataException or IOException or UnauthorizedAccessException
            or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            stderr.WriteLine($"dossier: cannot open store {PostgresAddress.Redact(spec)}: {e.Message}");
            return null;
        }
    }

    public static Command Ingest(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Articles to add: files or folders, in any input format (see 'dossier digest --help').",
            Arity = ArgumentArity.OneOrMore,
        };
        var store = StoreOption();
        var batch = new Option<int>("--batch")
        {
            Description = "Articles per transaction (each commit is reported on standard error).",
            DefaultValueFactory = _ => new IngestOptions().BatchSize,
        };
        batch.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100_000) r.AddError("--batch must be between 1 and 100000.");
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No per-commit and per-input lines on standard error." };
        var queue = new Option<bool>("--queue")
        {
            Description = "PostgreSQL stores: only append the articles to the store's work queue, for 'dossier worker' processes to analyse and place.",
        };
        var consolidate = new Option<bool>("--consolidate") { Description = "Then merge the store's small stories, as 'dossier consolidate' does." };
        var command = new Command("ingest", "Add articles to a store: new articles join existing stories or start new ones; text already stored is skipped. "
            + "Each committed batch is reported on standard error ('dossier: committed …'): what is reported is on disk. "
            + "Exit code 3 when some inputs were rejected; articles skipped as already stored are not an error.")
        {
            paths, store, batch, quiet, queue, consolidate,
        };
        command.SetAction(parse =>
        {
            var spec = parse.GetValue(store)!;
            var silent = parse.GetValue(quiet);
            if (parse.GetValue(queue) && !Stores.IsPostgres(spec))
            {
                stderr.WriteLine($"dossier: --queue needs a PostgreSQL store (postgres://…); {spec} is an SQLite file, which has no work queue");
                return ExitCodes.Usage;
            }
            if (parse.GetValue(queue) && parse.GetValue(consolidate))
            {
                stderr.WriteLine("dossier: --consolidate cannot go with --queue: the workers place queued articles later; run 'dossier consolidate' when they are done");
                return ExitCodes.Usage;
            }
            using var opened = TryOpen(spec, stderr);
            if (opened is null) return ExitCodes.Failure;
            if (parse.GetValue(queue)) return Enqueue(opened, parse.GetValue(paths)!, parse.GetValue(batch), silent, stdout, stderr);
            var ingestor = StoreIngestor.CreateDefault(opened, new IngestOptions { BatchSize = parse.GetValue(batch) });
            var c = CultureInfo.InvariantCulture;
            var progress = new SyncProgress<IngestProgress>(p =>
            {
                if (!silent) stderr.WriteLine(string.Create(c, $"dossier: committed {p.Stored} new articles ({p.InStore} in store)"));
            });
            IngestResult result;
            var merged = 0;
            try
            {
                result = ingestor.Ingest(InputReader.Read(parse.GetValue(paths)!), progress);
                if (parse.GetValue(consolidate))
                {
                    merged = ingestor.Consolidate();
                    var stats = opened.Stats();
                    result = result with { InStore = stats.Articles, StoriesInStore = stats.Stories };
                }
            }
            catch (StoreBusyException e)
            {
                stderr.WriteLine($"dossier: {e.Message}");
                return ExitCodes.Failure;
            }
            if (!silent)
            {
                foreach (var r in result.Rejected) stderr.WriteLine($"dossier: rejected {r.Source}: {r.Reason}");
                foreach (var d in result.Duplicates) stderr.WriteLine($"dossier: skipped {d.Source}: same text as stored article {d.StoredAs}");
            }
            var consolidated = parse.GetValue(consolidate) ? string.Create(c, $"; merged {merged} stories into others") : "";
            stdout.WriteLine(string.Create(c,
                $"stored {result.Stored} new articles ({result.Duplicates.Count} already stored, {result.Rejected.Count} rejected); {result.StoriesChanged} stories changed{consolidated}; {opened.Location} holds {result.InStore} articles in {result.StoriesInStore} stories"));
            return result.Rejected.Count > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
        });
        return command;
    }

    public static Command Consolidate(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreOption();
        var command = new Command("consolidate", "Merge a store's small stories (at most "
            + new Stories.ClusterOptions().MergeSize.ToString(CultureInfo.InvariantCulture)
            + " articles) into the stories they resemble, as the digest does after placing: a topic followed for weeks comes in pieces, "
            + "since an article does not join a story quiet for a week. One transaction; a merged story's id is not reused.")
        {
            store,
        };
        command.SetAction(parse =>
        {
            using var opened = TryOpen(parse.GetValue(store)!, stderr, existing: true);
            if (opened is null) return ExitCodes.Failure;
            int merged;
            try
            {
                merged = StoreIngestor.CreateDefault(opened).Consolidate();
            }
            catch (StoreBusyException e)
            {
                stderr.WriteLine($"dossier: {e.Message}");
                return ExitCodes.Failure;
            }
            var stats = opened.Stats();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"merged {merged} stories into others; {opened.Location} holds {stats.Articles} articles in {stats.Stories} stories"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Enqueue(IDossierStore store, string[] paths, int batch, bool silent, TextWriter stdout, TextWriter stderr)
    {
        var queue = (IArticleQueue)store;
        var c = CultureInfo.InvariantCulture;
        var progress = new SyncProgress<long>(n =>
        {
            if (!silent) stderr.WriteLine(string.Create(c, $"dossier: queued {n} articles"));
        });
        var (queued, rejected) = QueueWriter.Enqueue(queue, InputReader.Read(paths), batch, progress);
        if (!silent) foreach (var r in rejected) stderr.WriteLine($"dossier: rejected {r.Source}: {r.Reason}");
        var counts = queue.Counts();
        stdout.WriteLine(string.Create(c,
            $"queued {queued} articles ({rejected.Count} rejected); {store.Location} has {counts.Pending} waiting for analysis and {counts.Analyzed} for placing; 'dossier worker' processes them"));
        return rejected.Count > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
    }

    public static Command Worker(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreOption();
        var name = new Option<string?>("--name") { Description = "This worker's name in the queue and in the server's connection list. Default: HOST:PID." };
        var untilIdle = new Option<bool>("--exit-when-idle") { Description = "Stop when the queue is empty instead of waiting for more articles." };
        var claim = new Option<int>("--claim")
        {
            Description = "Articles claimed per transaction: a killed worker's unfinished claim goes back to the queue.",
            DefaultValueFactory = _ => new WorkerOptions().ClaimSize,
        };
        claim.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000) r.AddError("--claim must be between 1 and 10000.");
        });
        var threads = new Option<int>("--threads") { Description = "Cores to analyse on. Default: all.", DefaultValueFactory = _ => Environment.ProcessorCount };
        threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1024) r.AddError("--threads must be between 1 and 1024.");
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on standard error." };
        var consolidateEvery = new Option<int?>("--consolidate-every")
        {
            Description = "While placing, merge the store's small stories (as 'dossier consolidate') when there is nothing to place and this many "
                + "minutes have passed since the last time. Default: never (stories then depend on the input alone, not on when the queue ran dry).",
        };
        consolidateEvery.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 0 or > 100_000) r.AddError("--consolidate-every must be between 0 and 100000 minutes.");
        });
        var command = new Command("worker", "Work on a PostgreSQL store's queue (filled by 'dossier ingest --queue'): analyse pending articles, "
            + "and, in the one worker holding the store's writer lock, place them in stories. Run as many as you like, on any machines; "
            + "stories come out as one 'dossier ingest' of the same input gives. Ctrl+C stops.")
        {
            store, name, untilIdle, claim, threads, quiet, consolidateEvery,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var workerName = parse.GetValue(name) ?? $"{Environment.MachineName}:{Environment.ProcessId}";
            var spec = parse.GetValue(store)!;
            if (!Stores.IsPostgres(spec))
            {
                stderr.WriteLine($"dossier: workers need a PostgreSQL store (postgres://…); {spec} is an SQLite file, which has no work queue");
                return Task.FromResult(ExitCodes.Usage);
            }
            using var opened = TryOpen(spec, stderr, "dossier worker " + workerName);
            if (opened is null) return Task.FromResult(ExitCodes.Failure);
            var silent = parse.GetValue(quiet);
            var options = new WorkerOptions
            {
                ClaimSize = parse.GetValue(claim), ExitWhenIdle = parse.GetValue(untilIdle),
                Ingest = new IngestOptions { Parallelism = parse.GetValue(threads) },
                ConsolidateEvery = parse.GetValue(consolidateEvery) is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            };
            var c = CultureInfo.InvariantCulture;
            WorkerProgress? last = null;
            var progress = new SyncProgress<WorkerProgress>(p =>
            {
                if (silent || p == last) return;
                last = p;
                stderr.WriteLine(string.Create(c,
                    $"dossier: worker {workerName}: analysed {p.Analyzed}, failed {p.Failed}{(p.Placing ? $", placed {p.Placed}" : "")}{(p.Consolidated > 0 ? $", merged {p.Consolidated} stories" : "")}"));
            });
            var result = QueueWorker.CreateDefault(opened, workerName, options).Run(progress, cancellationToken);
            stdout.WriteLine(string.Create(c,
                $"worker {workerName}: analysed {result.Analyzed} articles ({result.Failed} failed), placed {result.Placed}{(result.Consolidated > 0 ? $", merged {result.Consolidated} stories" : "")}"));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    public static Command Stories(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreOption();
        var limit = new Option<int>("--limit", "-n") { Description = $"Stories to list (1–{SqliteStore.MaxPage}).", DefaultValueFactory = _ => 20 };
        var offset = new Option<int>("--offset") { Description = "Stories to skip.", DefaultValueFactory = _ => 0 };
        var command = new Command("stories", "List a store's stories, most recently updated first, as JSON lines.") { store, limit, offset };
        command.SetAction(parse =>
        {
            using var opened = TryOpen(parse.GetValue(store)!, stderr, existing: true);
            if (opened is null) return ExitCodes.Failure;
            return Query(stderr, () =>
            {
                foreach (var s in opened.Stories(parse.GetValue(offset), parse.GetValue(limit)).Items)
                    stdout.WriteLine(JsonSerializer.Serialize(s, StoreCommandJson.Readable.StorySummary));
            });
        });
        return command;
    }

    public static Command Search(TextWriter stdout, TextWriter stderr)
    {
        var text = new Argument<string>("QUERY") { Description = "Words and \"quoted phrases\"; all must match." };
        var store = StoreOption();
        var stories = new Option<bool>("--stories") { Description = "Search stories (titles and summaries) instead of articles." };
        var entity = new Option<string?>("--entity") { Description = "Only articles (stories) that mention this entity: an id such as person:vladimir-putin, a name or an alias." };
        var outlet = new Option<string?>("--outlet") { Description = "Only articles from this outlet (stories with an article from it)." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only articles published on or after this date (ISO 8601)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only articles published on or before this date (ISO 8601)." };
        var limit = new Option<int>("--limit", "-n") { Description = $"Results (1–{SqliteStore.MaxPage}).", DefaultValueFactory = _ => 20 };
        var offset = new Option<int>("--offset") { Description = "Results to skip.", DefaultValueFactory = _ => 0 };
        var command = new Command("search", "Full-text search of a store, best match first (BM25), as JSON lines with snippets.")
        {
            text, store, stories, entity, outlet, from, to, limit, offset,
        };
        command.SetAction(parse =>
        {
            using var opened = TryOpen(parse.GetValue(store)!, stderr, existing: true);
            if (opened is null) return ExitCodes.Failure;
            var query = new SearchQuery(parse.GetValue(text)!, parse.GetValue(stories) ? SearchKind.Stories : SearchKind.Articles,
                parse.GetValue(entity), parse.GetValue(outlet), parse.GetValue(from), parse.GetValue(to), parse.GetValue(offset), parse.GetValue(limit));
            return Query(stderr, () =>
            {
                foreach (var hit in opened.Search(query).Items)
                    stdout.WriteLine(JsonSerializer.Serialize(hit, StoreCommandJson.Readable.SearchHit));
            });
        });
        return command;
    }

    private static int Query(TextWriter stderr, Action run)
    {
        try
        {
            run();
            return ExitCodes.Ok;
        }
        catch (StoreQueryException e)
        {
            stderr.WriteLine($"dossier: {e.Message}");
            return ExitCodes.Usage;
        }
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, which would reorder lines).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StorySummary))]
[JsonSerializable(typeof(SearchHit))]
internal sealed partial class StoreCommandJson : JsonSerializerContext
{
    // Lines on a terminal: non-ASCII text and quotes stay readable.
    public static StoreCommandJson Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
