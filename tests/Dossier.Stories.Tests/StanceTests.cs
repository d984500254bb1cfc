using Dossier.Text;

namespace Dossier.Stories.Tests;

public class StanceTests
{
    [Fact]
    public void Fnc_score_weights_related_decisions_and_stances()
    {
        Stance[] gold = [Stance.Agree, Stance.Unrelated, Stance.Discuss, Stance.Disagree];
        Stance[] predicted = [Stance.Agree, Stance.Unrelated, Stance.Agree, Stance.Unrelated];
        var score = FncScore.Compute(predicted, gold);
        // agree right (1.0), unrelated right (0.25), discuss→agree (0.25), disagree→unrelated (0): 1.5 of 3.25.
        Assert.Equal(1.5, score.Score, 9);
        Assert.Equal(3.25, score.Max, 9);
        Assert.Equal(0.75, score.RelatedAccuracy, 9);
    }

    [Fact]
    public void Stance_text_keeps_content_terms_and_counts_refuting_cues()
    {
        var text = StanceText.Of("Officials denied the report, calling it a hoax. It is not true.");
        Assert.Contains("officials", text.Terms);
        Assert.DoesNotContain("the", text.Terms);
        Assert.Equal(3, text.Cues); // denied, hoax, not
    }

    private static (List<StancePair> Pairs, Dictionary<string, StanceText> Bodies) Toy()
    {
        string[] topics = ["volcano erupts island lava ash flights", "bank raises interest rates inflation markets", "team wins cup final goal striker",
            "storm floods coast rain evacuation", "company recalls cars brakes fault", "scientists discover planet star telescope"];
        var bodies = new Dictionary<string, StanceText>(StringComparer.Ordinal);
        var pairs = new List<StancePair>();
        for (var b = 0; b < topics.Length; b++)
        {
            bodies[$"b{b}"] = StanceText.Of($"Reports said {topics[b]}. Witnesses described how {topics[b]} today.");
            for (var h = 0; h < topics.Length; h++)
            {
                var words = topics[h].Split(' ');
                pairs.Add(new StancePair($"{words[0]} {words[1]} {words[2]}", $"b{b}", h == b ? Stance.Discuss : Stance.Unrelated));
            }
        }
        return (pairs, bodies);
    }

    private static readonly StanceTrainingOptions Small = new() { Vocabulary = 200, Hidden = 8, Epochs = 60, Batch = 6, Keep = 1f };

    [Fact]
    public void Training_learns_related_from_unrelated()
    {
        var (pairs, bodies) = Toy();
        var model = StanceTrainer.Train(pairs, bodies, Small);
        var right = pairs.Count(p => model.Predict(StanceText.Of(p.Headline), bodies[p.BodyId]) == p.Gold);
        Assert.True(right >= pairs.Count - 2, $"{right} of {pairs.Count} right");
    }

    [Fact]
    public void Training_is_deterministic_and_a_saved_model_predicts_the_same()
    {
        var (pairs, bodies) = Toy();
        var dir = Directory.CreateTempSubdirectory("dossier-stance-");
        try
        {
            var a = Path.Combine(dir.FullName, "a.model");
            var b = Path.Combine(dir.FullName, "b.model");
            var model = StanceTrainer.Train(pairs, bodies, Small);
            model.Save(a);
            StanceTrainer.Train(pairs, bodies, Small).Save(b);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            var loaded = StanceModel.Load(a);
            Span<float> p = stackalloc float[4];
            Span<float> q = stackalloc float[4];
            model.Probabilities(StanceText.Of("volcano erupts island"), bodies["b0"], p);
            loaded.Probabilities(StanceText.Of("volcano erupts island"), bodies["b0"], q);
            Assert.True(p.SequenceEqual(q));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_stance_model_is_refused_by_name()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [1, 2, 3]);
            var e = Assert.ThrowsAny<Exception>(() => StanceModel.Load(path));
            Assert.True(e is InvalidDataException or IOException, e.GetType().Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Headline_names_that_the_body_never_mentions_are_found()
    {
        var pipeline = ArticleAnalyzer.Default.Pipeline;
        var body = pipeline.Run("Emmanuel Macron met Vladimir Putin at Versailles. The French president spoke of the USA.");
        Assert.Empty(HeadlineChecks.MissingNames(pipeline.Run("Macron hosts Putin in France, talks of United States"), body, Lexicon.English));
        var missing = HeadlineChecks.MissingNames(pipeline.Run("Angela Merkel joins Macron in Berlin"), body, Lexicon.English);
        Assert.Contains(missing, m => m.Contains("Merkel", StringComparison.Ordinal));
        Assert.Contains("Berlin", missing);
    }

    [Fact]
    public void In_a_title_case_headline_ordinary_words_are_not_taken_for_names()
    {
        var pipeline = ArticleAnalyzer.Default.Pipeline;
        var body = pipeline.Run("Emmanuel Macron met Vladimir Putin at Versailles on Monday.");
        var title = pipeline.Run("Kadyrov Invites French, German Leaders To Investigate Reports Of Gay Abuse");
        var tagged = HeadlineChecks.MissingNames(title, body, Lexicon.English);
        Assert.Contains(tagged, m => m.Contains("Invites", StringComparison.Ordinal));
        var vocabulary = Dossier.Ner.NamedEntityStage.Default.Model.Clusters;
        Assert.Equal(["Kadyrov", "French", "German"], HeadlineChecks.MissingNames(title, body, Lexicon.English, vocabulary));
        // A headline in sentence case keeps the tagger's names as they are.
        Assert.Contains("Berlin", HeadlineChecks.MissingNames(pipeline.Run("Leaders meet in Berlin"), body, Lexicon.English, vocabulary));
    }
}
