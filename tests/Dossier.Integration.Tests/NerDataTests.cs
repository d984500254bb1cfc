using Dossier.Ner;
using Xunit.Abstractions;

namespace Dossier.Integration.Tests;

[Trait("Category", "Integration")]
public class NerDataTests(ITestOutputHelper log)
{
    private static readonly string Dev = SharedData.File("data", "ner", "conll2003", "eng.testa");

    [Fact]
    public void The_bundled_model_is_rebuilt_byte_for_byte_by_its_response_file()
    {
        // The same arguments the README gives (models/ner-conll2003.rsp), with ../shared resolved and a temporary output.
        var rsp = Path.Combine(SharedData.Repository, "models", "ner-conll2003.rsp");
        var output = Path.Combine(Path.GetTempPath(), $"dossier-ner-{Guid.NewGuid():N}.model");
        var args = File.ReadAllLines(rsp).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(a => a.StartsWith("../shared/", StringComparison.Ordinal) ? Path.Combine(SharedData.Root, a["../shared/".Length..]) : a)
            .Select(a => a == "models/ner-conll2003.model" ? output : a)
            .ToArray();
        Assert.Contains(output, args);
        try
        {
            var (exit, stdout, stderr) = DossierCli.Run(args);
            log.WriteLine(stdout);
            Assert.True(exit == 0, stderr);
            Assert.DoesNotContain("dossier:", stderr, StringComparison.Ordinal);
            var bundled = File.ReadAllBytes(Path.Combine(SharedData.Repository, "models", "ner-conll2003.model"));
            Assert.True(bundled.AsSpan().SequenceEqual(File.ReadAllBytes(output)),
                "models/ner-conll2003.model differs from what its response file builds: retrain and commit it.");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void The_bundled_model_scores_on_the_dev_set_at_least_its_floor()
    {
        var model = NerModel.Load(Path.Combine(SharedData.Repository, "models", "ner-conll2003.model"));
        var scorer = NerCorpus.Score(model, ConllFile.Read(Dev));
        log.WriteLine($"eng.testa F1 {scorer.Overall.F1:F2}");
        // Floor just under the measured 91.73: a change that makes the model worse fails here.
        Assert.True(scorer.Overall.F1 >= 91.5, $"F1 {scorer.Overall.F1:F2} below 91.5");
    }
}
