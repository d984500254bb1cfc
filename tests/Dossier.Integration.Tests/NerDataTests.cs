using Dossier.Ner;
using Xunit.Abstractions;

namespace Dossier.Integration.Tests;

[Trait("Category", "Integration")]
public class NerDataTests(ITestOutputHelper output)
{
    private static readonly string Train = SharedData.File("data", "ner", "conll2003", "eng.train");
    private static readonly string Dev = SharedData.File("data", "ner", "conll2003", "eng.testa");

    [Fact]
    public void The_bundled_model_is_rebuilt_byte_for_byte_from_the_training_data()
    {
        var documents = ConllFile.Read(Train).Select(d => NerCorpus.ToTraining(d, Train)).ToList();
        var model = NerTrainer.Train(documents, epochs: 16);
        using var rebuilt = new MemoryStream();
        model.Save(rebuilt);
        var bundled = File.ReadAllBytes(Path.Combine(SharedData.Repository, "models", "ner-conll2003.model"));
        Assert.True(bundled.AsSpan().SequenceEqual(rebuilt.ToArray()), "models/ner-conll2003.model differs from what 'dossier train ner' builds: retrain and commit it.");
    }

    [Fact]
    public void The_bundled_model_scores_on_the_dev_set_at_least_its_floor()
    {
        var model = NerModel.Load(Path.Combine(SharedData.Repository, "models", "ner-conll2003.model"));
        var scorer = NerCorpus.Score(model, ConllFile.Read(Dev));
        output.WriteLine($"eng.testa F1 {scorer.Overall.F1:F2}");
        // Floor just under the measured 89.44: a change that makes the model worse fails here.
        Assert.True(scorer.Overall.F1 >= 89.0, $"F1 {scorer.Overall.F1:F2} below 89.0");
    }
}
