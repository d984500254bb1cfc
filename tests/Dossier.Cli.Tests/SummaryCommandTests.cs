using System.Text.Json;

namespace Dossier.Cli.Tests;

public class SummaryCommandTests : TempFolderTests
{
    private string Write(string relative, string content)
    {
        var path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Doc(string docNo, string text) => $"<DOC>\n<DOCNO> {docNo} </DOCNO>\n<TEXT>\n{text}\n</TEXT>\n</DOC>\n";

    private void WriteDocset()
    {
        Write("docs/d30001t/APW19981017.0151", Doc("APW19981017.0151",
            "\t   LONDON (AP) _ British police arrested former Chilean dictator Augusto Pinochet in London on a Spanish warrant.\n\t   Chile protested the arrest of the former dictator."));
        Write("docs/d30001t/NYT19981017.0177", Doc("NYT19981017.0177",
            "<P>\n   British police arrested Augusto Pinochet in London after Spain asked for his extradition.\n</P>\n<P>\n   Chile protested the arrest and demanded his release.\n</P>"));
        Write("models/D30001.M.100.T.A.html", "British police arrested Augusto Pinochet in London .\nChile protested the arrest .\n");
        Write("models/D30001.M.100.T.B.html", "Augusto Pinochet was arrested in London on a Spanish warrant .\n");
        Write("models/D30001.P.10.T.A.APW19981017.0151.html", "Not a multi-document summary .\n");
    }

    [Fact]
    public void Summarize_reads_newswire_files_and_prints_sentences_with_their_sources()
    {
        WriteDocset();
        var (exit, output, errors) = Cli.Run("summarize", Path.Combine(Folder, "docs", "d30001t"), "--words", "40");
        Assert.True(exit == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("Pinochet", StringComparison.Ordinal) && !l.StartsWith("LONDON", StringComparison.Ordinal));
        Assert.All(lines.Where((_, i) => i % 2 == 1), l => Assert.Matches(@"^    \[.+ #\d+.*; \d outlets?\]$", l));

        var (jsonExit, json, _) = Cli.Run("summarize", Path.Combine(Folder, "docs", "d30001t"), "--format", "json");
        Assert.Equal(0, jsonExit);
        foreach (var line in json.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var parsed = JsonDocument.Parse(line);
            Assert.True(parsed.RootElement.GetProperty("sources").GetArrayLength() >= 1);
            Assert.InRange(parsed.RootElement.GetProperty("outlets").GetInt32(), 1, 2);
        }
    }

    [Fact]
    public void Summarize_of_nothing_readable_says_so()
    {
        var bad = Write("bad.0001", "not newswire");
        var (exit, _, errors) = Cli.Run("summarize", bad);
        Assert.Equal(3, exit);
        Assert.Contains("bad.0001", errors, StringComparison.Ordinal);
        Assert.Contains("no article could be read", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_rouge_scores_peers_against_models_by_shared_name()
    {
        Write("peers/sys1/T1", "the cat sat on the mat\n");
        Write("peers/sys1/T2", "a dog barked\n");
        Write("peers/sys2/T1", "nothing in common\n");
        Write("models/T1.A", "the cat sat on the mat\n");
        Write("models/T2.A", "a dog barked loudly\n");
        var (exit, output, errors) = Cli.Run("eval", "rouge", "--peers", Path.Combine(Folder, "peers"), "--models", Path.Combine(Folder, "models"), "-n", "1", "-d");
        Assert.True(exit == 0, errors);
        Assert.Contains("sys1 ROUGE-1 Eval 1.sys1 R:1.00000 P:1.00000 F:1.00000", output, StringComparison.Ordinal);
        Assert.Contains("sys1 ROUGE-1 Eval 2.sys1 R:0.75000 P:1.00000 F:0.85714", output, StringComparison.Ordinal);
        Assert.Contains("sys2 ROUGE-1 Average_R: 0.00000", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_rouge_names_a_peer_without_references()
    {
        Write("peers/T9", "orphan summary\n");
        Write("models/T1.A", "reference\n");
        var (exit, _, errors) = Cli.Run("eval", "rouge", "--peers", Path.Combine(Folder, "peers"), "--models", Path.Combine(Folder, "models"));
        Assert.Equal(3, exit);
        Assert.Contains("no reference summary named T9", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_summaries_summarises_each_docset_and_scores_it_against_its_multi_document_references()
    {
        WriteDocset();
        var outDir = Path.Combine(Folder, "out");
        var (exit, output, errors) = Cli.Run("eval", "summaries", "--models", Path.Combine(Folder, "models"), Path.Combine(Folder, "docs", "d30001t"), "--out-dir", outDir);
        Assert.True(exit == 0, errors);
        Assert.Matches(@"document sets 1  recall ROUGE-1 \d+\.\d\d  ROUGE-2 \d+\.\d\d  ROUGE-SU4 \d+\.\d\d", output);
        var summary = File.ReadAllLines(Path.Combine(outDir, "d30001t"));
        Assert.NotEmpty(summary);
        Assert.True(summary.Sum(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length) <= 100);
        // The summary shares words with the references, so recall is not zero.
        Assert.DoesNotContain("ROUGE-1 0.00", output, StringComparison.Ordinal);
    }
}
