namespace Dossier.Stories.Tests;

public class StoryStateTests
{
    private static readonly string[] Texts =
    [
        "Floods swept through Dhaka after monsoon rains, and officials in Dhaka counted the dead.",
        "A volcano erupted in Iceland near Grindavik, forcing the evacuation of Grindavik.",
        "Officials in Dhaka counted the dead after floods swept through Dhaka in monsoon rains.",
        "Lava from the Iceland volcano reached the edge of Grindavik on Sunday.",
        "Monsoon floods in Dhaka left thousands homeless, officials in Dhaka said.",
        "Scientists said the eruption near Grindavik in Iceland may last for weeks.",
    ];

    private static List<AnalyzedArticle> Analyze() =>
        Texts.Select((t, i) => ArticleAnalyzer.Default.Analyze(new Article("a" + i, "", t, "test"))).ToList();

    [Fact]
    public void A_clusterer_restored_from_saved_sums_places_the_next_articles_as_the_original_does()
    {
        var articles = Analyze();
        float Idf(ulong _) => 1f;
        var original = new StoryClusterer(Idf);
        foreach (var a in articles.Take(3)) original.Place(a.Terms, a.Names, null);

        var restored = new StoryClusterer(Idf);
        foreach (var s in original.Stories) restored.Restore(s.Sum, s.Size, s.Last);
        Assert.Equal(original.Stories.Select(s => s.Centroid.Terms), restored.Stories.Select(s => s.Centroid.Terms));
        Assert.Equal(original.Stories.Select(s => s.Centroid.Weights), restored.Stories.Select(s => s.Centroid.Weights));

        foreach (var a in articles.Skip(3))
            Assert.Equal(original.Place(a.Terms, a.Names, null).Index, restored.Place(a.Terms, a.Names, null).Index);
        Assert.Equal(original.Stories.Select(s => s.Size), restored.Stories.Select(s => s.Size));
        Assert.Equal(2, original.Stories.Count);
        Assert.All(original.Stories, s => Assert.Empty(s.Members));
    }

    [Fact]
    public void An_encoded_article_decodes_to_the_same_dossier_material()
    {
        var article = ArticleAnalyzer.Default.Analyze(new Article("q", "Dhaka floods",
            "Floods swept through Dhaka on April 4, 2017. \"We have lost everything,\" said Rahima Begum, a resident of Dhaka. Officials said the water would recede by Friday.",
            "test") { Published = new DateTimeOffset(2017, 4, 5, 0, 0, 0, TimeSpan.Zero) });
        var bytes = AnalyzedArticleCodec.Encode(article);
        var decoded = AnalyzedArticleCodec.Decode(bytes, article.Article, 7);
        Assert.Equal(7, decoded.Order);
        Assert.Equal(article.SentenceCount, decoded.SentenceCount);
        Assert.Equal(article.LeadSentence, decoded.LeadSentence);
        Assert.Equal(article.TitleTerms.Terms, decoded.TitleTerms.Terms);
        Assert.Equal(article.Sentences.Select(s => (s.Index, s.Text, s.Eligible)), decoded.Sentences.Select(s => (s.Index, s.Text, s.Eligible)));
        Assert.Equal(article.Sentences.Select(s => s.Terms.Weights), decoded.Sentences.Select(s => s.Terms.Weights));
        Assert.Equal(article.Mentions, decoded.Mentions);
        Assert.Equal(article.Quotes, decoded.Quotes);
        Assert.Equal(article.Events, decoded.Events);
        Assert.NotEmpty(decoded.Quotes);
        Assert.NotEmpty(decoded.Events);
        Assert.Equal(bytes, AnalyzedArticleCodec.Encode(decoded));
    }

    [Fact]
    public void Damaged_article_bytes_are_refused()
    {
        var bytes = AnalyzedArticleCodec.Encode(ArticleAnalyzer.Default.Analyze(new Article("q", "t", "Floods swept through Dhaka after monsoon rains.", "test")));
        var article = new Article("q", "t", "", "test");
        Assert.Throws<InvalidDataException>(() => AnalyzedArticleCodec.Decode(bytes.AsSpan(0, bytes.Length - 3), article, 0));
        Assert.Throws<InvalidDataException>(() => AnalyzedArticleCodec.Decode([.. bytes, 0], article, 0));
        var wrongVersion = (byte[])bytes.Clone();
        wrongVersion[0] = 99;
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => AnalyzedArticleCodec.Decode(wrongVersion, article, 0)).Message, StringComparison.Ordinal);
    }
}
