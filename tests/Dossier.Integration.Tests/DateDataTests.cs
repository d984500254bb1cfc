using System.Globalization;
using Xunit.Abstractions;

namespace Dossier.Integration.Tests;

[Trait("Category", "Integration")]
public class DateDataTests(ITestOutputHelper log)
{
    // One scoring run of TimeBank + AQUAINT, shared by the tests below.
    private static readonly Lazy<(int Exit, string Stdout, string Stderr)> Eval =
        new(() => DossierCli.Run("eval", "dates", SharedData.Folder("data", "temporal", "tbaq", "TBAQ-cleaned")));

    private static double F1(string stdout, string row) =>
        double.Parse(stdout.Split('\n').Single(l => l.StartsWith(row + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);

    [Fact]
    public void Every_document_and_gold_expression_is_read()
    {
        // DATA.md: TimeBank 183 and AQUAINT 73 documents; 1,822 TIMEX3 in their TEXT elements.
        var (exit, stdout, stderr) = Eval.Value;
        Assert.True(exit == 0, stderr);
        Assert.Contains("documents 256  gold 1822 ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Tagging_tbaq_is_at_least_its_floor()
    {
        var (exit, stdout, stderr) = Eval.Value;
        Assert.True(exit == 0, stderr);
        log.WriteLine(stdout);
        // Floors just under the measured figures: a change that tags worse fails here.
        Assert.True(F1(stdout, "strict") >= 0.85, stdout);
        Assert.True(F1(stdout, "relaxed") >= 0.925, stdout);
        Assert.True(F1(stdout, "value") >= 0.785, stdout);
    }
}
