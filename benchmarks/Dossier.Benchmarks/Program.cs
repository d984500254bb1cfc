using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Running;
using Dossier;
using Dossier.Ingest;
using Dossier.Ner;
using Dossier.Store;
using Dossier.Stories;

// Usage:
//   corpus BODIES.csv [REPEAT]   digest the FNC-1 bodies (written once as JSONL to a temp file, repeated REPEAT times
//                                 with fresh ids) through the real reader, and print articles/s, MB/s and peak memory
//   ner CONLL [REPEAT]            tag a CoNLL file REPEAT times on one thread (after one warm-up pass): tokens/s
//   summarize DOCSETS [REPEAT]    summarise every document-set folder under DOCSETS (DUC layout) on one thread, REPEAT
//                                 times after a warm-up pass: milliseconds per set, reading and analysis included
//   cluster BODIES.csv [REPEAT]  cluster the FNC-1 bodies as `dossier cluster` does (each repetition published ten days
//                                 after the previous, so every repetition makes new stories and the old ones go quiet):
//                                 articles/s, peak memory and the memory kept per article
//   reuse BODIES.csv [REPEAT]    index the FNC-1 bodies REPEAT times in the reuse index as `dossier reuse` does (every
//                                 copy after the first is a duplicate): articles/s, peak memory, index bytes per article
//   store BODIES.csv [REPEAT] [postgres://…|NEW.db]
//                                 ingest the FNC-1 bodies into a fresh SQLite store (or the given PostgreSQL
//                                 database, which must hold no Dossier store yet, or the given new SQLite file, which
//                                 is kept) as `dossier ingest` does (each
//                                 repetition a new headline and ten days later, so no copy is a duplicate and each
//                                 repetition makes new stories), then run 500 searches of one or two words drawn
//                                 from the bodies: articles/s, store bytes per article, search p50/p99 latency
//   search STORE BODIES.csv       the same 500 searches over an existing store (DOSSIER_BENCH_SLOWEST=1 lists the slowest)
//   micro [BenchmarkDotNet args]  per-stage micro benchmarks
if (args.Length >= 2 && args[0] == "corpus")
{
    var repeat = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
    var jsonl = Path.Combine(Path.GetTempPath(), $"dossier-bench-{Environment.ProcessId}.jsonl");
    try
    {
        var articles = WriteJsonl(args[1], jsonl, repeat);
        var bytes = new FileInfo(jsonl).Length;
        var stopwatch = Stopwatch.StartNew();
        var result = DigestBuilder.CreateDefault().Build(InputReader.Read([jsonl]));
        stopwatch.Stop();
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"articles={result.Articles.Count} stories={result.Stories.Count} rejected={result.Rejected.Count} input_mb={bytes / 1e6:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seconds={seconds:F2} articles_per_s={articles / seconds:F0} mb_per_s={bytes / 1e6 / seconds:F2} peak_working_set_mb={process.PeakWorkingSet64 / 1e6:F0} retained_mb={retained / 1e6:F0} cores={Environment.ProcessorCount}"));
        GC.KeepAlive(result);
        return 0;
    }
    finally
    {
        File.Delete(jsonl);
    }
}
if (args.Length >= 2 && args[0] == "cluster")
{
    var repeat = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
    var jsonl = Path.Combine(Path.GetTempPath(), $"dossier-bench-{Environment.ProcessId}.jsonl");
    try
    {
        var articles = WriteJsonl(args[1], jsonl, repeat, dated: true);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        var builder = new DigestBuilder(ArticleAnalyzer.Clustering, EntityCanonicalizer.Default);
        var result = builder.Cluster(InputReader.Read([jsonl]));
        stopwatch.Stop();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        using var process = Process.GetCurrentProcess();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"articles={result.Assignments.Count} stories={result.Assignments.Select(a => a.Story).Distinct().Count()} rejected={result.Rejected.Count}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seconds={seconds:F2} articles_per_s={articles / seconds:F0} peak_working_set_mb={process.PeakWorkingSet64 / 1e6:F0} retained_bytes_per_article={retained / (double)articles:F0} cores={Environment.ProcessorCount}"));
        GC.KeepAlive(result);
        return 0;
    }
    finally
    {
        File.Delete(jsonl);
    }
}
if (args.Length >= 2 && args[0] == "reuse")
{
    var repeat = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
    var jsonl = Path.Combine(Path.GetTempPath(), $"dossier-bench-{Environment.ProcessId}.jsonl");
    try
    {
        var articles = WriteJsonl(args[1], jsonl, repeat);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        var index = new ReuseIndex();
        var pipeline = new Dossier.Text.Pipeline(new Dossier.Text.Tokenizer(), new Dossier.Text.SentenceSplitter());
        var duplicates = 0;
        var withReuse = 0;
        // Analysis on all cores in input order, indexing on this thread, as an ingest would do it.
        foreach (var (id, sentences) in OrderedParallel.Map(InputReader.Read([jsonl]).Where(i => i.Article is not null), item =>
            (item.Article!.Id, ReuseText.Sentences(pipeline.Run(Dossier.Text.BoilerplateCleaner.Clean(item.Article.Body).Text), Dossier.Text.Lexicon.English, Dossier.Text.SpinDetector.English))))
        {
            var report = index.Add(id, sentences);
            if (report.Duplicates.Count > 0) duplicates++;
            if (report.Reused.Count > 0) withReuse++;
        }
        stopwatch.Stop();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        using var process = Process.GetCurrentProcess();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"articles={index.Count} with_duplicate={duplicates} with_reused_sentences={withReuse}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seconds={seconds:F2} articles_per_s={articles / seconds:F0} peak_working_set_mb={process.PeakWorkingSet64 / 1e6:F0} index_bytes_per_article={retained / (double)articles:F0} cores={Environment.ProcessorCount}"));
        GC.KeepAlive(index);
        return 0;
    }
    finally
    {
        File.Delete(jsonl);
    }
}
if (args.Length >= 2 && args[0] == "ner")
{
    // Tags a CoNLL file (repeated REPEAT times) on one thread, as `dossier ner` does, and prints tokens per second.
    var repeat = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
    var documents = ConllFile.Read(args[1]).ToList();
    var model = NerModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "ner-conll2003.model"));
    var tagger = new NerTagger(model);
    var sentences = documents.Select(d => d.Sentences.Select(s => new StringTokens(s.Words)).ToList()).ToList();
    var tokens = documents.Sum(d => d.Sentences.Sum(s => s.Words.Length));
    foreach (var d in sentences) tagger.TagDocument(d);
    var stopwatch = Stopwatch.StartNew();
    var entities = 0;
    for (var k = 0; k < repeat; k++)
        foreach (var d in sentences)
            foreach (var s in tagger.TagDocument(d)) entities += s.Count;
    stopwatch.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"tokens={(long)tokens * repeat} entities={entities} seconds={stopwatch.Elapsed.TotalSeconds:F2} tokens_per_s={tokens * repeat / stopwatch.Elapsed.TotalSeconds:F0} threads=1"));
    return 0;
}
if (args.Length >= 2 && args[0] == "summarize")
{
    var repeat = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
    var docsets = Directory.GetDirectories(args[1]).Order(StringComparer.Ordinal).ToList();
    var builder = new DigestBuilder(ArticleAnalyzer.Summaries, EntityCanonicalizer.Default, new DigestOptions { Parallelism = 1 });
    foreach (var d in docsets) builder.SummarizeOne(InputReader.Read([d]));
    var times = new List<double>();
    var documents = 0;
    for (var k = 0; k < repeat; k++)
    {
        foreach (var d in docsets)
        {
            var stopwatch = Stopwatch.StartNew();
            var (_, articles, _) = builder.SummarizeOne(InputReader.Read([d]));
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            documents += articles;
        }
    }
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"sets={times.Count} documents_per_set={(double)documents / times.Count:F1} median_ms={times[times.Count / 2]:F1} mean_ms={times.Average():F1} p90_ms={times[(int)(times.Count * 0.9)]:F1} threads=1"));
    return 0;
}
if (args.Length >= 2 && args[0] == "store")
{
    var repeat = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
    var folder = Path.Combine(Path.GetTempPath(), $"dossier-bench-store-{Environment.ProcessId}");
    Directory.CreateDirectory(folder);
    var jsonl = Path.Combine(folder, "input.jsonl");
    // A postgres:// address, or an SQLite file to create and keep (for `search`); by default a temporary SQLite file.
    var given = args.Length > 3 ? args[3] : null;
    var postgres = given is not null && Stores.IsPostgres(given);
    var path = given ?? Path.Combine(folder, "bench.db");
    if (given is not null && !postgres && File.Exists(given))
    {
        Console.Error.WriteLine($"{given} exists; give a new file");
        return 1;
    }
    try
    {
        var articles = WriteJsonl(args[1], jsonl, repeat, dated: true, titled: true);
        long stored;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        using (var store = Stores.Open(path))
        {
            if (store.Stats().Articles > 0)
            {
                Console.Error.WriteLine($"{store.Location} already holds a Dossier store; give an empty database");
                return 1;
            }
            stored = StoreIngestor.CreateDefault(store, new IngestOptions()).Ingest(InputReader.Read([jsonl])).Stored;
        }
        stopwatch.Stop();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var bytes = postgres ? PostgresBytes(path) : Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path) + "*").Sum(f => new FileInfo(f).Length);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"articles={articles} stored={stored} seconds={seconds:F1} articles_per_s={stored / seconds:F0} store_mb={bytes / 1e6:F0} bytes_per_article={bytes / (double)stored:F0} peak_working_set_mb={process.PeakWorkingSet64 / 1e6:F0} cpu_ms_per_article={cpu * 1000 / stored:F2} cores_busy={cpu / seconds:F2} cores={Environment.ProcessorCount}"));
        TimeSearches(path, args[1]);
        return 0;
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
if (args.Length >= 3 && args[0] == "search")
{
    if (!Stores.IsPostgres(args[1]) && !File.Exists(args[1]))
    {
        Console.Error.WriteLine($"{args[1]}: no such store");
        return 1;
    }
    TimeSearches(args[1], args[2]);
    return 0;
}
if (args.Length >= 1 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(StageBenchmarks).Assembly).Run(args[1..]);
    return 0;
}
Console.Error.WriteLine("usage: Dossier.Benchmarks corpus|cluster|reuse|store BODIES.csv [REPEAT] … | ner CONLL [REPEAT] | summarize DOCSETS [REPEAT] | search STORE BODIES.csv | micro [BenchmarkDotNet arguments] (see the top of Program.cs)");
return 2;

