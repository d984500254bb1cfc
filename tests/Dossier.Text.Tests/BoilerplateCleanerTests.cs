namespace Dossier.Text.Tests;

public class BoilerplateCleanerTests
{
    [Theory]
    [InlineData("More news: Mets fire employee who flipped off fan", BoilerplateCleaner.RelatedLinks)]
    [InlineData("Read more: the full interview", BoilerplateCleaner.RelatedLinks)]
    [InlineData("\u2022 Leroy Wright", BoilerplateCleaner.Byline)]
    [InlineData("By Jane Roe", BoilerplateCleaner.Byline)]
    [InlineData("Sign up for our daily newsletter", BoilerplateCleaner.ShareSubscribe)]
    [InlineData("Photo: the summit in Brussels", BoilerplateCleaner.Caption)]
    [InlineData("Other news", BoilerplateCleaner.SectionFurniture)]
    [InlineData("Syrian President Bashar Assad speaks at the presidential palace in Damascus Syria", BoilerplateCleaner.Caption)]
    public void Boilerplate_lines_are_removed_with_their_reason(string line, string reason)
    {
        var cleaned = BoilerplateCleaner.Clean("Putin met Macron at Versailles on Monday.\n\n" + line + "\n\nThey talked for two hours.");
        var removal = Assert.Single(cleaned.Removed);
        Assert.Equal(reason, removal.Reason);
        Assert.Equal(line, removal.Text);
        Assert.Equal("Putin met Macron at Versailles on Monday.\n\nThey talked for two hours.", cleaned.Text);
    }

    [Fact]
    public void A_byline_becomes_the_author() =>
        Assert.Equal("Leroy Wright", BoilerplateCleaner.Clean("Story text here.\n\n  \u2022 Leroy Wright").Author);

    [Theory]
    [InlineData("\"We have disagreements, but at least we talked about them\", he added.")]
    [InlineData("Putin canceled a visit in October.")]
    [InlineData("\"Let's fight for all the restrictions in the global economy to be scrapped\"")]
    [InlineData("By the end of the day, talks had failed.")]
    [InlineData("More than 80 people were killed in the attack on Tuesday.")]
    public void Story_sentences_are_kept(string line)
    {
        var cleaned = BoilerplateCleaner.Clean(line);
        Assert.Empty(cleaned.Removed);
        Assert.Equal(line, cleaned.Text);
    }

    [Fact]
    public void A_long_unpunctuated_paragraph_is_kept()
    {
        var line = string.Join(' ', Enumerable.Repeat("word", 40));
        Assert.Empty(BoilerplateCleaner.Clean(line).Removed);
    }

    [Fact]
    public void Every_line_is_either_kept_or_recorded()
    {
        var random = new Random(7);
        string[] pool = ["More news: x y", "Talks went on.", "Other news", "\u2022 Ann Lee", "A caption without a full stop here", "He said so."];
        for (var round = 0; round < 200; round++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 8)).Select(_ => pool[random.Next(pool.Length)]).ToList();
            var cleaned = BoilerplateCleaner.Clean(string.Join("\n", lines));
            var kept = cleaned.Text.Length == 0 ? 0 : cleaned.Text.Split('\n').Length;
            Assert.Equal(lines.Count, kept + cleaned.Removed.Count);
        }
    }
}

public class BoilerplateCleanerBodyTests
{
    [Fact]
    public void A_body_that_is_one_unpunctuated_line_is_kept()
    {
        const string body = "UK aid worker has reportedly been tried by a court and found innocent of espionage";
        var cleaned = BoilerplateCleaner.Clean(body);
        Assert.Empty(cleaned.Removed);
        Assert.Equal(body, cleaned.Text);
    }

    [Theory]
    [InlineData("LONDON (AP) \u2014 An influential lawmaker spoke.", "LONDON (AP)")]
    [InlineData("CAPE TOWN, South Africa (AP) \u2014 A panel said Wednesday it would wait.", "CAPE TOWN, South Africa (AP)")]
    [InlineData("WASHINGTON, May 3 (Reuters) - Senators agreed.", "WASHINGTON, May 3 (Reuters)")]
    [InlineData("BUENOS AIRES, Argentina \u2014 Gen. Augusto Pinochet has been arrested.", "BUENOS AIRES, Argentina")]
    public void A_wire_dateline_is_taken_off_the_first_line(string body, string dateline)
    {
        var cleaned = BoilerplateCleaner.Clean(body + "\n\nSecond paragraph - LONDON (AP) \u2014 stays.");
        Assert.Equal(new Removal(dateline, BoilerplateCleaner.Dateline), Assert.Single(cleaned.Removed));
        Assert.False(cleaned.Text.StartsWith(dateline, StringComparison.Ordinal));
        Assert.EndsWith("LONDON (AP) \u2014 stays.", cleaned.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NATO allies met in Brussels \u2014 and agreed.")]
    [InlineData("The US - and its allies - agreed.")]
    public void Ordinary_first_lines_keep_their_start(string body) => Assert.Empty(BoilerplateCleaner.Clean(body).Removed);
}
