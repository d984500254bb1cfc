namespace Dossier.Cli.Tests;

public class BadInputTests
{
    [Fact]
    public void Rejected_inputs_are_listed_the_rest_is_digested_and_the_exit_code_is_3()
    {
        var dir = Cli.TempDir();
        try
        {
            File.Copy(Path.Combine(Cli.Samples, "000_b1cec4dbe6a45abb.txt"), Path.Combine(dir, "good.txt"));
            File.WriteAllBytes(Path.Combine(dir, "empty.txt"), []);
            File.WriteAllBytes(Path.Combine(dir, "binary.txt"), [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]);
            File.WriteAllBytes(Path.Combine(dir, "latin1.txt"), [0x48, 0x69, 0x0A, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x2E]);
            File.WriteAllText(Path.Combine(dir, "notes.pdf"), "%PDF");
            File.WriteAllText(Path.Combine(dir, "lines.jsonl"), "{\"id\":\"j1\",\"title\":\"T\",\"text\":\"Putin met Macron at Versailles on Monday.\"}\n{broken\n");
            File.WriteAllText(Path.Combine(dir, "page.html"), "<html><body><nav>Menu</nav></body></html>");
            File.WriteAllText(Path.Combine(dir, "feed.rss"), "<rss><channel><item>");
            File.WriteAllText(Path.Combine(dir, "big.txt"), "Title\n\n" + new string('a', 5000));

            var (exit, output, errors) = Cli.Run("digest", dir, "--max-file-size", "4000");

            Assert.Equal(3, exit);
            var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(8, lines.Length);
            Assert.Contains(lines, l => l.Contains("empty.txt: empty file", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("binary.txt: binary content", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("latin1.txt: invalid UTF-8", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("notes.pdf: unknown extension", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("lines.jsonl:2: invalid JSON", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("page.html: HTML page with no main text", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("feed.rss: not a well-formed XML feed", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("big.txt: file is", StringComparison.Ordinal));

            using var json = System.Text.Json.JsonDocument.Parse(output);
            Assert.Equal(8, json.RootElement.GetProperty("rejected").GetArrayLength());
            Assert.Equal(["good", "j1"], json.RootElement.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("digest")]
    [InlineData("digest", "x", "--format", "pdf")]
    [InlineData("digest", "x", "--words", "-5")]
    [InlineData("frobnicate")]
    public void Wrong_usage_exits_2_with_a_message(params string[] args)
    {
        var (exit, output, errors) = Cli.Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.NotEqual("", errors);
    }

    [Fact]
    public void Out_writes_the_file_whole_and_nothing_to_standard_output()
    {
        var dir = Cli.TempDir();
        try
        {
            var target = Path.Combine(dir, "dossier.html");
            var (exit, output, _) = Cli.Run("digest", Cli.Samples, "--format", "html", "--out", target);
            Assert.Equal(0, exit);
            Assert.Equal("", output);
            Assert.EndsWith("</html>\n", File.ReadAllText(target), StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Article_text_cannot_inject_markup_into_the_html_report()
    {
        var dir = Cli.TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "evil.txt"),
                "<script>alert(1)</script> headline\n\nThe minister said <img src=x onerror=alert(2)> was fine on Monday in Paris. Visit <a href=\"javascript:alert(3)\">here</a> today for more.");
            var (_, output, _) = Cli.Run("digest", dir, "--format", "html");
            Assert.DoesNotContain("<script>", output, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", output, StringComparison.Ordinal);
            Assert.DoesNotContain("<a href=\"javascript:", output, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
