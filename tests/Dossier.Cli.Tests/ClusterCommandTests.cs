using System.Text.Json;

namespace Dossier.Cli.Tests;

public class ClusterCommandTests : TempFolderTests
{
    private static string Line(string doc, string text, string? extra = null) =>
        "{\"doc\":" + JsonSerializer.Serialize(doc) + ",\"text\":" + JsonSerializer.Serialize(text) + (extra ?? "") + "}";

    // Two earthquakes share their vocabulary; the places and names set them apart.
    private static readonly string[] Lines =
    [
        Line("a1", "A strong earthquake struck Northern Chile on Tuesday, killing at least six people in Iquique. Rescue teams from Santiago searched collapsed buildings in Iquique.", ",\"topic\":\"chile\""),
        Line("b1", "An earthquake hit Central Italy near Amatrice on Wednesday, killing dozens. Rescue teams searched collapsed buildings in Amatrice and Accumoli.", ",\"topic\":\"italy\""),
        Line("a2", "Rescue teams in Iquique, Northern Chile, searched collapsed buildings after the earthquake killed six people, officials in Santiago said.", ",\"topic\":\"chile\""),
        Line("b2", "Rescue teams searched collapsed buildings in Amatrice and Accumoli after the earthquake in Central Italy killed dozens.", ",\"topic\":\"italy\""),
    ];

    private string WriteSet(params string[] lines)
    {
        var path = Path.Combine(Folder, "set.jsonl");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    [Fact]
    public void Cluster_writes_one_line_per_article_in_input_order_with_events_apart()
    {
        var (exit, output, errors) = Cli.Run("cluster", WriteSet(Lines));
        Assert.True(exit == 0, errors);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["a1", "b1", "a2", "b2"], rows.Select(r => r.GetProperty("doc").GetString()));
        var story = rows.ToDictionary(r => r.GetProperty("doc").GetString()!, r => r.GetProperty("story").GetString()!);
        Assert.Equal(story["a1"], story["a2"]);
        Assert.Equal(story["b1"], story["b2"]);
        Assert.NotEqual(story["a1"], story["b1"]);
        Assert.Equal("s1", story["a1"]);
    }

    [Fact]
    public void Cluster_output_is_the_same_on_every_run()
    {
        var path = WriteSet(Lines);
        Assert.Equal(Cli.Run("cluster", path).Out, Cli.Run("cluster", path).Out);
    }

    [Fact]
    public void Cluster_names_a_bad_line_and_places_the_rest()
    {
        var (exit, output, errors) = Cli.Run("cluster", WriteSet(Lines[0], "{not json", Lines[2]));
        Assert.Equal(3, exit);
        Assert.Contains("set.jsonl:2", errors, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Eval_clusters_prints_bcubed_against_the_gold_field()
    {
        var (exit, output, errors) = Cli.Run("eval", "clusters", WriteSet(Lines), "--gold", "topic");
        Assert.True(exit == 0, errors);
        Assert.Contains("stories 2  gold stories 2", output, StringComparison.Ordinal);
        Assert.Contains("F1 1.000", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_clusters_names_a_line_without_the_gold_field()
    {
        var (exit, _, errors) = Cli.Run("eval", "clusters", WriteSet(Lines[0], Line("x", "No label on this line at all, none.")), "--gold", "topic");
        Assert.Equal(1, exit);
        Assert.Contains(":2: no \"topic\" field", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_rejects_a_threshold_out_of_range()
    {
        var (exit, _, errors) = Cli.Run("cluster", WriteSet(Lines), "--threshold", "1.5");
        Assert.Equal(2, exit);
        Assert.Contains("--threshold", errors, StringComparison.Ordinal);
    }
}
