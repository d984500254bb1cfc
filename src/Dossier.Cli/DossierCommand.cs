using System.CommandLine;
using Dossier.Ingest;
using Dossier.Reports;
using Dossier.Stories;
using Spectre.Console;

namespace Dossier.Cli;

/// <summary>The command line. The only code in Dossier that prints.</summary>
internal static class DossierCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Dossier turns a pile of news articles into story dossiers: stories, cited summaries, entities, quotes and provenance.");
        root.Subcommands.Add(DigestCommand(stdout, stderr));
        root.Subcommands.Add(NerCommands.Tag(stdout, stderr));
        root.Subcommands.Add(QuoteCommands.Extract(stdout, stderr));
        root.Subcommands.Add(DateCommands.Tag(stdout, stderr));
        root.Subcommands.Add(SummaryCommands.Summarize(stdout, stderr));
        root.Subcommands.Add(ClusterCommands.Cluster(stdout, stderr));
        root.Subcommands.Add(StanceCommands.Check(stdout, stderr));
        root.Subcommands.Add(ReuseCommands.Reuse(stdout, stderr));
        root.Subcommands.Add(StoreCommands.Ingest(stdout, stderr));
        root.Subcommands.Add(StoreCommands.Worker(stdout, stderr));
        root.Subcommands.Add(StoreCommands.Consolidate(stdout, stderr));
        root.Subcommands.Add(StoreCommands.Stories(stdout, stderr));
        root.Subcommands.Add(StoreCommands.Search(stdout, stderr));
        root.Subcommands.Add(ServeCommand.Create(stdout, stderr));
        root.Subcommands.Add(new Command("train", "Train a model from data.") { NerCommands.Train(stdout, stderr), StanceCommands.Train(stdout, stderr) });
        root.Subcommands.Add(new Command("eval", "Score Dossier on a development set.") { NerCommands.Eval(stdout, stderr), QuoteCommands.Eval(stdout, stderr), DateCommands.Eval(stdout, stderr), RougeCommand.Create(stdout, stderr), SummaryCommands.Eval(stdout, stderr), ClusterCommands.Eval(stdout, stderr), StanceCommands.Eval(stdout, stderr), SpinCommands.Eval(stdout, stderr) });
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"dossier: {error.Message}");
            stderr.WriteLine("Run 'dossier --help' for usage.");
            return ExitCodes.Usage;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return parse.Invoke(config);
    }

    private static Command DigestCommand(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Articles to read: files (.txt, .html, .jsonl, .xml/.rss/.atom) or folders, read recursively.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: json (the canonical form), markdown or html (one self-contained page).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "markdown", "html");
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = "Write the dossier to this file instead of standard output (written whole or not at all).",
        };
        var maxSize = new Option<long>("--max-file-size")
        {
            Description = "Largest input file (or JSONL line) read, in bytes; larger ones are rejected.",
            DefaultValueFactory = _ => ReaderOptions.DefaultMaxBytes,
        };
        maxSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() <= 0) r.AddError("--max-file-size must be a positive number of bytes.");
        });
        var words = SummaryCommands.WordsOption("Word budget of each story's summary.");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display and no per-input error lines on standard error." };

        var command = new Command("digest", "Read articles and write their story dossier. Exit code 0: all inputs read; 3: some were rejected (listed on standard error and under \"rejected\"); 2: wrong usage.")
        {
            paths, format, output, maxSize, words, quiet,
        };
        command.SetAction(parse =>
        {
            var options = new DigestOptions { Summary = new SummaryOptions { Words = parse.GetValue(words) } };
            var reader = new ReaderOptions { MaxBytes = parse.GetValue(maxSize) };
            return Digest(parse.GetValue(paths)!, parse.GetValue(format)!, parse.GetValue(output), reader, options, parse.GetValue(quiet), stdout, stderr);
        });
        return command;
    }

    private static int Digest(string[] paths, string format, FileInfo? output, ReaderOptions readerOptions, DigestOptions options, bool quiet, TextWriter stdout, TextWriter stderr)
    {
        var items = InputReader.Read(paths, readerOptions).Select(item =>
        {
            if (item.Rejection is { } r && !quiet) lock (stderr) stderr.WriteLine($"dossier: rejected {r.Source}: {r.Reason}");
            return item;
        });
        var builder = DigestBuilder.CreateDefault(options);
        var digest = quiet || Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error)
            ? builder.Build(items)
            : WithProgress(builder, items);

        try
        {
            if (output is null) Render(digest, format, stdout, null);
            else WriteAtomically(output.FullName, stream => Render(digest, format, null, stream));
        }
        catch (IOException e)
        {
            stderr.WriteLine($"dossier: cannot write {output?.FullName ?? "standard output"}: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"dossier: cannot write {output?.FullName}: {e.Message}");
            return ExitCodes.Failure;
        }
        return digest.Rejected.Count == 0 ? ExitCodes.Ok : ExitCodes.SomeRejected;
    }

    private static DigestResult WithProgress(DigestBuilder builder, IEnumerable<InputItem> items)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        DigestResult? result = null;
        console.Status().Spinner(Spinner.Known.Dots).Start("Reading articles…", ctx =>
        {
            var progress = new Progress<int>(n => ctx.Status($"Read {n:N0} inputs…"));
            result = builder.Build(items, progress);
        });
        return result!;
    }

    private static void Render(DigestResult digest, string format, TextWriter? writer, Stream? stream)
    {
        if (format == "json")
        {
            if (stream is not null) JsonReport.Write(digest, stream);
            else
            {
                writer!.Write(JsonReport.ToJson(digest));
                writer.Flush();
            }
            return;
        }
        var w = writer ?? new StreamWriter(stream!, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        if (format == "markdown") MarkdownReport.Write(digest, w);
        else HtmlReport.Write(digest, w);
        w.Flush();
        if (writer is null) w.Dispose();
    }

    /// <summary>Writes to a temporary file beside the target and renames it, so a failed run never leaves half a file.</summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
