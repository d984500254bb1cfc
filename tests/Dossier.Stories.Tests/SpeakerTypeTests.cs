using Dossier.Text;

namespace Dossier.Stories.Tests;

public class SpeakerTypeTests
{
    /// <summary>Tags every occurrence of one word as a place, as a model that has not met a surname might.</summary>
    private sealed class TagAsPlace(string word) : IDocumentStage
    {
        public string Name => "tag-as-place";
        public Annotations Requires => Annotations.Tokens;
        public Annotations Produces => Annotations.Entities;

        public void Process(Document document)
        {
            for (var i = 0; i < document.TokenCount; i++)
                if (document.Token(i).Text.SequenceEqual(word)) document.AddEntity(new EntityMention(i, i + 1, EntityType.Place));
        }
    }

    private static ArticleAnalyzer Analyzer(string word) =>
        new(new Pipeline(new Tokenizer(), new SentenceSplitter(), new TagAsPlace(word), new QuoteFinder()), Lexicon.English);

    [Fact]
    public void A_place_that_speaks_a_quote_is_a_person_wherever_the_article_names_it()
    {
        var text = "Halvorsen met the minister on Monday.\n\n\"The talks went well,\" Halvorsen said.";
        var mentions = Analyzer("Halvorsen").Analyze(new Article("a", "Talks", text, "test")).Mentions;
        Assert.Equal(new MentionCount("Halvorsen", EntityType.Person, 2), Assert.Single(mentions));
    }

    [Fact]
    public void A_known_place_that_speaks_stays_a_place()
    {
        var text = "\"The talks went well,\" Moscow said on Monday.";
        var mentions = Analyzer("Moscow").Analyze(new Article("a", "Talks", text, "test")).Mentions;
        Assert.Equal(EntityType.Place, Assert.Single(mentions).Type);
    }
}
