using Xunit.Abstractions;

namespace Dossier.Integration.Tests;

[Trait("Category", "Integration")]
public class QuoteDataTests(ITestOutputHelper log)
{
    // One scoring run of the dev split, shared by the tests below.
    private static readonly Lazy<(int Exit, string Stdout, string Stderr)> DevEval =
        new(() => DossierCli.Run("eval", "quotes", SharedData.Folder("data", "quotes", "polnear", "dev")));

    private const double FloorAccuracy = 0.895;
    private const double FloorF1 = 0.875;

    [Fact]
    public void Gold_quotes_are_counted_as_the_benchmark_counts_them()
    {
        // DATA.md: 710 direct-quote items in the dev split (one annotation file per article, the first annotator id).
        var (exit, stdout, stderr) = DevEval.Value;
        Assert.True(exit == 0, stderr);
        Assert.Contains("gold 710 ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribution_on_the_dev_split_is_at_least_its_floor()
    {
        var (exit, stdout, stderr) = DevEval.Value;
        Assert.True(exit == 0, stderr);
        log.WriteLine(stdout);
        var figures = stdout.Split('\n').Single(l => l.StartsWith("speaker accuracy", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var accuracy = double.Parse(figures[2], System.Globalization.CultureInfo.InvariantCulture);
        var f1 = double.Parse(figures[^1], System.Globalization.CultureInfo.InvariantCulture);
        // Floors just under the measured figures: a change that attributes worse fails here.
        Assert.True(accuracy >= FloorAccuracy, $"speaker accuracy {accuracy:F4} below {FloorAccuracy}");
        Assert.True(f1 >= FloorF1, $"F1 {f1:F4} below {FloorF1}");
    }
}