// Times 500 searches of one or two words drawn at random (fixed seed) from random bodies, so common words come up as
// often as readers type them, after 20 that warm the page cache.
static void TimeSearches(string store, string bodiesCsv)
{
    var bodies = CsvReader.Read(bodiesCsv).Skip(1).Select(r => r[1]).ToList();
    var random = new Random(11);
    var queries = new List<string>();
    while (queries.Count < 500)
    {
        var words = bodies[random.Next(bodies.Count)].Split((char[])[' ', '\n', ',', '.', '"', '(', ')', ':', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 3 && w.All(char.IsLetter)).ToList();
        if (words.Count < 2) continue;
        var first = random.Next(words.Count - 1);
        queries.Add(random.Next(2) == 0 ? words[first] : words[first] + " " + words[first + 1]);
    }
    using var reader = Stores.Open(store);
    foreach (var q in queries.Take(20)) reader.Search(new SearchQuery(q));
    var times = new List<(double Ms, string Query, int Total)>();
    foreach (var q in queries)
    {
        var clock = Stopwatch.StartNew();
        var total = reader.Search(new SearchQuery(q)).Total;
        times.Add((clock.Elapsed.TotalMilliseconds, q, total));
    }
    times.Sort((a, b) => a.Ms.CompareTo(b.Ms));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"searches={times.Count} p50_ms={times[times.Count / 2].Ms:F2} p99_ms={times[(int)(times.Count * 0.99)].Ms:F2} max_ms={times[^1].Ms:F2} mean_hits={times.Average(t => t.Total):F0}"));
    if (Environment.GetEnvironmentVariable("DOSSIER_BENCH_SLOWEST") is not null)
        foreach (var t in times.TakeLast(10)) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Ms:F1} ms  {t.Total} hits  \"{t.Query}\""));
}

