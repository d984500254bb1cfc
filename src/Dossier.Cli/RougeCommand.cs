using System.CommandLine;
using System.Globalization;
using System.Text;
using Dossier.Stories;

namespace Dossier.Cli;

/// <summary><c>dossier eval rouge</c>: ROUGE-1.5.5 scores of peer summaries against reference summaries.</summary>
internal static class RougeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var peers = new Option<FileSystemInfo>("--peers")
        {
            Description = "The summaries to score: a folder of one system's summaries, or a folder of such folders (one per system, named by it).",
            Required = true,
        };
        var models = new Option<DirectoryInfo>("--models") { Description = "The reference summaries.", Required = true };
        var options = new RougeOptionSet();
        var perEval = new Option<bool>("--per-eval", "-d") { Description = "Also print each evaluation's scores (as ROUGE's -d)." };
        var command = new Command("rouge", "Score summaries with ROUGE as ROUGE-1.5.5 does (same tokens, stemmer, rounding and bootstrap averages). "
            + "Files are one sentence per line. A summary and its references share the part of their file names before the first dot "
            + "(peer M000 ↔ models M000.A.250, M000.B.250); evaluations are numbered in the order of those names.")
        {
            peers, models, perEval,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (!options.TryRead(parse, stderr, out var rouge)) return ExitCodes.Usage;
            var peerPath = parse.GetValue(peers)!;
            var modelDir = parse.GetValue(models)!;
            if (!modelDir.Exists)
            {
                stderr.WriteLine($"dossier: --models {modelDir.FullName}: no such folder");
                return ExitCodes.Usage;
            }
            if (!peerPath.Exists)
            {
                stderr.WriteLine($"dossier: --peers {peerPath.FullName}: no such file or folder");
                return ExitCodes.Usage;
            }
            try
            {
                var references = Group(Directory.GetFiles(modelDir.FullName));
                if (references.Count == 0)
                {
                    stderr.WriteLine($"dossier: --models {modelDir.FullName}: no reference summaries");
                    return ExitCodes.Usage;
                }
                // Evaluation ids 1..N in the order of the shared names, as ROUGE configurations are usually written.
                var ids = references.Keys.Order(StringComparer.Ordinal).Select((key, i) => (key, id: (i + 1).ToString(CultureInfo.InvariantCulture)))
                    .ToDictionary(p => p.key, p => p.id, StringComparer.Ordinal);
                var missing = 0;
                foreach (var (system, files) in Systems(peerPath))
                {
                    var evals = new List<RougeEval>();
                    foreach (var (key, peerFiles) in Group(files))
                    {
                        if (!references.TryGetValue(key, out var modelFiles))
                        {
                            stderr.WriteLine($"dossier: {peerFiles[0]}: no reference summary named {key}.*");
                            missing++;
                            continue;
                        }
                        evals.Add(new RougeEval(ids[key], ReadLines(peerFiles[0]), [.. modelFiles.Select(ReadLines)]));
                    }
                    if (evals.Count == 0) continue;
                    foreach (var result in Rouge.Evaluate(evals, rouge, system))
                        Print(system, result, rouge.Confidence, parse.GetValue(perEval), stdout);
                }
                return missing > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"dossier: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    internal static void Print(string system, RougeResult result, double confidence, bool perEval, TextWriter stdout)
    {
        var c = confidence.ToString(CultureInfo.InvariantCulture);
        stdout.WriteLine("---------------------------------------------");
        void Line(string name, double average, double lower, double upper) => stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{system} {result.Metric} Average_{name}: {average:F5} ({c}%-conf.int. {lower:F5} - {upper:F5})"));
        Line("R", result.Average.Recall, result.Lower.Recall, result.Upper.Recall);
        Line("P", result.Average.Precision, result.Lower.Precision, result.Upper.Precision);
        Line("F", result.Average.F, result.Lower.F, result.Upper.F);
        if (!perEval) return;
        stdout.WriteLine(".............................................");
        foreach (var (id, score) in result.PerEval.OrderBy(e => int.TryParse(e.Eval, out var n) ? n : int.MaxValue).ThenBy(e => e.Eval, StringComparer.Ordinal))
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{system} {result.Metric} Eval {id}.{system} R:{score.Recall:F5} P:{score.Precision:F5} F:{score.F:F5}"));
    }

    /// <summary>Lines of a summary file, read as bytes are (ROUGE reads bytes: a non-ASCII byte is never a letter or a space).</summary>
    internal static IReadOnlyList<string> ReadLines(string path)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    /// <summary>Files grouped by the part of their name before the first dot, case-insensitively.</summary>
    private static Dictionary<string, List<string>> Group(IEnumerable<string> files)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('.')) continue;
            var key = name.Split('.')[0].ToUpperInvariant();
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(file);
        }
        return groups;
    }

    private static IEnumerable<(string System, string[] Files)> Systems(FileSystemInfo peers)
    {
        if (peers is FileInfo file) return [(Path.GetFileNameWithoutExtension(file.Name), [file.FullName])];
        var files = Directory.GetFiles(peers.FullName);
        var folders = Directory.GetDirectories(peers.FullName).Order(StringComparer.Ordinal).ToList();
        if (files.Length > 0 || folders.Count == 0) return [(peers.Name, files)];
        return folders.Select(f => (Path.GetFileName(f), Directory.GetFiles(f)));
    }
}

