using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Dossier.Integration.Tests;

[Trait("Category", "Integration")]
public partial class StanceDataTests(ITestOutputHelper output)
{
    private static string[] Fnc1 => [SharedData.File("data", "stance", "fnc1", "train_stances.csv"), SharedData.File("data", "stance", "fnc1", "train_bodies.csv")];

    [GeneratedRegex(@"= ([\d.]+)%  related/unrelated accuracy ([\d.]+)")]
    private static partial Regex Score();

    [Fact]
    public void Stance_on_held_out_claims_beats_a_floor()
    {
        var model = Path.Combine(Path.GetTempPath(), $"dossier-stance-{Environment.ProcessId}.model");
        try
        {
            var (exit, printed, errors) = DossierCli.Run(["train", "stance", "--fnc1", .. Fnc1, "--holdout", "5", "--out", model]);
            Assert.True(exit == 0, errors);
            output.WriteLine(printed);
            var m = Score().Match(printed);
            Assert.True(m.Success, printed);
            var fnc = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var related = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.True(fnc >= 82.0 && related >= 0.98, printed);
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Fact]
    public void The_bundled_stance_model_rebuilds_byte_for_byte()
    {
        var model = Path.Combine(Path.GetTempPath(), $"dossier-stance-all-{Environment.ProcessId}.model");
        try
        {
            var (exit, _, errors) = DossierCli.Run(["train", "stance", "--fnc1", .. Fnc1, "--out", model]);
            Assert.True(exit == 0, errors);
            Assert.Equal(File.ReadAllBytes(Path.Combine(SharedData.Repository, "models", "stance-fnc1.model")), File.ReadAllBytes(model));
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Theory]
    [InlineData("stance/fnc1/train_bodies.csv")]
    [InlineData("summarization/duc2003/docs.without.headlines")]
    public void Spun_wording_is_almost_never_flagged_on_wire_copy(string relative)
    {
        var path = Path.Combine([SharedData.Root, "data", .. relative.Split('/')]);
        Assert.True(File.Exists(path) || Directory.Exists(path), $"missing shared data {path}");
        var (exit, printed, errors) = DossierCli.Run("eval", "spin", path);
        Assert.True(exit == 0, errors);
        output.WriteLine(printed);
        var m = Regex.Match(printed, @"articles (\d+)  flagged (\d+)");
        var articles = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(articles > 600, printed);
        Assert.True(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) <= articles / 200, printed);
    }
}
