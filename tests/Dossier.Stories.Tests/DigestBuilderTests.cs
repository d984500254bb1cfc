using Dossier.Ingest;

namespace Dossier.Stories.Tests;

public class DigestBuilderTests
{
    private static Article Make(string id, string title, string body, string? outlet = null) => new(id, title, body, id + ".txt") { Outlet = outlet };

    private static readonly Article[] Corpus =
    [
        Make("q1", "Earthquake strikes Chile", "A powerful earthquake struck northern Chile on Tuesday, killing at least six people. The magnitude 8.2 quake triggered a tsunami warning along the Chilean coast. Rescue teams searched collapsed houses in Iquique overnight.", "Wire"),
        Make("q2", "Chile quake kills six", "At least six people died when a magnitude 8.2 earthquake struck northern Chile on Tuesday. Authorities in Iquique issued a tsunami warning for the Chilean coast. Rescue teams searched the rubble of houses.", "Daily"),
        Make("t1", "Storm floods London", "Heavy rain flooded streets across London on Saturday as a storm swept across southern England. Trains between London and Brighton were cancelled. The Met Office warned of more rain.", "Wire"),
        Make("t2", "London under water after storm", "A storm brought heavy rain and flooding to London and southern England on Saturday. Rail services to Brighton were cancelled. Forecasters at the Met Office expect more rain.", "Herald"),
    ];

    private static DigestResult Digest(IEnumerable<Article> articles, DigestOptions? options = null) =>
        DigestBuilder.CreateDefault(options).Build(articles.Select(InputItem.Of));

    [Fact]
    public void Articles_about_the_same_event_form_one_story()
    {
        var result = Digest(Corpus.Select(a => Make(a.Id, a.Title, a.Body, a.Outlet)));
        Assert.Equal(2, result.Stories.Count);
        Assert.Contains(result.Stories, s => s.Articles.Order().SequenceEqual(["q1", "q2"]));
        Assert.Contains(result.Stories, s => s.Articles.Order().SequenceEqual(["t1", "t2"]));
    }

    [Fact]
    public void A_story_of_untitled_articles_is_named_by_a_lead_in_its_summary()
    {
        var result = Digest(Corpus.Select(a => Make(a.Id, "", a.Body, a.Outlet)));
        Assert.Equal(2, result.Stories.Count);
        foreach (var story in result.Stories)
        {
            Assert.False(string.IsNullOrWhiteSpace(story.Title));
            var lead = Assert.Single(story.Summary, s => StoryBuilder.Headline(s.Text) == story.Title);
            Assert.Contains(lead.Sources, r => r.Sentence == 0);
        }
    }

    [Fact]
    public void A_headline_is_a_sentence_without_its_stop_cut_after_fourteen_words()
    {
        Assert.Equal("Heavy rain flooded London", StoryBuilder.Headline("Heavy rain flooded London."));
        Assert.Equal("one two three four five six seven eight nine ten eleven twelve thirteen fourteen …",
            StoryBuilder.Headline("one two three four five six seven eight nine ten eleven twelve thirteen fourteen, fifteen sixteen."));
    }

    [Fact]
    public void Summaries_fit_the_budget_and_cite_their_sources()
    {
        var result = Digest(Corpus.Select(a => Make(a.Id, a.Title, a.Body, a.Outlet)), new DigestOptions { Summary = new SummaryOptions { Words = 40 } });
        foreach (var story in result.Stories)
        {
            Assert.NotEmpty(story.Summary);
            Assert.True(story.Summary.Sum(s => Summarizer.CountWords(s.Text)) <= 40);
            foreach (var sentence in story.Summary)
            {
                Assert.NotEmpty(sentence.Sources);
                Assert.Equal(sentence.Text, sentence.Sources[0].Text);
                Assert.All(sentence.Sources, r => Assert.Contains(r.Article, story.Articles));
                Assert.InRange(sentence.Outlets, 1, story.Outlets);
            }
        }
    }

    [Fact]
    public void The_same_content_from_two_outlets_is_cited_to_both()
    {
        var result = Digest(Corpus.Select(a => Make(a.Id, a.Title, a.Body, a.Outlet)));
        Assert.Contains(result.Stories.SelectMany(s => s.Summary), s => s.Outlets == 2 && s.Sources.Select(r => r.Article).Distinct().Count() == 2);
    }

    [Fact]
    public void Duplicate_ids_are_made_unique_and_output_is_deterministic()
    {
        var a = Digest(Corpus.Select(x => Make("same", x.Title, x.Body, x.Outlet)), new DigestOptions { Parallelism = 2 });
        var b = Digest(Corpus.Select(x => Make("same", x.Title, x.Body, x.Outlet)), new DigestOptions { Parallelism = 1 });
        Assert.Equal(["same", "same-2", "same-3", "same-4"], a.Articles.Select(x => x.Id));
        Assert.Equal(Dossier.Reports.JsonReport.ToJson(a), Dossier.Reports.JsonReport.ToJson(b));
    }

    [Fact]
    public void Rejections_pass_through()
    {
        var result = DigestBuilder.CreateDefault().Build([InputItem.Rejected("x.bin", "binary content")]);
        Assert.Empty(result.Stories);
        Assert.Equal("x.bin", Assert.Single(result.Rejected).Source);
    }

    [Fact]
    public void A_long_story_keeps_a_bounded_sentence_pool_and_still_cites_every_copy()
    {
        // 60 outlets repeat one wire report word for word, each with a sentence of its own.
        var wire = "A powerful earthquake struck northern Chile on Tuesday, killing at least six people in the port city of Iquique. ";
        var articles = Enumerable.Range(0, 60).Select(i => Make($"a{i}", "Earthquake strikes Chile",
            wire + $"Local reporter number {i} described collapsed houses and frightened residents in district {i} overnight.", $"Outlet{i}"));
        var options = new DigestOptions { SentencePoolSize = 8 };
        var result = Digest(articles, options);
        var story = Assert.Single(result.Stories);
        var lead = Assert.Single(story.Summary, s => s.Text == wire.Trim());
        Assert.Equal(60, lead.Sources.Select(r => r.Article).Distinct().Count());
        Assert.Equal(60, lead.Outlets);
    }

    [Fact]
    public void Within_the_reorder_window_input_order_does_not_change_the_stories()
    {
        static Article Dated(Article a, int day) => new(a.Id, a.Title, a.Body, a.Source) { Outlet = a.Outlet, Published = new DateTimeOffset(2024, 5, day, 0, 0, 0, TimeSpan.Zero) };
        var dated = Corpus.Select((a, i) => (Article: a, Day: 1 + i)).ToList();
        var forward = Digest(dated.Select(x => Dated(x.Article, x.Day)));
        var backward = Digest(dated.AsEnumerable().Reverse().Select(x => Dated(x.Article, x.Day)));
        static string Stories(DigestResult r) => string.Join(" | ", r.Stories.Select(s => string.Join(",", s.Articles.Order())).Order());
        Assert.Equal(Stories(forward), Stories(backward));
        Assert.Equal(forward.Stories.Select(s => s.Summary.Select(x => x.Text)).SelectMany(x => x).Order(), backward.Stories.Select(s => s.Summary.Select(x => x.Text)).SelectMany(x => x).Order());
    }
}
