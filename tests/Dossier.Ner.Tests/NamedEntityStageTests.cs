using Dossier.Text;

namespace Dossier.Ner.Tests;

/// <summary>The bundled model inside the pipeline, on sentences written for these tests.</summary>
public class NamedEntityStageTests
{
    private static readonly Pipeline Pipeline = new(new Tokenizer(), new SentenceSplitter(), NamedEntityStage.Default);

    private static List<(string Text, EntityType Type)> Entities(string text)
    {
        var d = Pipeline.Run(text);
        return d.Entities.Select(e => (d.EntitySpan(e).ToString(), e.Type)).ToList();
    }

    [Fact]
    public void Titles_are_cut_off_and_what_follows_a_title_is_a_person()
    {
        var found = Entities("US President Donald Trump spoke to Mr Macron and to Foreign Secretary Boris Johnson in Paris.");
        Assert.Contains(("Donald Trump", EntityType.Person), found);
        Assert.Contains(("Macron", EntityType.Person), found);
        Assert.Contains(("Boris Johnson", EntityType.Person), found);
        Assert.DoesNotContain(found, e => e.Text.Contains("President", StringComparison.Ordinal) || e.Text.StartsWith("Mr", StringComparison.Ordinal) || e.Text.Contains("Secretary", StringComparison.Ordinal));
    }

    [Fact]
    public void A_title_word_that_ends_a_name_is_a_surname()
    {
        var found = Entities("Helen Pope, a deputy adviser, met Pope Leo in Rome.");
        Assert.True(found.Contains(("Helen Pope", EntityType.Person)), string.Join("; ", found));
        Assert.Contains(("Leo", EntityType.Person), found);
    }

    [Fact]
    public void Mentions_stop_before_a_possessive_and_a_weekday()
    {
        var found = Entities("Troops loyal to Bashar al-Assad's government advanced. Leaders met at the Palace of Versailles Monday, officials said.");
        Assert.True(found.Any(e => e.Text == "Bashar al-Assad"), string.Join("; ", found));
        Assert.DoesNotContain(found, e => e.Text.Contains("'s", StringComparison.Ordinal) || e.Text.EndsWith("Monday", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_the_lexicon_knows_takes_the_lexicon_type()
    {
        var found = Entities("Rebels retreated from Idlib Province as talks with the Russian Federation stalled.");
        Assert.True(found.Contains(("Idlib Province", EntityType.Place)), string.Join("; ", found));
        Assert.Contains(("Russian Federation", EntityType.Place), found);
    }

    [Fact]
    public void A_listed_name_of_several_words_is_one_mention_whatever_the_model_cut()
    {
        var found = Entities("Inspectors from the Organization for the Prohibition of Chemical Weapons and the Group of Seven met in The Hague.");
        Assert.True(found.Contains(("Organization for the Prohibition of Chemical Weapons", EntityType.Organisation)), string.Join("; ", found));
        Assert.True(found.Contains(("Group of Seven", EntityType.Organisation)), string.Join("; ", found));
        Assert.DoesNotContain(found, e => e.Text is "Organization" or "Prohibition of Chemical Weapons" or "Seven");
        // A longer name that holds a listed one is not cut down to it.
        var bank = Entities("Shares of the Bank of New Zealand rose on Monday.");
        Assert.False(bank.Contains(("New Zealand", EntityType.Place)), string.Join("; ", bank));
    }

    [Fact]
    public void A_phrase_of_known_names_joined_by_lower_case_words_is_those_names()
    {
        var found = Entities("The sanctions were first imposed when it annexed Crimea from Ukraine in 2014, officials said.");
        Assert.True(found.Contains(("Crimea", EntityType.Place)) && found.Contains(("Ukraine", EntityType.Place)), string.Join("; ", found));
        Assert.DoesNotContain(found, e => e.Text.Contains(" from ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_given_name_the_model_left_out_joins_the_person_after_it()
    {
        var found = Entities("Sergey Lavrov spoke in Moscow on Tuesday.");
        Assert.True(found.Contains(("Sergey Lavrov", EntityType.Person)), string.Join("; ", found));
    }
}
