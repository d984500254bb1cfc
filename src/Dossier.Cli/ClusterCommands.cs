using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Ingest;
using Dossier.Stories;

namespace Dossier.Cli;

/// <summary>Story clustering on its own: the batch interface and its B-cubed score on a labelled set.</summary>
internal static class ClusterCommands
{
    public static Command Cluster(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Articles: JSONL lines {\"doc\", \"text\", \"title\"?, \"published\"?}, or any other input format.",
            Arity = ArgumentArity.OneOrMore,
        };
        var threshold = ThresholdOption();
        var command = new Command("cluster", "Group articles into stories and write one JSON line {\"doc\", \"story\"} per article, in input order. "
            + "Exit code 3 when some inputs were rejected (listed on standard error; they get no line).")
        {
            paths, threshold,
        };
        command.SetAction(parse =>
        {
            var result = Builder(parse.GetValue(threshold)).Cluster(InputReader.Read(parse.GetValue(paths)!));
            foreach (var r in result.Rejected) stderr.WriteLine($"dossier: rejected {r.Source}: {r.Reason}");
            foreach (var a in result.Assignments)
                stdout.WriteLine(JsonSerializer.Serialize(new ClusterLine(a.Article, a.Story), ClusterJsonContext.Default.ClusterLine));
            return result.Rejected.Count > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
        });
        return command;
    }

    public static Command Eval(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A labelled JSONL set: {\"doc\", \"text\", …} with the gold story in the --gold field." };
        var goldField = new Option<string>("--gold")
        {
            Description = "The field holding each article's gold story (ECB+: subtopic; DUC/TDT: cluster).",
            Required = true,
        };
        var threshold = ThresholdOption();
        var command = new Command("clusters", "Cluster a labelled set and print B-cubed precision, recall and F1 against its gold stories.")
        {
            file, goldField, threshold,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            var field = parse.GetValue(goldField)!;
            if (!File.Exists(path))
            {
                stderr.WriteLine($"dossier: {path}: no such file");
                return ExitCodes.Usage;
            }
            if (!TryReadGold(path, field, stderr, out var gold)) return ExitCodes.Failure;
            var clock = Stopwatch.StartNew();
            var result = Builder(parse.GetValue(threshold)).Cluster(InputReader.Read([path]));
            var seconds = clock.Elapsed.TotalSeconds;
            if (result.Rejected.Count > 0)
            {
                // Gold labels follow the file's lines, so every line must have been read to score the run.
                foreach (var r in result.Rejected) stderr.WriteLine($"dossier: rejected {r.Source}: {r.Reason}");
                stderr.WriteLine("dossier: cannot score a labelled set with rejected lines");
                return ExitCodes.SomeRejected;
            }
            var predicted = result.Assignments.Select(a => a.Story).ToList();
            var score = BCubedScore.Compute(predicted, gold);
            var c = CultureInfo.InvariantCulture;
            stdout.WriteLine(string.Create(c, $"articles {predicted.Count}  stories {predicted.Distinct().Count()}  gold stories {gold.Distinct().Count()}"));
            stdout.WriteLine(string.Create(c, $"B-cubed P {score.Precision:F3}  R {score.Recall:F3}  F1 {score.F1:F3}"));
            stdout.WriteLine(string.Create(c, $"{predicted.Count / seconds:F0} articles/s (reading and clustering, one run)"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<float?> ThresholdOption() => new("--threshold")
    {
        Description = "Least similarity of an article to a story for it to join (default " + new ClusterOptions().Threshold.ToString(CultureInfo.InvariantCulture) + ").",
        Validators =
        {
            r =>
            {
                if (r.GetValueOrDefault<float?>() is { } t && t is not (> 0 and < 1)) r.AddError("--threshold must be between 0 and 1.");
            },
        },
    };

    private static DigestBuilder Builder(float? threshold)
    {
        var clustering = new ClusterOptions();
        if (threshold is { } t) clustering = clustering with { Threshold = t };
        return new DigestBuilder(ArticleAnalyzer.Clustering, EntityCanonicalizer.Default, new DigestOptions { Clustering = clustering });
    }

    /// <summary>The gold story of each line, in order; a line without the field is an error naming the line.</summary>
    private static bool TryReadGold(string path, string field, TextWriter stderr, out List<string> gold)
    {
        gold = [];
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (!root.TryGetProperty(field, out var label))
                {
                    stderr.WriteLine($"dossier: {path}:{number}: no \"{field}\" field (--gold)");
                    return false;
                }
                gold.Add(label.ToString());
            }
            catch (JsonException e)
            {
                stderr.WriteLine($"dossier: {path}:{number}: not JSON: {e.Message}");
                return false;
            }
        }
        return true;
    }
}

internal sealed record ClusterLine([property: JsonPropertyName("doc")] string Doc, [property: JsonPropertyName("story")] string Story);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ClusterLine))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
