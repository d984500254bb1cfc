using BenchmarkDotNet.Attributes;
using Dossier;
using Dossier.Text;

/// <summary>Per-stage costs on a fixed news paragraph, with the tokenizer alone as the baseline.</summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private const string Paragraph =
        "The use of chemical weapons in Syria is a red line for France and would result in reprisals, Emmanuel Macron said on Monday. " +
        "\"We have disagreements, but at least we talked about them,\" he added. Mr. Putin met the U.S. envoy in Moscow for 2.5 hours.\n\n";

    private string _text = "";

    [Params(1, 20)]
    public int Paragraphs { get; set; }

    [GlobalSetup]
    public void Setup() => _text = string.Concat(Enumerable.Repeat(Paragraph, Paragraphs));

    [Benchmark(Baseline = true)]
    public int Tokenize()
    {
        var d = new Document(_text);
        new Tokenizer().Process(d);
        return d.TokenCount;
    }

    [Benchmark]
    public int FullPipeline() => Pipeline.Default.Run(_text).Entities.Count;

    [Benchmark]
    public int Clean() => BoilerplateCleaner.Clean(_text).Text.Length;
}
