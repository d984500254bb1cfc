namespace Dossier.Ner.Tests;

public class ClustersAndGazetteerTests
{
    /// <summary>Composed text where two word groups fill two different slots: cities after "flew to", fruits after "ate".</summary>
    private static List<string[]> Corpus()
    {
        string[] cities = ["Lisbon", "Oslo", "Quito", "Accra", "Hanoi", "Lima"];
        string[] fruits = ["apples", "pears", "plums", "figs", "grapes", "limes"];
        var sentences = new List<string[]>();
        for (var i = 0; i < 300; i++)
        {
            sentences.Add(["She", "flew", "to", cities[i % 6], "on", "Monday", "."]);
            sentences.Add(["He", "ate", fruits[(i * 5) % 6], "at", "noon", "."]);
        }
        return sentences;
    }

    private static int Class(WordClusters clusters, string word, int level) =>
        WordClusters.Level(clusters.Lookup(FeatureHash.Of(word)), level);

    [Fact]
    public void Words_that_fill_the_same_slot_share_a_class_and_differ_from_other_slots()
    {
        var clusters = WordClusters.Build(Corpus());
        var coarse = WordClusters.Sizes.Count - 1;
        var city = Class(clusters, "Lisbon", coarse);
        var fruit = Class(clusters, "apples", coarse);
        Assert.All(new[] { "Oslo", "Quito", "Accra", "Hanoi", "Lima" }, w => Assert.Equal(city, Class(clusters, w, coarse)));
        Assert.All(new[] { "pears", "plums", "figs", "grapes", "limes" }, w => Assert.Equal(fruit, Class(clusters, w, coarse)));
        Assert.NotEqual(city, fruit);
    }

    [Fact]
    public void Rare_and_unseen_words_have_no_class_and_building_is_deterministic()
    {
        var corpus = Corpus();
        corpus.Add(["Zanzibar", "once"]);
        var a = WordClusters.Build(corpus);
        Assert.Equal(WordClusters.Unknown, Class(a, "Zanzibar", 0));
        Assert.Equal(WordClusters.Unknown, Class(a, "Tokyo", 0));
        var b = WordClusters.Build(corpus);
        Assert.Equal(a.Entries, b.Entries);
    }

    private static ushort[] Marks(Gazetteer gazetteer, params string[] words)
    {
        var lower = words.Select(w => FeatureHash.Of(w.ToLowerInvariant())).ToArray();
        var marks = new ushort[words.Length];
        gazetteer.Match(lower, marks);
        return marks;
    }

    private static ushort Bit(string type, int part) => (ushort)(1 << (EntityTags.TypeIndex(type) * 4 + part));

    [Fact]
    public void A_gazetteer_marks_each_token_of_a_known_phrase_with_its_type_and_place_case_blind()
    {
        string[] words = ["Acme", "Steel", "Works", "hired", "Ana", "in", "Porto", "."];
        var tags = EntityTags.ToBilou([new(0, 3, "ORG"), new(4, 5, "PER"), new(6, 7, "LOC")], words.Length);
        var gazetteer = Gazetteer.Build([new TrainingDocument([(words, tags)])]);

        var marks = Marks(gazetteer, "ACME", "STEEL", "WORKS", "sued", "Porto", "Acme", "Steel");
        Assert.Equal(Bit("ORG", 0), marks[0]);
        Assert.Equal(Bit("ORG", 1), marks[1]);
        Assert.Equal(Bit("ORG", 2), marks[2]);
        Assert.Equal(0, marks[3]);
        Assert.Equal(Bit("LOC", 3), marks[4]);
        // A prefix of a phrase is not a match.
        Assert.Equal(0, marks[5]);
        Assert.Equal(0, marks[6]);
    }
}
