using System.CommandLine;
using System.Globalization;
using Dossier.Ingest;
using Dossier.Text;

namespace Dossier.Cli;

/// <summary>How often the spun-wording flag fires on a set of articles: its false-positive rate on ordinary wire copy.</summary>
internal static class SpinCommands
{
    public static Command Eval(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Articles in any input format (a CSV of FNC-1 bodies is read as one article per row).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("spin", "Run the spun-wording detector over articles and print how many it flags (on ordinary wire copy, its "
            + "false-positive rate) and the evidence it found most often.")
        {
            paths,
        };
        command.SetAction(parse =>
        {
            var articles = 0;
            var flagged = 0;
            var evidence = new Dictionary<string, int>(StringComparer.Ordinal);
            var pipeline = new Pipeline(new Tokenizer());
            foreach (var text in Texts(parse.GetValue(paths)!, stderr))
            {
                articles++;
                var report = SpinDetector.English.Examine(pipeline.Run(BoilerplateCleaner.Clean(text).Text));
                foreach (var e in report.Evidence) evidence[e.Phrase] = evidence.GetValueOrDefault(e.Phrase) + 1;
                if (report.Score >= SpinDetector.MinScore) flagged++;
            }
            var c = CultureInfo.InvariantCulture;
            stdout.WriteLine(string.Create(c, $"articles {articles}  flagged {flagged}  rate {(articles == 0 ? 0 : (double)flagged / articles):P2}  (flag at score >= {SpinDetector.MinScore})"));
            foreach (var (phrase, n) in evidence.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(15))
                stdout.WriteLine(string.Create(c, $"{n,6}  {phrase}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IEnumerable<string> Texts(string[] paths, TextWriter stderr)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path) && path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var row in CsvReader.Read(path).Skip(1)) if (row.Count >= 2) yield return row[^1];
                continue;
            }
            foreach (var item in InputReader.Read([path]))
            {
                if (item.Rejection is { } r) stderr.WriteLine($"dossier: rejected {r.Source}: {r.Reason}");
                else yield return item.Article!.Body;
            }
        }
    }
}
