using Dossier.Ingest;
using Dossier.Text;

namespace Dossier.Stories.Tests;

public class ClusteringTests
{
    private static readonly Pipeline Sentences = new(new Tokenizer(), new SentenceSplitter());

    [Fact]
    public void Names_are_capitalised_words_past_a_sentences_first_word()
    {
        var document = Sentences.Run("Police arrested Tara Reid in Malibu. The actress was released.");
        var names = new List<ulong>();
        Terms.CollectNames(document, names);
        // "Police" and "The" open their sentences; "Tara", "Reid" and "Malibu" are names.
        Assert.Equal(3, names.Count);
        var plain = new List<ulong>();
        Terms.Collect(document, 0, document.TokenCount, plain, Lexicon.English);
        Assert.Empty(names.Intersect(plain));
    }

    [Fact]
    public void Cluster_keeps_input_order_and_ids_as_given()
    {
        var items = new[]
        {
            new Article("x", "", "Floods swept through Dhaka after monsoon rains, and officials in Dhaka counted the dead.", "a"),
            new Article("y", "", "A volcano erupted in Iceland near Grindavik, forcing the evacuation of Grindavik.", "b"),
            new Article("x", "", "Officials in Dhaka counted the dead after floods swept through Dhaka in monsoon rains.", "c"),
        }.Select(InputItem.Of);
        var result = new DigestBuilder(ArticleAnalyzer.Clustering, EntityCanonicalizer.Default).Cluster(items);
        Assert.Equal(["x", "y", "x"], result.Assignments.Select(a => a.Article));
        Assert.Equal(["s1", "s2", "s1"], result.Assignments.Select(a => a.Story));
    }

    [Fact]
    public void Cluster_places_articles_as_the_digest_does()
    {
        var texts = new[]
        {
            "A strong earthquake struck Northern Chile on Tuesday, killing six people in Iquique.",
            "An earthquake hit Central Italy near Amatrice on Wednesday, killing dozens in Amatrice.",
            "Six people died in Iquique when the earthquake struck Northern Chile, officials said.",
        };
        IEnumerable<InputItem> Items() => texts.Select((t, i) => InputItem.Of(new Article($"a{i}", "", t, "t")));
        var builder = new DigestBuilder(ArticleAnalyzer.Clustering, EntityCanonicalizer.Default);
        var clustered = builder.Cluster(Items()).Assignments.GroupBy(a => a.Story).Select(g => string.Join(",", g.Select(a => a.Article))).Order().ToList();
        var digested = builder.Build(Items()).Stories.Select(s => string.Join(",", s.Articles.Order())).Order().ToList();
        Assert.Equal(digested, clustered);
        Assert.Equal(["a0,a2", "a1"], clustered);
    }
}
