using Dossier.Text;

namespace Dossier.Stories.Tests;

public class ReuseIndexTests
{
    private static readonly Pipeline Sentences = new(new Tokenizer(), new SentenceSplitter());

    private static List<ulong[]> Terms(string text) => ReuseText.Sentences(Sentences.Run(text), Lexicon.English, SpinDetector.English);

    private const string Wire = "Russia has criticised earlier investigations by the international community into chemical attacks in Syria. "
        + "On April 4, a toxic gas attack hit the rebel-held town of Khan Sheikhoun, killing more than 80 people. "
        + "The US Secretary of State met the Russian foreign minister in Moscow for two hours of talks on Wednesday.";

    private const string Spun = "Russian Federation has criticised earlier investigations by the worldwide community into chemical attacks in Syria. "
        + "On April 4, a toxic gas attack hit the rebel-held town of Khan Sheikhoun, killing more than 80 people. "
        + "The USA Secretary of State met the Russian foreign minister in Moscow for two hours of talks on Wednesday.";

    [Fact]
    public void Normalising_undoes_spinner_swaps()
    {
        Assert.Equal(Terms(Wire).Select(s => string.Join(",", s)), Terms(Spun).Select(s => string.Join(",", s)));
        Assert.Equal(Terms("It cost 1,000 dollars.")[0], Terms("It cost 1000 dollars.")[0]);
    }

    [Fact]
    public void A_spun_copy_is_a_near_duplicate_of_the_original()
    {
        var index = new ReuseIndex();
        Assert.Empty(index.Add("wire", Terms(Wire)).Duplicates);
        var report = index.Add("spun", Terms(Spun));
        Assert.Equal("wire", Assert.Single(report.Duplicates).Article);
        Assert.Equal(1.0, report.Containment);
    }

    [Fact]
    public void A_stitched_article_names_its_sources_sentence_by_sentence()
    {
        var index = new ReuseIndex();
        index.Add("wire", Terms(Wire));
        index.Add("other", Terms("Heavy rain flooded the low streets of Dhaka on Monday as the monsoon reached the coast of Bangladesh early."));
        var stitched = "Heavy rain flooded the low streets of Dhaka on Monday as the monsoon reached the coast of Bangladesh early. "
            + "On April 4, a toxic gas attack hit the rebel-held town of Khan Sheikhoun, killing more than 80 people. "
            + "Analysts in Geneva expect the sanctions debate to return when the council meets again next month.";
        var report = index.Add("stitched", Terms(stitched));
        Assert.Empty(report.Duplicates);
        Assert.Equal([(0, "other", 0), (1, "wire", 1)], report.Reused.Select(r => (r.Sentence, r.Article, r.OtherSentence)));
        Assert.Equal(2 / 3.0, report.Containment, 9);
        Assert.Equal(2, report.Sources.Count);
    }

    [Fact]
    public void Unrelated_articles_share_nothing()
    {
        var index = new ReuseIndex();
        index.Add("wire", Terms(Wire));
        var report = index.Add("sport", Terms("The home side scored twice in the final ten minutes to win the cup in front of a record crowd at the stadium."));
        Assert.Empty(report.Duplicates);
        Assert.Empty(report.Reused);
    }

    [Fact]
    public void A_saved_index_reloads_and_finds_the_same()
    {
        var path = Path.GetTempFileName();
        try
        {
            var index = new ReuseIndex();
            index.Add("wire", Terms(Wire));
            index.Save(path);
            var loaded = ReuseIndex.Load(path);
            Assert.Equal(1, loaded.Count);
            Assert.Equal("wire", Assert.Single(loaded.Add("spun", Terms(Spun)).Duplicates).Article);
            File.WriteAllBytes(path, [.. File.ReadAllBytes(path).Take(40)]);
            Assert.Throws<InvalidDataException>(() => ReuseIndex.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
