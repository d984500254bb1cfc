using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Ingest;
using Dossier.Stories;

namespace Dossier.Cli;

/// <summary>Summaries of a given set of documents, and their ROUGE scores on DUC-style benchmarks.</summary>
internal static class SummaryCommands
{
    /// <summary>The summary word budget option, shared by the commands that summarise.</summary>
    internal static Option<int> WordsOption(string description) => new("--words")
    {
        Description = description + " Words are separated by white space, as ROUGE's -l counts them; no sentence is cut: one that does not fit is left out.",
        DefaultValueFactory = _ => 100,
        Validators =
        {
            r =>
            {
                if (r.GetValueOrDefault<int>() is < 10 or > 10_000) r.AddError("--words must be between 10 and 10000.");
            },
        },
    };

    public static Command Summarize(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "The documents, taken as one story: files or folders in any input format (NIST/TREC <DOC> files included).",
            Arity = ArgumentArity.OneOrMore,
        };
        var words = WordsOption("Word budget of the summary.");
        var format = new Option<string>("--format", "-f")
        {
            Description = "text: each sentence on its line followed by its sources; plain: sentences only (for ROUGE); json: one JSON object per sentence.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "plain", "json");
        var command = new Command("summarize", "Summarise documents as one story: an extractive summary within the word budget, "
            + "each sentence with the article sentences that state it and the number of outlets among them. Exit code 3 when some inputs were rejected.")
        {
            paths, words, format,
        };
        command.SetAction(parse =>
        {
            var builder = new DigestBuilder(ArticleAnalyzer.Summaries, EntityCanonicalizer.Default, new DigestOptions { Summary = new SummaryOptions { Words = parse.GetValue(words) } });
            var (summary, articles, rejected) = builder.SummarizeOne(InputReader.Read(parse.GetValue(paths)!));
            foreach (var r in rejected) stderr.WriteLine($"dossier: {r.Source}: {r.Reason}");
            if (articles == 0)
            {
                stderr.WriteLine("dossier: no article could be read");
                return ExitCodes.SomeRejected;
            }
            var style = parse.GetValue(format);
            foreach (var sentence in summary)
            {
                switch (style)
                {
                    case "plain":
                        stdout.WriteLine(sentence.Text);
                        break;
                    case "json":
                        var line = new SummaryLine(sentence.Text, sentence.Outlets, [.. sentence.Sources.Select(s => new SourceLine(s.Article, s.Sentence, s.Text))]);
                        stdout.WriteLine(JsonSerializer.Serialize(line, SummaryJsonContext.Default.SummaryLine));
                        break;
                    default:
                        stdout.WriteLine(sentence.Text);
                        stdout.WriteLine($"    [{Citations(sentence)}]");
                        break;
                }
            }
            return rejected.Count > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>"APW19981017.0151 #3, NYT19981017.0177 #5; 2 outlets": where a summary sentence comes from.</summary>
    internal static string Citations(SummarySentence sentence) =>
        string.Join(", ", sentence.Sources.Select(s => $"{s.Article} #{s.Sentence + 1}")) + $"; {sentence.Outlets} outlet{(sentence.Outlets == 1 ? "" : "s")}";

    public static Command Eval(TextWriter stdout, TextWriter stderr)
    {
        var docsets = new Argument<DirectoryInfo[]>("DOCSET")
        {
            Description = "Document-set folders (DUC: docs.without.headlines/d30003t …), each summarised as one story.",
            Arity = ArgumentArity.OneOrMore,
        };
        var models = new Option<DirectoryInfo>("--models")
        {
            Description = "The reference summaries: DUC names them D<set>.M.<words>.<type>.<assessor>[.html] (D30003.M.100.T.B.html for set d30003t).",
            Required = true,
        };
        var words = WordsOption("Word budget of the summary.");
        var outDir = new Option<DirectoryInfo?>("--out-dir") { Description = "Also write each summary here, one sentence per line, named after its document set." };
        var perEval = new Option<bool>("--per-eval", "-d") { Description = "Also print each document set's scores." };
        var rouge = new RougeOptionSet(stem: true, wordLimit: 100, skipGap: 4, skipUnigrams: true);
        var command = new Command("summaries", "Summarise DUC-style document sets and score the summaries with ROUGE against their references "
            + "(by default the DUC setting: 100 words, stemming, stopwords kept, ROUGE-1, -2 and -SU4).")
        {
            docsets, models, words, outDir, perEval,
        };
        rouge.AddTo(command);
        command.SetAction(parse =>
        {
            if (!rouge.TryRead(parse, stderr, out var rougeOptions)) return ExitCodes.Usage;
            var modelDir = parse.GetValue(models)!;
            if (!modelDir.Exists)
            {
                stderr.WriteLine($"dossier: --models {modelDir.FullName}: no such folder");
                return ExitCodes.Usage;
            }
            var budget = parse.GetValue(words);
            var target = parse.GetValue(outDir);
            var references = ReferenceSets(modelDir.FullName, budget);
            var builder = new DigestBuilder(ArticleAnalyzer.Summaries, EntityCanonicalizer.Default, new DigestOptions { Summary = new SummaryOptions { Words = budget } });
            var evals = new List<RougeEval>();
            var elapsed = new List<double>();
            foreach (var docset in parse.GetValue(docsets)!.OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                if (!docset.Exists)
                {
                    stderr.WriteLine($"dossier: {docset.FullName}: no such folder");
                    return ExitCodes.Usage;
                }
                if (!references.TryGetValue(SetKey(docset.Name), out var modelFiles))
                {
                    stderr.WriteLine($"dossier: {docset.FullName}: no reference summaries {SetKey(docset.Name)}.M.{budget}.* in {modelDir.FullName}");
                    return ExitCodes.Failure;
                }
                var clock = Stopwatch.StartNew();
                var (summary, articles, rejected) = builder.SummarizeOne(InputReader.Read([docset.FullName]));
                elapsed.Add(clock.Elapsed.TotalMilliseconds);
                if (rejected.Count > 0 || articles == 0)
                {
                    foreach (var r in rejected) stderr.WriteLine($"dossier: {r.Source}: {r.Reason}");
                    stderr.WriteLine($"dossier: {docset.FullName}: documents could not be read");
                    return ExitCodes.Failure;
                }
                var lines = summary.Select(s => s.Text).ToList();
                if (target is not null)
                {
                    var file = Path.Combine(target.FullName, docset.Name);
                    try
                    {
                        Directory.CreateDirectory(target.FullName);
                        File.WriteAllLines(file, lines, new UTF8Encoding(false));
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        stderr.WriteLine($"dossier: cannot write {file}: {e.Message}");
                        return ExitCodes.Failure;
                    }
                }
                evals.Add(new RougeEval(docset.Name, lines, [.. modelFiles.Select(RougeCommand.ReadLines)]));
            }
            var results = Rouge.Evaluate(evals, rougeOptions, "Dossier");
            foreach (var result in results) RougeCommand.Print("Dossier", result, rougeOptions.Confidence, parse.GetValue(perEval), stdout);
            stdout.WriteLine("---------------------------------------------");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"document sets {evals.Count}  recall {string.Join("  ", results.Select(r => $"{r.Metric} {r.Average.Recall * 100:F2}"))}"));
            elapsed.Sort();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"summarising (reading and analysis included): median {elapsed[elapsed.Count / 2]:F1} ms per document set"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>"d30003t" → "D30003", "d100a" → "D100": DUC's set name without its assessor letter.</summary>
    private static string SetKey(string docset)
    {
        var trimmed = docset.TrimEnd("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray());
        return (trimmed.Length > 0 ? trimmed : docset).ToUpperInvariant();
    }

    /// <summary>Reference files D&lt;set&gt;.M.&lt;words&gt;.*, grouped by set.</summary>
    private static Dictionary<string, List<string>> ReferenceSets(string folder, int words)
    {
        var sets = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var parts = Path.GetFileName(file).Split('.');
            if (parts.Length < 4 || parts[1] != "M" || parts[2] != words.ToString(CultureInfo.InvariantCulture)) continue;
            var key = parts[0].ToUpperInvariant();
            if (!sets.TryGetValue(key, out var list)) sets[key] = list = [];
            list.Add(file);
        }
        return sets;
    }
}

internal sealed record SourceLine(
    [property: JsonPropertyName("article")] string Article,
    [property: JsonPropertyName("sentence")] int Sentence,
    [property: JsonPropertyName("text")] string Text);

internal sealed record SummaryLine(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("outlets")] int Outlets,
    [property: JsonPropertyName("sources")] IReadOnlyList<SourceLine> Sources);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SummaryLine))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
