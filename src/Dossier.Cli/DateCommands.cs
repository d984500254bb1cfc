using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Ingest;
using Dossier.Text;

namespace Dossier.Cli;

/// <summary>The temporal-expression commands: tag texts or TimeML documents, and score tagging on a TimeML corpus.</summary>
internal static class DateCommands
{
    public static Command Tag(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "Plain-text (UTF-8) or, with --timeml, TimeML files.", Arity = ArgumentArity.OneOrMore };
        var timeml = new Option<bool>("--timeml") { Description = "Read TimeML: take the creation time from its CREATION_TIME TIMEX3, replace the TIMEX3 tags inside TEXT by Dossier's, and write the document back." };
        var date = new Option<string?>("--date") { Description = "Creation date (YYYY-MM-DD) of plain-text input, to resolve \"yesterday\" and \"on Monday\". Without it the year stays underspecified." };
        var outDir = new Option<DirectoryInfo?>("--out-dir") { Description = "Write one output file per input here (same name; .jsonl for plain text) instead of standard output." };
        var command = new Command("dates", "Find temporal expressions (TimeML TIMEX3: DATE, TIME, DURATION, SET) and normalise them against the document's date. "
            + "Plain text gives one JSON line per expression: start, end (UTF-16 offsets, end exclusive), text, type, value. "
            + "Exit code 3 when some files could not be read (each is named on standard error).")
        {
            files, timeml, date, outDir,
        };
        command.SetAction(parse =>
        {
            DateOnly? creation = null;
            if (parse.GetValue(date) is { } d)
            {
                if (!DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    stderr.WriteLine($"dossier: --date '{d}': expected YYYY-MM-DD");
                    return ExitCodes.Usage;
                }
                creation = parsed;
            }
            var isTimeML = parse.GetValue(timeml);
            var target = parse.GetValue(outDir);
            try
            {
                if (target is not null) Directory.CreateDirectory(target.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"dossier: cannot create {target!.FullName}: {e.Message}");
                return ExitCodes.Failure;
            }
            var rejected = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                string output;
                try
                {
                    var content = InputReader.Decode(File.ReadAllBytes(file.FullName));
                    output = isTimeML ? TagTimeML(content) : TagText(content, creation);
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
                {
                    stderr.WriteLine($"dossier: {file.FullName}: {e.Message}");
                    rejected++;
                    continue;
                }
                if (target is null)
                {
                    stdout.Write(output);
                    continue;
                }
                var name = Path.Combine(target.FullName, isTimeML ? file.Name : Path.GetFileNameWithoutExtension(file.Name) + ".jsonl");
                try
                {
                    File.WriteAllText(name, output, new UTF8Encoding(false));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"dossier: cannot write {name}: {e.Message}");
                    return ExitCodes.Failure;
                }
            }
            return rejected > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Dossier's TIMEX3 tags in place of the document's own.</summary>
    internal static string TagTimeML(string markup)
    {
        var document = TimeMLDocument.Parse(markup);
        var tagged = Pipeline.Times.Run(document.Text, document.CreationDate);
        return document.WithTimexes(tagged.Times);
    }

    private static string TagText(string text, DateOnly? creation)
    {
        var document = Pipeline.Times.Run(text, creation);
        var sb = new StringBuilder();
        foreach (var t in document.Times)
        {
            var line = new TimeLine(t.Start, t.End, text[t.Start..t.End], t.Type.ToTimeML(), t.Value);
            sb.Append(JsonSerializer.Serialize(line, TimeJsonContext.Default.TimeLine)).Append('\n');
        }
        return sb.ToString();
    }

    public static Command Eval(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<FileSystemInfo[]>("PATH") { Description = "TimeML files or folders of them (searched recursively for *.tml), e.g. ../shared/data/temporal/tbaq/TBAQ-cleaned.", Arity = ArgumentArity.OneOrMore };
        var errors = new Option<bool>("--errors") { Description = "Also print each missed, spurious, partly matched or wrongly valued expression." };
        var command = new Command("dates", "Score temporal expressions on TimeML gold by the TempEval-3 rules: strict and relaxed extent F1, type and value F1 "
            + "(relaxed F1 times attribute accuracy). Each document is tagged from its plain text and creation time.")
        {
            paths, errors,
        };
        command.SetAction(parse =>
        {
            var list = new List<string>();
            foreach (var p in parse.GetValue(paths)!)
            {
                if (Directory.Exists(p.FullName)) list.AddRange(Directory.EnumerateFiles(p.FullName, "*.tml", SearchOption.AllDirectories));
                else if (File.Exists(p.FullName)) list.Add(p.FullName);
                else
                {
                    stderr.WriteLine($"dossier: {p.FullName}: no such file or folder");
                    return ExitCodes.Usage;
                }
            }
            list.Sort(StringComparer.Ordinal);
            var showErrors = parse.GetValue(errors);
            var scorer = new TimexScorer();
            var documents = 0;
            foreach (var (path, document, predicted, error) in OrderedParallel.Map(list, Score, batchSize: 8))
            {
                if (error is not null || document is null)
                {
                    stderr.WriteLine($"dossier: {path}: {error}");
                    return ExitCodes.Failure;
                }
                documents++;
                var outcomes = scorer.Add(document.Text, document.Timexes, predicted);
                if (showErrors) PrintErrors(Path.GetFileName(path), document.Text, outcomes, stdout);
            }
            var t = scorer.Total;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"timexes  documents {documents}  gold {t.Strict.Gold}  predicted {t.Strict.Predicted}  relaxed matches {t.Matched}"));
            void Row(string name, PrecisionRecall r) => stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-8} precision {r.Precision:F4}  recall {r.Recall:F4}  F1 {r.F1:F4}"));
            Row("strict", t.Strict);
            Row("relaxed", t.Relaxed);
            Row("type", t.Type);
            Row("value", t.Value);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy over relaxed matches: type {t.TypeAccuracy:F4}  value {t.ValueAccuracy:F4}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (string Path, TimeMLDocument? Document, IReadOnlyList<TimeMention> Predicted, string? Error) Score(string path)
    {
        try
        {
            var document = TimeMLDocument.Parse(InputReader.Decode(File.ReadAllBytes(path)));
            return (path, document, Pipeline.Times.Run(document.Text, document.CreationDate).Times, null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
        {
            return (path, null, [], e.Message);
        }
    }

    private static void PrintErrors(string name, string text, List<(TimeMention Mention, bool IsGold, TimexOutcome Outcome, TimeMention? Partner)> outcomes, TextWriter stdout)
    {
        static string Show(string text, TimeMention t) => $"\"{text[t.Start..t.End].ReplaceLineEndings(" ")}\" {t.Type.ToTimeML()} {t.Value}";
        foreach (var (mention, isGold, outcome, partner) in outcomes.OrderBy(o => o.Mention.Start))
        {
            var context = text[Math.Max(0, mention.Start - 40)..Math.Min(text.Length, mention.End + 40)].ReplaceLineEndings(" ");
            switch (outcome)
            {
                case TimexOutcome.Missed:
                    stdout.WriteLine($"MISS   {name}@{mention.Start} {Show(text, mention)}  | {context}");
                    break;
                case TimexOutcome.Spurious:
                    stdout.WriteLine($"EXTRA  {name}@{mention.Start} {Show(text, mention)}  | {context}");
                    break;
                default:
                    var gold = partner!.Value;
                    if (outcome == TimexOutcome.Overlap) stdout.WriteLine($"EXTENT {name}@{mention.Start} ours {Show(text, mention)} gold {Show(text, gold)}");
                    else if (gold.Value != mention.Value || gold.Type != mention.Type) stdout.WriteLine($"VALUE  {name}@{mention.Start} ours {Show(text, mention)} gold {gold.Type.ToTimeML()} {gold.Value}  | {context}");
                    break;
            }
        }
    }
}

internal sealed record TimeLine(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] string Value);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TimeLine))]
internal sealed partial class TimeJsonContext : JsonSerializerContext;
