using System.Globalization;
using System.Text.RegularExpressions;
using Dossier.Stories;

namespace Dossier.Integration.Tests;

/// <summary>
/// Dossier's ROUGE against the official ROUGE-1.5.5 scores of the ten TAC 2011 MultiLing English systems
/// (published/ENGLISH_ROUGE-*.csv and englishDetailed.txt, run with -a -x -2 4 -u -c 95 -r 1000 -n 2 -f A -p 0.5 -t 0 -d).
/// </summary>
[Trait("Category", "Integration")]
public partial class RougeCalibrationTests
{
    private static readonly string[] Metrics = ["ROUGE-1", "ROUGE-2", "ROUGE-SU4"];

    private static readonly Lazy<(int Exit, string Stdout, string Stderr)> Run = new(() =>
    {
        var root = SharedData.Folder("data", "summarization", "tac2011_multiling_en");
        return DossierCli.Run("eval", "rouge", "--peers", Path.Combine(root, "peers"), "--models", Path.Combine(root, "models"),
            "--skip-gap", "4", "-u", "-n", "2", "-f", "A", "-p", "0.5", "-c", "95", "-r", "1000", "-d");
    });

    [GeneratedRegex(@"^(\S+) (ROUGE-\S+) Average_([RPF]): ([0-9.]+) \(95%-conf\.int\. ([0-9.]+) - ([0-9.]+)\)$")]
    private static partial Regex AverageLine();

    [GeneratedRegex(@"^(\S+) (ROUGE-\S+) Eval (\S+) R:([0-9.]+) P:([0-9.]+) F:([0-9.]+)$")]
    private static partial Regex EvalLine();

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Published(string name) => File.ReadAllText(SharedData.File("data", "summarization", "tac2011_multiling_en", "published", name));

    [Fact]
    public void Every_summary_scores_exactly_as_published()
    {
        var (exit, stdout, stderr) = Run.Value;
        Assert.True(exit == 0, stderr);
        // Dossier numbers the topics in name order and the organisers did not, so each system's ten per-topic scores
        // are compared as sets (each line is five-decimal recall, precision and F).
        static Dictionary<(string, string), List<string>> PerEval(string text) => Lines(text)
            .Select(l => EvalLine().Match(l)).Where(m => m.Success)
            .GroupBy(m => (m.Groups[1].Value, m.Groups[2].Value))
            .ToDictionary(g => g.Key, g => g.Select(m => $"{m.Groups[4].Value} {m.Groups[5].Value} {m.Groups[6].Value}").Order(StringComparer.Ordinal).ToList());
        var ours = PerEval(stdout);
        var official = PerEval(Published("englishDetailed.txt"));
        Assert.Equal(30, official.Count);
        foreach (var (key, scores) in official)
        {
            Assert.Equal(10, scores.Count);
            Assert.True(ours.TryGetValue(key, out var mine), $"no scores for {key}");
            Assert.Equal(scores, mine);
        }
    }

    [Fact]
    public void System_averages_are_within_a_thousandth_of_the_published_ones()
    {
        var (exit, stdout, stderr) = Run.Value;
        Assert.True(exit == 0, stderr);
        var ours = Lines(stdout).Select(l => AverageLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value), m => D(m.Groups[4].Value));
        var compared = 0;
        foreach (var metric in Metrics)
        {
            var csv = Lines(Published($"ENGLISH_{metric}.csv"));
            Assert.Equal("runid,recall,precision,f-score", csv[0]);
            foreach (var row in csv.Skip(1))
            {
                var cells = row.Split(',');
                var system = cells[0].Split('_')[0];
                foreach (var (column, name) in new[] { (1, "R"), (2, "P"), (3, "F") })
                {
                    var published = D(cells[column]);
                    var mine = ours[(system, metric, name)];
                    Assert.True(Math.Abs(mine - published) <= 0.001, $"{system} {metric} {name}: ours {mine:F5}, published {published:F5}");
                    compared++;
                }
            }
        }
        Assert.Equal(10 * 3 * 3, compared);
    }

    [Fact]
    public void Averaging_the_published_per_topic_scores_in_their_order_gives_the_published_averages_and_intervals_exactly()
    {
        // With the organisers' own topic numbering, ROUGE's bootstrap (Perl's drand48 seeded with each resample's
        // number) is reproduced to the last digit, confidence interval included.
        var detailed = Lines(Published("englishDetailed.txt"));
        var perEval = detailed.Select(l => EvalLine().Match(l)).Where(m => m.Success)
            .GroupBy(m => (System: m.Groups[1].Value, Metric: m.Groups[2].Value))
            .ToList();
        var averages = detailed.Select(l => AverageLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value), m => (Avg: m.Groups[4].Value, Low: m.Groups[5].Value, High: m.Groups[6].Value));
        Assert.Equal(30, perEval.Count);
        foreach (var group in perEval)
        {
            var scores = group.Select(m => (m.Groups[3].Value.Split('.')[0], new RougeScore(D(m.Groups[4].Value), D(m.Groups[5].Value), D(m.Groups[6].Value)))).ToList();
            var result = Rouge.Average(group.Key.Metric, scores, new RougeOptions(), group.Key.System);
            string F5(double x) => x.ToString("F5", CultureInfo.InvariantCulture);
            foreach (var (name, avg, low, high) in new[]
            {
                ("R", result.Average.Recall, result.Lower.Recall, result.Upper.Recall),
                ("P", result.Average.Precision, result.Lower.Precision, result.Upper.Precision),
                ("F", result.Average.F, result.Lower.F, result.Upper.F),
            })
            {
                var expected = averages[(group.Key.System, group.Key.Metric, name)];
                Assert.Equal(expected, (F5(avg), F5(low), F5(high)));
            }
        }
    }
}
