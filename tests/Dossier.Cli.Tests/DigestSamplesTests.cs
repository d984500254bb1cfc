using System.Text.Json;

namespace Dossier.Cli.Tests;

/// <summary>The README's main command on the bundled samples (the user's three seed articles).</summary>
public class DigestSamplesTests
{
    private static readonly Lazy<(int Exit, string Out, string Err)> Json = new(() => Cli.Run("digest", Cli.Samples));

    private static JsonElement Root => JsonDocument.Parse(Json.Value.Out).RootElement;

    private static JsonElement StoryOf(string articlePrefix) => Root.GetProperty("stories").EnumerateArray()
        .Single(s => s.GetProperty("articles").EnumerateArray().Any(a => a.GetString()!.StartsWith(articlePrefix, StringComparison.Ordinal)));

    [Fact]
    public void Exits_zero_and_prints_only_the_dossier()
    {
        Assert.Equal(0, Json.Value.Exit);
        Assert.Equal("", Json.Value.Err);
        Assert.Equal(3, Root.GetProperty("articles").GetArrayLength());
    }

    [Fact]
    public void The_Versailles_articles_are_one_story_and_Moscow_another()
    {
        Assert.Equal(2, Root.GetProperty("stories").GetArrayLength());
        Assert.Equal(StoryOf("000_").GetProperty("id").GetString(), StoryOf("001_").GetProperty("id").GetString());
        Assert.NotEqual(StoryOf("000_").GetProperty("id").GetString(), StoryOf("002_").GetProperty("id").GetString());
    }

    private static List<(string Kind, string Evidence)> FlagsOf(string articlePrefix) => Root.GetProperty("articles").EnumerateArray()
        .Single(a => a.GetProperty("id").GetString()!.StartsWith(articlePrefix, StringComparison.Ordinal))
        .GetProperty("flags").EnumerateArray().Select(f => (f.GetProperty("kind").GetString()!, f.GetProperty("evidence").GetString()!)).ToList();

