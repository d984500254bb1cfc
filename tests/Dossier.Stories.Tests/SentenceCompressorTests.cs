namespace Dossier.Stories.Tests;

public class SentenceCompressorTests
{
    [Theory]
    [InlineData("The storm killed 39 people across the region, police said.", "The storm killed 39 people across the region.")]
    [InlineData("The ferry will resume service in March, the harbour authority announced Tuesday.", "The ferry will resume service in March.")]
    [InlineData("The watchdog (the OPCW) found traces of sarin in the samples.", "The watchdog found traces of sarin in the samples.")]
    public void Parentheticals_and_a_closing_attribution_go(string sentence, string compressed) =>
        Assert.Equal(compressed, SentenceCompressor.Compress(sentence));

    [Theory]
    [InlineData("\"We will rebuild the bridge,\" the mayor said.")]
    [InlineData("The reports, American officials said, included several caveats.")]
    [InlineData("Police said the road would stay closed until Friday.")]
    [InlineData("Later models of the car were recalled.")]
    public void A_quotation_s_speaker_and_an_attribution_inside_the_sentence_stay(string sentence) =>
        Assert.Equal(sentence, SentenceCompressor.Compress(sentence));

    [Theory]
    [InlineData("But the army denied that its troops had crossed the border.", "The army denied that its troops had crossed the border.")]
    [InlineData("Meanwhile, rebels shelled the airport.", "Rebels shelled the airport.")]
    [InlineData("On Tuesday, the council approved the budget.", "The council approved the budget.")]
    public void A_connective_that_opens_the_sentence_goes(string sentence, string compressed) =>
        Assert.Equal(compressed, SentenceCompressor.Compress(sentence));
}
