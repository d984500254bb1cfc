namespace Dossier.Cli.Tests;

public class ReuseCommandTests : TempFolderTests
{
    [Fact]
    public void Reuse_reports_a_spun_copy_and_saves_an_index_that_a_later_run_uses()
    {
        const string wire = "On April 4, a toxic gas attack hit the rebel-held town of Khan Sheikhoun, killing more than 80 people. Russia has criticised earlier investigations by the international community into chemical attacks.";
        var a = Path.Combine(Folder, "a.txt");
        var b = Path.Combine(Folder, "b.txt");
        File.WriteAllText(a, "Wire\n\n" + wire + "\n");
        File.WriteAllText(b, "Spun\n\n" + wire.Replace("Russia", "Russian Federation", StringComparison.Ordinal).Replace("international", "worldwide", StringComparison.Ordinal) + "\n");
        var index = Path.Combine(Folder, "reuse.idx");
        var (exit, output, errors) = Cli.Run("reuse", a, "--save", index);
        Assert.True(exit == 0, errors);
        Assert.Equal("", output);
        (exit, output, errors) = Cli.Run("reuse", b, "--index", index);
        Assert.True(exit == 0, errors);
        using var line = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal("b", line.RootElement.GetProperty("doc").GetString());
        Assert.Equal("a", line.RootElement.GetProperty("duplicates")[0].GetProperty("doc").GetString());
        Assert.Equal("a", line.RootElement.GetProperty("reused")[0].GetProperty("from").GetString());
    }

    [Fact]
    public void Reuse_names_an_index_file_it_cannot_read()
    {
        var bad = Path.Combine(Folder, "bad.idx");
        File.WriteAllText(bad, "nonsense");
        File.WriteAllText(Path.Combine(Folder, "a.txt"), "A\n\nSome words to read in this article body here.\n");
        var (exit, _, errors) = Cli.Run("reuse", Path.Combine(Folder, "a.txt"), "--index", bad);
        Assert.Equal(1, exit);
        Assert.Contains("cannot load the reuse index", errors, StringComparison.Ordinal);
    }
}
