using System.CommandLine;
using System.Globalization;
using System.Text;
using Dossier.Ingest;
using Dossier.Stories;

namespace Dossier.Cli;

/// <summary>Headline ↔ body stance (FNC-1): checking, training and scoring.</summary>
internal static class StanceCommands
{
    private static Option<string[]> Fnc1Option() => new("--fnc1")
    {
        Description = "The FNC-1 files: STANCES.csv (Headline,Body ID[,Stance]) then BODIES.csv (Body ID,articleBody).",
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
        Required = true,
    };

    private static Option<FileInfo?> ModelOption() => new("--model") { Description = "The stance model (default: the bundled FNC-1 model)." };

    public static Command Check(TextWriter stdout, TextWriter stderr)
    {
        var fnc1 = Fnc1Option();
        var model = ModelOption();
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the rows to this file instead of standard output." };
        var command = new Command("headline-check", "Decide for each headline and body whether the body is unrelated to the headline, or agrees with, "
            + "disagrees with or discusses it; writes Headline,Body ID,Stance rows in the FNC-1 format, in input order.")
        {
            fnc1, model, output,
        };
        command.SetAction(parse =>
        {
            if (!TryLoad(parse.GetValue(fnc1)!, stderr, out var pairs, out var bodies)) return ExitCodes.Failure;
            if (!TryModel(parse.GetValue(model), stderr, out var m)) return ExitCodes.Failure;
            var predicted = Predict(m, pairs, bodies);
            var text = new StringBuilder("Headline,Body ID,Stance\n");
            for (var i = 0; i < pairs.Count; i++) text.Append(Csv(pairs[i].Headline)).Append(',').Append(Csv(pairs[i].BodyId)).Append(',').Append(predicted[i].Name()).Append('\n');
            if (parse.GetValue(output) is { } file)
            {
                var temp = file.FullName + ".tmp";
                File.WriteAllText(temp, text.ToString());
                File.Move(temp, file.FullName, overwrite: true);
            }
            else stdout.Write(text.ToString());
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Eval(TextWriter stdout, TextWriter stderr)
    {
        var fnc1 = Fnc1Option();
        var model = ModelOption();
        var command = new Command("stance", "Score the stance model on labelled FNC-1 files: the FNC-1 score (share of the maximum), related/unrelated accuracy and a confusion table.")
        {
            fnc1, model,
        };
        command.SetAction(parse =>
        {
            if (!TryLoad(parse.GetValue(fnc1)!, stderr, out var pairs, out var bodies)) return ExitCodes.Failure;
            if (pairs.Any(p => p.Gold is null))
            {
                stderr.WriteLine("dossier: the stances file has no Stance column to score against");
                return ExitCodes.Usage;
            }
            if (!TryModel(parse.GetValue(model), stderr, out var m)) return ExitCodes.Failure;
            Report(stdout, Predict(m, pairs, bodies), pairs.Select(p => p.Gold!.Value).ToList());
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Train(TextWriter stdout, TextWriter stderr)
    {
        var fnc1 = Fnc1Option();
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the model.", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training pairs.", DefaultValueFactory = _ => new StanceTrainingOptions().Epochs };
        var holdout = new Option<int>("--holdout")
        {
            Description = "Hold out every Nth claim (a group of headlines and bodies joined by related pairs, as the FNC-1 test set holds claims unseen in training) and print the held-out score every 10 epochs; 0 trains on everything.",
            DefaultValueFactory = _ => 0,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights, the order of the pairs and dropout.", DefaultValueFactory = _ => new StanceTrainingOptions().Seed };
        var command = new Command("stance", "Train the headline stance model on FNC-1 files (one thread, seeded: the same files give the same model).")
        {
            fnc1, output, epochs, holdout, seed,
        };
        command.SetAction(parse =>
        {
            if (!TryLoad(parse.GetValue(fnc1)!, stderr, out var pairs, out var bodies)) return ExitCodes.Failure;
            var every = parse.GetValue(holdout);
            var (heldBodies, heldHeadlines) = every > 0 ? HeldOutClaims(pairs, every) : ([], []);
            // A pair is held out when its body is; a training pair must share neither its body nor its headline with them.
            var dev = pairs.Where(p => heldBodies.Contains(p.BodyId)).ToList();
            var train = pairs.Where(p => !heldBodies.Contains(p.BodyId) && !heldHeadlines.Contains(p.Headline)).ToList();
            var held = heldBodies;
            stderr.WriteLine($"dossier: training on {train.Count} pairs ({bodies.Count - held.Count} bodies), holding out {dev.Count} ({held.Count} bodies)");
            var options = new StanceTrainingOptions { Epochs = parse.GetValue(epochs), Seed = parse.GetValue(seed) };
            var model = StanceTrainer.Train(train, bodies, options, (epoch, m) =>
            {
                if (dev.Count == 0 || (epoch % 10 != 0 && epoch != options.Epochs)) return;
                var score = FncScore.Compute(Predict(m, dev, bodies), dev.Select(p => p.Gold!.Value).ToList());
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: held-out FNC score {100 * score.Relative:F2}%  related/unrelated accuracy {score.RelatedAccuracy:F4}"));
            });
            if (dev.Count > 0) Report(stdout, Predict(model, dev, bodies), dev.Select(p => p.Gold!.Value).ToList());
            model.Save(parse.GetValue(output)!.FullName);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Claims: the connected groups of headlines and bodies that related pairs join. Every Nth group (ordered by its
    /// smallest Body ID) is held out, with its bodies and headlines, so held-out pairs are new to the model on both sides.
    /// </summary>
    private static (HashSet<string> Bodies, HashSet<string> Headlines) HeldOutClaims(List<StancePair> pairs, int every)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent.TryGetValue(x, out var up) && up != x) x = parent[x] = parent.GetValueOrDefault(up, up);
            return x;
        }
        foreach (var p in pairs)
        {
            var b = "b:" + p.BodyId;
            parent.TryAdd(b, b);
            if (p.Gold is null or Stance.Unrelated) continue;
            var h = "h:" + p.Headline;
            parent.TryAdd(h, h);
            var (rb, rh) = (Find(b), Find(h));
            if (rb != rh) parent[rh] = rb;
        }
        var groups = parent.Keys.GroupBy(Find).Select(g => g.ToList())
            .OrderBy(g => g.Where(k => k.StartsWith("b:", StringComparison.Ordinal)).Min(StringComparer.Ordinal), StringComparer.Ordinal).ToList();
        var bodies = new HashSet<string>(StringComparer.Ordinal);
        var headlines = new HashSet<string>(StringComparer.Ordinal);
        for (var i = every - 1; i < groups.Count; i += every)
        {
            foreach (var k in groups[i])
            {
                if (k.StartsWith("b:", StringComparison.Ordinal)) bodies.Add(k[2..]);
                else headlines.Add(k[2..]);
            }
        }
        return (bodies, headlines);
    }

    private static List<Stance> Predict(StanceModel model, List<StancePair> pairs, IReadOnlyDictionary<string, StanceText> bodies)
    {
        var headlines = new Dictionary<string, StanceText>(StringComparer.Ordinal);
        var result = new List<Stance>(pairs.Count);
        foreach (var p in pairs)
        {
            if (!headlines.TryGetValue(p.Headline, out var h)) headlines[p.Headline] = h = StanceText.Of(p.Headline);
            result.Add(model.Predict(h, bodies[p.BodyId]));
        }
        return result;
    }

    private static void Report(TextWriter stdout, List<Stance> predicted, List<Stance> gold)
    {
        var score = FncScore.Compute(predicted, gold);
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(c, $"pairs {score.Pairs}  FNC score {score.Score:F2} of {score.Max:F2} = {100 * score.Relative:F2}%  related/unrelated accuracy {score.RelatedAccuracy:F4}"));
        stdout.WriteLine("gold \\ predicted   agree  disagree  discuss  unrelated");
        foreach (var g in Enum.GetValues<Stance>())
        {
            var row = Enum.GetValues<Stance>().Select(p => Enumerable.Range(0, gold.Count).Count(i => gold[i] == g && predicted[i] == p));
            stdout.WriteLine(string.Create(c, $"{g.Name(),-17}") + string.Concat(row.Select(n => n.ToString(c).PadLeft(9))));
        }
    }

    private static bool TryModel(FileInfo? file, TextWriter stderr, out StanceModel model)
    {
        var path = file?.FullName ?? StanceModel.BundledModelPath;
        try
        {
            model = StanceModel.Load(path);
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"dossier: cannot load the stance model {path}: {e.Message}");
            model = null!;
            return false;
        }
    }

    /// <summary>Reads FNC-1 stances and bodies; any bad row is an error naming the file and line.</summary>
    private static bool TryLoad(string[] files, TextWriter stderr, out List<StancePair> pairs, out Dictionary<string, StanceText> bodies)
    {
        pairs = [];
        bodies = new Dictionary<string, StanceText>(StringComparer.Ordinal);
        var (stancesPath, bodiesPath) = (files[0], files[1]);
        foreach (var path in files)
        {
            if (!File.Exists(path))
            {
                stderr.WriteLine($"dossier: {path}: no such file");
                return false;
            }
        }
        var row = 0;
        foreach (var fields in CsvReader.Read(bodiesPath))
        {
            if (++row == 1) continue;
            if (fields.Count == 1 && fields[0].Length == 0) continue;
            if (fields.Count != 2 || fields[0].Trim().Length == 0)
            {
                stderr.WriteLine($"dossier: {bodiesPath}: row {row}: expected Body ID,articleBody");
                return false;
            }
            bodies[fields[0].Trim()] = StanceText.Of(fields[1]);
        }
        row = 0;
        foreach (var fields in CsvReader.Read(stancesPath))
        {
            if (++row == 1) continue;
            if (fields.Count == 1 && fields[0].Length == 0) continue;
            if (fields.Count is not (2 or 3))
            {
                stderr.WriteLine($"dossier: {stancesPath}: row {row}: expected Headline,Body ID[,Stance]");
                return false;
            }
            var id = fields[1].Trim();
            if (!bodies.ContainsKey(id))
            {
                stderr.WriteLine($"dossier: {stancesPath}: row {row}: Body ID {id} is not in {bodiesPath}");
                return false;
            }
            Stance? gold = null;
            if (fields.Count == 3)
            {
                if (!StanceNames.TryParse(fields[2], out var s))
                {
                    stderr.WriteLine($"dossier: {stancesPath}: row {row}: unknown stance '{fields[2]}' (agree, disagree, discuss or unrelated)");
                    return false;
                }
                gold = s;
            }
            pairs.Add(new StancePair(fields[0], id, gold));
        }
        if (pairs.Count == 0)
        {
            stderr.WriteLine($"dossier: {stancesPath}: no headline rows");
            return false;
        }
        return true;
    }

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