    [Theory]
    [InlineData("000_")]
    [InlineData("001_")]
    [InlineData("002_")]
    public void Every_sample_is_flagged_for_spun_wording_with_the_Russian_Federation_in_evidence(string article)
    {
        Assert.Contains(FlagsOf(article), f => f.Kind == "spun-wording" && f.Evidence.Contains("\"Russian Federation\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_Kadyrov_headline_is_flagged_and_the_Moscow_headline_is_not()
    {
        var first = FlagsOf("000_");
        Assert.Contains(first, f => f.Kind == "headline-names-absent" && f.Evidence.Contains("Kadyrov", StringComparison.Ordinal));
        Assert.DoesNotContain(FlagsOf("002_"), f => f.Kind.StartsWith("headline", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_summary_sentence_is_cited_and_free_of_boilerplate()
    {
        var removed = Root.GetProperty("articles").EnumerateArray()
            .SelectMany(a => a.GetProperty("removed").EnumerateArray()).Select(r => r.GetProperty("text").GetString()!).ToList();
        Assert.Contains(removed, r => r.StartsWith("More news:", StringComparison.Ordinal));
        Assert.Contains("Other news", removed);
        foreach (var story in Root.GetProperty("stories").EnumerateArray())
        {
            var summary = story.GetProperty("summary").EnumerateArray().ToList();
            Assert.NotEmpty(summary);
            var words = summary.Sum(s => s.GetProperty("text").GetString()!.Split(' ').Length);
            Assert.InRange(words, 40, 110);
            foreach (var sentence in summary)
            {
                var text = sentence.GetProperty("text").GetString()!;
                Assert.DoesNotContain(removed, r => text.Contains(r, StringComparison.Ordinal));
                Assert.DoesNotContain("More news", text, StringComparison.Ordinal);
                var sources = sentence.GetProperty("sources").EnumerateArray().ToList();
                Assert.NotEmpty(sources);
                Assert.All(sources, s => Assert.True(s.GetProperty("sentence").GetInt32() >= 0));
            }
        }
    }

    [Fact]
    public void Entities_are_canonical_within_a_story()
    {
        var entities = StoryOf("000_").GetProperty("entities").EnumerateArray().ToList();
        var macron = entities.Single(e => e.GetProperty("name").GetString() == "Emmanuel Macron");
        Assert.Contains("Macron", macron.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("person", macron.GetProperty("type").GetString());
        var russia = entities.Single(e => e.GetProperty("name").GetString() == "Russia");
        Assert.Contains("Russian Federation", russia.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain(entities, e => e.GetProperty("name").GetString() == "Macron");
    }

    [Fact]
    public void The_byline_becomes_the_author_not_a_person()
    {
        var article = Root.GetProperty("articles").EnumerateArray().Single(a => a.GetProperty("id").GetString()!.StartsWith("001_", StringComparison.Ordinal));
        Assert.Equal("Leroy Wright", article.GetProperty("author").GetString());
        Assert.DoesNotContain(StoryOf("001_").GetProperty("entities").EnumerateArray(), e => e.GetProperty("name").GetString() == "Leroy Wright");
    }

    [Fact]
    public void Every_documented_field_is_present_and_empty_collections_are_arrays()
    {
        foreach (var a in Root.GetProperty("articles").EnumerateArray())
            foreach (var field in new[] { "id", "title", "source", "author", "published", "removed", "flags" })
                Assert.True(a.TryGetProperty(field, out _), field);
        foreach (var s in Root.GetProperty("stories").EnumerateArray())
            foreach (var field in new[] { "id", "title", "articles", "summary", "entities", "quotes", "timeline" })
                Assert.True(s.TryGetProperty(field, out _), field);
        Assert.Equal(JsonValueKind.Array, Root.GetProperty("rejected").ValueKind);
    }

    [Fact]
    public void The_same_input_gives_byte_identical_output() => Assert.Equal(Json.Value.Out, Cli.Run("digest", Cli.Samples).Out);

    [Theory]
    [InlineData("markdown", "## ")]
    [InlineData("html", "<!DOCTYPE html>")]
    public void Other_formats_render_the_same_stories(string format, string marker)
    {
        var (exit, output, _) = Cli.Run("digest", Cli.Samples, "--format", format);
        Assert.Equal(0, exit);
        Assert.StartsWith(marker == "## " ? "# Dossier" : marker, output, StringComparison.Ordinal);
        Assert.Contains("Emmanuel Macron", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timelines_hold_the_events_the_articles_date_and_no_ages_or_amounts()
    {
        // The samples carry no publication date, so April 4 and April 7 keep an unknown year.
        var moscow = StoryOf("002_").GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("date").GetString()).ToList();
        Assert.Contains("XXXX-04-04", moscow);
        Assert.Contains("XXXX-04-07", moscow);
        var versailles = StoryOf("000_").GetProperty("timeline").EnumerateArray().ToList();
        var dates = versailles.Select(t => t.GetProperty("date").GetString()).ToList();
        Assert.Contains("2014", dates);
        Assert.Contains("2012-08", dates);
        Assert.Contains("1717", dates);
        var crimea = versailles.Single(t => t.GetProperty("date").GetString() == "2014");
        Assert.Contains("Crimea", crimea.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, crimea.GetProperty("sources").GetArrayLength());
        Assert.Contains("Peter the Great", versailles.Single(t => t.GetProperty("date").GetString() == "1717").GetProperty("text").GetString(), StringComparison.Ordinal);
        foreach (var story in Root.GetProperty("stories").EnumerateArray())
        {
            foreach (var t in story.GetProperty("timeline").EnumerateArray())
            {
                var text = t.GetProperty("text").GetString()!;
                Assert.DoesNotContain("70", t.GetProperty("date").GetString()!, StringComparison.Ordinal);
                Assert.NotEmpty(t.GetProperty("sources").EnumerateArray());
                Assert.DoesNotContain("Group of Seven", text, StringComparison.Ordinal);
            }
            // No article carries a date: the coverage series is empty rather than invented.
            Assert.Equal(0, story.GetProperty("coverage").GetArrayLength());
        }
    }
}
