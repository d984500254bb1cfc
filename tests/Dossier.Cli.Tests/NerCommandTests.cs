using System.Text.Json;

namespace Dossier.Cli.Tests;

public class NerCommandTests : TempFolderTests
{
    private string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Conll_output_has_every_input_line_with_one_more_column()
    {
        var input = Write("in.conll", "-DOCSTART- -X- O O\n\nGerman JJ I-NP I-MISC\nChancellor NNP I-NP O\nAngela NNP I-NP I-PER\nMerkel NNP I-NP I-PER\nvisited VBD I-VP O\nParis NNP I-NP I-LOC\n. . O O\n\nShe PRP I-NP O\nleft VBD I-VP O\n. . O O\n");
        var (exit, stdout, _) = Cli.Run("ner", input);
        Assert.Equal(0, exit);
        var inLines = File.ReadAllLines(input);
        var outLines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(inLines.Length, outLines.Length);
        for (var i = 0; i < inLines.Length; i++)
        {
            if (inLines[i].Length == 0) Assert.Equal("", outLines[i]);
            else Assert.StartsWith(inLines[i] + " ", outLines[i]);
        }
        Assert.Equal("Merkel NNP I-NP I-PER I-PER", outLines[5]);
    }

    [Fact]
    public void Text_output_gives_character_offsets_of_each_entity()
    {
        var text = "Chancellor Angela Merkel flew to Paris on Monday.";
        var input = Write("in.txt", text);
        var (exit, stdout, _) = Cli.Run("ner", "--text", input);
        Assert.Equal(0, exit);
        var entities = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(entities);
        foreach (var e in entities)
            Assert.Equal(e.GetProperty("text").GetString(), text[e.GetProperty("start").GetInt32()..e.GetProperty("end").GetInt32()]);
        Assert.Contains(entities, e => e.GetProperty("text").GetString() == "Angela Merkel" && e.GetProperty("type").GetString() == "PER");
    }

    [Fact]
    public void A_missing_file_or_a_bad_model_is_a_clear_error()
    {
        var (exit, _, stderr) = Cli.Run("ner", Path.Combine(Folder, "nope.conll"));
        Assert.Equal(2, exit);
        Assert.Contains("nope.conll", stderr);
        var bad = Write("bad.model", "garbage");
        (exit, _, stderr) = Cli.Run("ner", "--model", bad, Write("x.conll", "Hello\n"));
        Assert.Equal(2, exit);
        Assert.Contains("bad.model", stderr);
        Assert.Contains("not a Dossier NER model", stderr);
    }
}
