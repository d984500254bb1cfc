namespace Dossier.Text.Tests;

public class PipelineTests
{
    [Fact]
    public void A_stage_whose_requirement_nothing_produces_is_named()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Pipeline(new Tokenizer(), new EntityRecognizer()));
        Assert.Contains("'entities'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Sentences", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_pipeline_produces_every_annotation()
    {
        var d = Pipeline.Default.Run("\"Yes,\" Ann Lee said.");
        Assert.Equal(Annotations.Tokens | Annotations.Sentences | Annotations.Entities | Annotations.Quotes | Annotations.Times, d.Annotated);
    }
}
