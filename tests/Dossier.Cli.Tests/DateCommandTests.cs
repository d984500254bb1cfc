using System.Text.Json;
using Dossier.Text;

namespace Dossier.Cli.Tests;

public class DateCommandTests : TempFolderTests
{
    private const string Gold = """
        <?xml version="1.0" ?>
        <TimeML>
        <DCT><TIMEX3 tid="t0" type="DATE" value="2017-05-30" temporalFunction="false" functionInDocument="CREATION_TIME">20170530</TIMEX3></DCT>
        <TEXT>
        Macron <EVENT eid="e1" class="OCCURRENCE">met</EVENT> Putin <TIMEX3 tid="t1" type="DATE" value="2017-05-29">Monday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="PT2H">two hours</TIMEX3>, after the <TIMEX3 tid="t3" type="DATE" value="2016-08">August 2016</TIMEX3> talks.
        </TEXT>
        </TimeML>
        """;

    [Fact]
    public void Timeml_in_timeml_out_with_dossiers_tags_resolved_against_the_creation_time()
    {
        var path = Path.Combine(Folder, "doc.tml");
        File.WriteAllText(path, Gold.Replace("value=\"2017-05-29\"", "value=\"WRONG\"", StringComparison.Ordinal));

        var (exit, output, errors) = Cli.Run("dates", "--timeml", path);

        Assert.True(exit == 0, errors);
        Assert.DoesNotContain("WRONG", output, StringComparison.Ordinal);
        Assert.Contains("<EVENT eid=\"e1\" class=\"OCCURRENCE\">met</EVENT>", output, StringComparison.Ordinal);
        var ours = TimeMLDocument.Parse(output);
        Assert.Equal(TimeMLDocument.Parse(Gold).Timexes, ours.Timexes);
    }

    [Fact]
    public void Plain_text_gives_json_lines_and_the_date_option_resolves_them()
    {
        var path = Path.Combine(Folder, "a.txt");
        File.WriteAllText(path, "Macron met Putin on Monday, after the summit in August 2016.");

        var (exit, output, errors) = Cli.Run("dates", path, "--date", "2017-05-30");

        Assert.True(exit == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["Monday", "August 2016"], lines.Select(l => l.GetProperty("text").GetString()));
        Assert.Equal(["2017-05-29", "2016-08"], lines.Select(l => l.GetProperty("value").GetString()));
        Assert.Equal("DATE", lines[0].GetProperty("type").GetString());
        var text = File.ReadAllText(path);
        Assert.Equal("Monday", text[lines[0].GetProperty("start").GetInt32()..lines[0].GetProperty("end").GetInt32()]);
    }

    [Fact]
    public void A_bad_date_option_is_a_usage_error()
    {
        var path = Path.Combine(Folder, "a.txt");
        File.WriteAllText(path, "Monday.");
        var (exit, _, errors) = Cli.Run("dates", path, "--date", "30/05/2017");
        Assert.Equal(2, exit);
        Assert.Contains("--date '30/05/2017'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_document_is_named_and_the_others_are_still_written()
    {
        var bad = Path.Combine(Folder, "bad.tml");
        var good = Path.Combine(Folder, "good.tml");
        File.WriteAllText(bad, "<TimeML><DOCID>x</DOCID></TimeML>");
        File.WriteAllText(good, Gold);
        var outDir = Path.Combine(Folder, "out");

        var (exit, _, errors) = Cli.Run("dates", "--timeml", bad, good, "--out-dir", outDir);

        Assert.Equal(3, exit);
        Assert.Contains("bad.tml: no <TEXT> element", errors, StringComparison.Ordinal);
        Assert.Equal(["good.tml"], Directory.GetFiles(outDir).Select(Path.GetFileName));
    }

    [Fact]
    public void Eval_scores_a_folder_of_gold_documents()
    {
        var gold = Directory.CreateDirectory(Path.Combine(Folder, "gold", "sub")).FullName;
        File.WriteAllText(Path.Combine(gold, "doc.tml"), Gold);

        var (exit, output, errors) = Cli.Run("eval", "dates", Path.Combine(Folder, "gold"));

        Assert.True(exit == 0, errors);
        Assert.Contains("documents 1  gold 3  predicted 3", output, StringComparison.Ordinal);
        Assert.Contains("strict   precision 1.0000  recall 1.0000  F1 1.0000", output, StringComparison.Ordinal);
        Assert.Contains("value    precision 1.0000", output, StringComparison.Ordinal);
    }
}
