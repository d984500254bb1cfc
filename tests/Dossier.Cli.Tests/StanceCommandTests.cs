namespace Dossier.Cli.Tests;

public class StanceCommandTests : TempFolderTests
{
    private (string Stances, string Bodies) WriteFnc(string stances)
    {
        var bodies = Path.Combine(Folder, "bodies.csv");
        File.WriteAllText(bodies, "Body ID,articleBody\n1,\"A volcano erupted on the island, and ash grounded flights across the region.\nOfficials said lava reached the sea.\"\n"
            + "2,\"The central bank raised interest rates to fight inflation, and markets fell.\"\n");
        var path = Path.Combine(Folder, "stances.csv");
        File.WriteAllText(path, stances);
        return (path, bodies);
    }

    private const string Labelled = "Headline,Body ID,Stance\n\"Volcano erupts, grounding flights\",1,discuss\n\"Bank raises rates, \"\"again\"\"\",1,unrelated\nBank raises rates,2,agree\n";

    [Fact]
    public void Headline_check_writes_one_fnc1_row_per_pair_in_input_order()
    {
        var (stances, bodies) = WriteFnc(Labelled);
        var (exit, output, errors) = Cli.Run("headline-check", "--fnc1", stances, bodies);
        Assert.True(exit == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Headline,Body ID,Stance", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Volcano erupts, grounding flights,1,", lines[1].Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("\"Bank raises rates, \"\"again\"\"\",1,", lines[2], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Matches(",(agree|disagree|discuss|unrelated)$", l));
    }

    [Fact]
    public void Eval_stance_prints_the_fnc_score_and_a_confusion_table()
    {
        var (stances, bodies) = WriteFnc(Labelled);
        var (exit, output, errors) = Cli.Run("eval", "stance", "--fnc1", stances, bodies);
        Assert.True(exit == 0, errors);
        Assert.Matches(@"pairs 3  FNC score [\d.]+ of 2\.25 = [\d.]+%", output);
        Assert.Contains("gold \\ predicted", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_id_missing_from_the_bodies_is_named_with_its_row()
    {
        var (stances, bodies) = WriteFnc("Headline,Body ID\nSomething happened,7\n");
        var (exit, _, errors) = Cli.Run("headline-check", "--fnc1", stances, bodies);
        Assert.Equal(1, exit);
        Assert.Contains("row 2: Body ID 7 is not in", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_stance_label_is_named()
    {
        var (stances, bodies) = WriteFnc("Headline,Body ID,Stance\nSomething happened,1,maybe\n");
        var (exit, _, errors) = Cli.Run("eval", "stance", "--fnc1", stances, bodies);
        Assert.Equal(1, exit);
        Assert.Contains("unknown stance 'maybe'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_spin_counts_flagged_articles()
    {
        File.WriteAllText(Path.Combine(Folder, "a.txt"), "Spun\n\nThe Russian Federation said the worldwide community erred. The Russian Federation insisted.\n");
        File.WriteAllText(Path.Combine(Folder, "b.txt"), "Plain\n\nRussia said the international community erred, and Russia insisted on it.\n");
        var (exit, output, errors) = Cli.Run("eval", "spin", Folder);
        Assert.True(exit == 0, errors);
        Assert.Contains("articles 2  flagged 1", output, StringComparison.Ordinal);
        Assert.Contains("Russian Federation", output, StringComparison.Ordinal);
    }
}
