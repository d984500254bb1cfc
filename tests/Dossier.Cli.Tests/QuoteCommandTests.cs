using System.Text.Json;

namespace Dossier.Cli.Tests;

public class QuoteCommandTests : TempFolderTests
{
    [Fact]
    public void Each_article_gets_a_jsonl_file_of_its_quotes_with_offsets_and_speakers()
    {
        var input = Directory.CreateDirectory(Path.Combine(Folder, "in")).FullName;
        var output = Path.Combine(Folder, "out");
        var text = "Talks end\n\nSergey Lavrov spoke in Moscow. \u201CNothing has changed,\u201D he said.\n\n\"This will not last long at all,\" an aide told us.\n";
        File.WriteAllText(Path.Combine(input, "a.txt"), text);
        File.WriteAllText(Path.Combine(input, "b.txt"), "No quotes here.\n");
        File.WriteAllText(Path.Combine(input, "ignored.md"), "\"Not read,\" she said.");

        var (exit, _, errors) = Cli.Run("quotes", input, output);

        Assert.True(exit == 0, errors);
        Assert.Equal(["a.jsonl", "b.jsonl"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("", File.ReadAllText(Path.Combine(output, "b.jsonl")));
        var lines = File.ReadAllLines(Path.Combine(output, "a.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        var first = lines[0];
        Assert.Equal("Nothing has changed", text[first.GetProperty("start").GetInt32()..first.GetProperty("end").GetInt32()]);
        Assert.Equal("he", text[first.GetProperty("speaker_start").GetInt32()..first.GetProperty("speaker_end").GetInt32()]);
        Assert.Equal("Sergey Lavrov", first.GetProperty("speaker").GetString());
        Assert.Equal("an aide", lines[1].GetProperty("speaker").GetString());
    }

    [Fact]
    public void An_unreadable_article_is_named_and_the_others_are_written()
    {
        var input = Directory.CreateDirectory(Path.Combine(Folder, "in")).FullName;
        var output = Path.Combine(Folder, "out");
        File.WriteAllBytes(Path.Combine(input, "bad.txt"), [0x48, 0x69, 0xE9, 0x0A]);
        File.WriteAllText(Path.Combine(input, "good.txt"), "\"We won the vote today,\" said Anna Lee.\n");

        var (exit, _, errors) = Cli.Run("quotes", input, output);

        Assert.Equal(3, exit);
        Assert.Contains("bad.txt: invalid UTF-8", errors, StringComparison.Ordinal);
        Assert.Equal(["good.jsonl"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_input_folder_is_a_usage_error()
    {
        var (exit, _, errors) = Cli.Run("quotes", Path.Combine(Folder, "nope"), Path.Combine(Folder, "out"));
        Assert.Equal(2, exit);
        Assert.Contains("no such folder", errors, StringComparison.Ordinal);
    }
}
