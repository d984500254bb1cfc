using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Ingest;
using Dossier.Stories;
using Dossier.Text;

namespace Dossier.Cli;

/// <summary>The quote commands: attribute the quotations of a folder of articles, and score attribution on PolNeAR.</summary>
internal static class QuoteCommands
{
    public static Command Extract(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<DirectoryInfo>("IN_DIR") { Description = "A folder of plain-text articles (*.txt, UTF-8)." };
        var output = new Argument<DirectoryInfo>("OUT_DIR") { Description = "Where to write <name>.jsonl for each article (created if missing)." };
        var command = new Command("quotes", "Find the direct quotations of each article and attribute them to speakers. One JSON line per quotation: "
            + "start, end (the quoted text), speaker_start, speaker_end (the speaker mention, null when none), speaker (canonical name, null when unknown); "
            + "UTF-16 character offsets, end exclusive. Exit code 3 when some articles could not be read (each is named on standard error).")
        {
            input, output,
        };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(input)!;
            var outDir = parse.GetValue(output)!;
            if (!dir.Exists)
            {
                stderr.WriteLine($"dossier: {dir.FullName}: no such folder");
                return ExitCodes.Usage;
            }
            try
            {
                Directory.CreateDirectory(outDir.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"dossier: cannot create {outDir.FullName}: {e.Message}");
                return ExitCodes.Failure;
            }
            var files = dir.EnumerateFiles("*.txt").Select(f => f.FullName).Order(StringComparer.Ordinal).ToList();
            var rejected = 0;
            foreach (var (path, lines, error) in OrderedParallel.Map(files, Run, batchSize: 16))
            {
                if (error is not null)
                {
                    stderr.WriteLine($"dossier: {path}: {error}");
                    rejected++;
                    continue;
                }
                var target = Path.Combine(outDir.FullName, Path.GetFileNameWithoutExtension(path) + ".jsonl");
                try
                {
                    File.WriteAllText(target, lines, new UTF8Encoding(false));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"dossier: cannot write {target}: {e.Message}");
                    return ExitCodes.Failure;
                }
            }
            return rejected > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
        });
        return command;
    }

    private static (string Path, string Lines, string? Error) Run(string path)
    {
        string text;
        try
        {
            text = InputReader.Decode(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return (path, "", e.Message);
        }
        var sb = new StringBuilder();
        foreach (var q in Find(text))
        {
            var line = new QuoteLine(q.Start, q.End, q.SpeakerStart >= 0 ? q.SpeakerStart : null, q.SpeakerStart >= 0 ? q.SpeakerEnd : null, q.Speaker);
            sb.Append(JsonSerializer.Serialize(line, QuoteJsonContext.Default.QuoteLine)).Append('\n');
        }
        return (path, sb.ToString(), null);
    }

    internal static List<AttributedQuote> Find(string text) =>
        QuoteAttribution.Attribute(ArticleAnalyzer.Default.Pipeline.Run(text), EntityCanonicalizer.Default);

    public static Command Eval(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "A PolNeAR split folder holding text/ and attributions/ (e.g. ../shared/data/quotes/polnear/dev)." };
        var errors = new Option<bool>("--errors") { Description = "Also print each missed or misattributed gold quote, and each wrong prediction." };
        var command = new Command("quotes", "Score quote attribution on PolNeAR: speaker accuracy over found quotes, and end-to-end precision, recall and F1 "
            + "(a gold quote counts when predictions cover half of it and the speaker mention overlaps the gold source).")
        {
            dir, errors,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(dir)!;
            var textDir = Path.Combine(root.FullName, "text");
            var annDir = Path.Combine(root.FullName, "attributions");
            if (!Directory.Exists(textDir) || !Directory.Exists(annDir))
            {
                stderr.WriteLine($"dossier: {root.FullName}: expected the folders text/ and attributions/");
                return ExitCodes.Usage;
            }
            // One annotation file per article: the one whose annotator id sorts first, as the benchmark chooses.
            var chosen = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var ann in Directory.EnumerateFiles(annDir, "*.ann").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(ann);
                var underscore = name.LastIndexOf('_');
                if (underscore > 0) chosen.TryAdd(name[..underscore], ann);
            }
            var showErrors = parse.GetValue(errors);
            var scorer = new QuoteScorer();
            var work = chosen.Select(kv => (Text: Path.Combine(textDir, kv.Key + ".txt"), Ann: kv.Value)).ToList();
            foreach (var (textPath, gold, predicted, text, error) in OrderedParallel.Map(work, w => Score(w.Text, w.Ann), batchSize: 8))
            {
                if (error is not null)
                {
                    stderr.WriteLine($"dossier: {textPath}: {error}");
                    return ExitCodes.Failure;
                }
                var outcome = scorer.Add(gold, predicted.Select(q => new PredictedQuote(q.Start, q.End, q.SpeakerStart, q.SpeakerEnd)).ToList());
                if (showErrors) PrintErrors(Path.GetFileName(textPath), text, gold, predicted, outcome, stdout);
            }
            var t = scorer.Total;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"quotes   gold {t.Gold}  predicted {t.Predicted}  found {t.Found}  speaker right {t.FoundRightSpeaker}  predictions correct {t.PredictedCorrect}"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"speaker accuracy {t.SpeakerAccuracy:F4}  precision {t.Precision:F4}  recall {t.Recall:F4}  F1 {t.F1:F4}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (string Text, List<GoldQuote> Gold, List<AttributedQuote> Predicted, string Content, string? Error) Score(string textPath, string annPath)
    {
        try
        {
            var text = InputReader.Decode(File.ReadAllBytes(textPath));
            var gold = QuoteScorer.GoldQuotes(text, BratStandoff.Parse(File.ReadAllText(annPath)));
            return (textPath, gold, Find(text), text, null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
        {
            return (textPath, [], [], "", e.Message);
        }
    }

    private static void PrintErrors(string name, string text, List<GoldQuote> gold, List<AttributedQuote> predicted,
        (IReadOnlyList<(bool Found, bool Right, int Best)> Gold, IReadOnlyList<int> Predicted) outcome, TextWriter stdout)
    {
        static string Clip(string s) => (s.Length > 90 ? s[..90] + "…" : s).ReplaceLineEndings(" ");
        string Mention(int start, int end) => start >= 0 ? text[start..end] : "-";
        for (var g = 0; g < gold.Count; g++)
        {
            var (found, right, best) = outcome.Gold[g];
            var quote = Clip(text[gold[g].Start..gold[g].End]);
            var source = gold[g].Source.Count == 0 ? "-" : string.Join(" … ", gold[g].Source.Select(f => text[f.Start..f.End]));
            if (!found) stdout.WriteLine($"MISS   {name}@{gold[g].Start} [{source}] {quote}");
            else if (!right) stdout.WriteLine($"WRONG  {name}@{gold[g].Start} gold [{source}] ours [{Mention(predicted[best].SpeakerStart, predicted[best].SpeakerEnd)}] {quote}");
        }
        for (var p = 0; p < predicted.Count; p++)
        {
            if (outcome.Predicted[p] >= 0) continue;
            stdout.WriteLine($"EXTRA  {name}@{predicted[p].Start} [{Mention(predicted[p].SpeakerStart, predicted[p].SpeakerEnd)}] {Clip(text[predicted[p].Start..predicted[p].End])}");
        }
    }
}

internal sealed record QuoteLine(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("speaker_start")] int? SpeakerStart,
    [property: JsonPropertyName("speaker_end")] int? SpeakerEnd,
    [property: JsonPropertyName("speaker")] string? Speaker);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(QuoteLine))]
internal sealed partial class QuoteJsonContext : JsonSerializerContext;