// Tables, indexes and TOAST of the store's schema.
static long PostgresBytes(string address)
{
    var (settings, _) = PostgresAddress.Parse(address);
    using var c = new Npgsql.NpgsqlConnection(settings.ConnectionString);
    c.Open();
    using var cmd = new Npgsql.NpgsqlCommand(
        "SELECT COALESCE(SUM(pg_total_relation_size(k.oid)), 0) FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace WHERE n.nspname = 'dossier' AND k.relkind = 'r'", c);
    return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
}

static int WriteJsonl(string csv, string jsonl, int repeat, bool dated = false, bool titled = false)
{
    var bodies = CsvReader.Read(csv).Skip(1).Select(r => (Id: r[0], Text: r[1])).ToList();
    using var writer = new StreamWriter(jsonl);
    var count = 0;
    for (var k = 0; k < repeat; k++)
    {
        foreach (var (id, text) in bodies)
        {
            writer.Write("{\"id\":");
            writer.Write(JsonSerializer.Serialize($"fnc-{id}-{k}"));
            if (dated) writer.Write($",\"published\":\"{new DateTime(2020, 1, 1).AddDays(10 * k):yyyy-MM-dd}\"");
            writer.Write(titled ? $",\"title\":\"Report {id} of week {k}\",\"text\":" : ",\"title\":\"\",\"text\":");
            writer.Write(JsonSerializer.Serialize(text));
            writer.Write("}\n");
            count++;
        }
    }
    return count;
}