/// <summary>The ROUGE-1.5.5 options, shared by the commands that score summaries.</summary>
internal sealed class RougeOptionSet
{
    private readonly Option<int> _maxN = new("--max-n", "-n") { Description = "Compute ROUGE-1 to ROUGE-N.", DefaultValueFactory = _ => 2 };
    private readonly Option<int?> _skipGap = new("--skip-gap") { Description = "Also compute skip-bigrams with at most this many words between (ROUGE's -2; -1 for no limit)." };
    private readonly Option<bool> _skipUnigrams = new("--skip-unigrams", "-u") { Description = "Count unigrams with the skip-bigrams (ROUGE-SU)." };
    private readonly Option<bool> _stem = new("--stem", "-m") { Description = "Porter-stem words longer than three letters." };
    private readonly Option<FileInfo?> _stopwords = new("--stopwords", "-s") { Description = "Remove the words listed in this file (one per line), as ROUGE's -s does with its own list." };
    private readonly Option<int> _words = new("--words", "-l") { Description = "Only the first N words of each summary count (0: all)." };
    private readonly Option<string> _formula = new("--formula", "-f") { Description = "A: average over the references; B: best reference.", DefaultValueFactory = _ => "A" };
    private readonly Option<double> _alpha = new("--alpha", "-p") { Description = "Weight of recall in F (0.5: balanced).", DefaultValueFactory = _ => 0.5 };
    private readonly Option<double> _confidence = new("--confidence", "-c") { Description = "Confidence level of the interval, in percent.", DefaultValueFactory = _ => 95 };
    private readonly Option<int> _resamples = new("--resamples", "-r") { Description = "Bootstrap resamples.", DefaultValueFactory = _ => 1000 };
    private readonly Option<bool> _jackknife = new("--jackknife") { Description = "Average the scores against each set of references that leaves one out (DUC/TAC practice)." };

    /// <summary>The options, with defaults that suit the command (a benchmark's own setting, say).</summary>
    public RougeOptionSet(bool stem = false, int wordLimit = 0, int? skipGap = null, bool skipUnigrams = false)
    {
        _formula.AcceptOnlyFromAmong("A", "B");
        _stem.DefaultValueFactory = _ => stem;
        _words.DefaultValueFactory = _ => wordLimit;
        _skipGap.DefaultValueFactory = _ => skipGap;
        _skipUnigrams.DefaultValueFactory = _ => skipUnigrams;
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _maxN, _skipGap, _skipUnigrams, _stem, _stopwords, _words, _formula, _alpha, _confidence, _resamples, _jackknife })
            command.Options.Add(option);
    }

    public bool TryRead(ParseResult parse, TextWriter stderr, out RougeOptions options)
    {
        options = new RougeOptions();
        var maxN = parse.GetValue(_maxN);
        var alpha = parse.GetValue(_alpha);
        var confidence = parse.GetValue(_confidence);
        var resamples = parse.GetValue(_resamples);
        var words = parse.GetValue(_words);
        string? error = maxN is < 0 or > 9 ? "--max-n must be between 0 and 9"
            : alpha is < 0 or > 1 ? "--alpha must be between 0 and 1"
            : confidence is < 0 or > 100 ? "--confidence must be between 0 and 100"
            : resamples < 1 ? "--resamples must be at least 1"
            : words < 0 ? "--words must not be negative"
            : null;
        if (error is not null)
        {
            stderr.WriteLine($"dossier: {error}");
            return false;
        }
        HashSet<string>? stopwords = null;
        if (parse.GetValue(_stopwords) is { } file)
        {
            try
            {
                stopwords = new HashSet<string>(File.ReadAllLines(file.FullName).Select(l => l.Trim()).Where(l => l.Length > 0), StringComparer.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"dossier: --stopwords {file.FullName}: {e.Message}");
                return false;
            }
        }
        options = new RougeOptions
        {
            MaxN = maxN,
            SkipGap = parse.GetValue(_skipGap),
            SkipUnigrams = parse.GetValue(_skipUnigrams),
            Stem = parse.GetValue(_stem),
            Stopwords = stopwords,
            WordLimit = words,
            Formula = parse.GetValue(_formula) == "B" ? RougeFormula.Best : RougeFormula.Average,
            Alpha = alpha,
            Confidence = confidence,
            Resamples = resamples,
            Jackknife = parse.GetValue(_jackknife),
        };
        return true;
    }
}
