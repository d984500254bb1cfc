namespace Dossier.Text.Tests;

public class EntityRecognizerTests
{
    private static (string Text, EntityType Type)[] Entities(string text)
    {
        var d = Pipeline.Default.Run(text);
        return d.Entities.Select(e => (d.EntitySpan(e).ToString(), e.Type)).ToArray();
    }

    [Fact]
    public void Titles_are_cut_off_and_mark_people()
    {
        var found = Entities("Russian President Vladimir Putin met Mr. Macron in Paris.");
        Assert.Contains(("Vladimir Putin", EntityType.Person), found);
        Assert.Contains(("Macron", EntityType.Person), found);
        Assert.Contains(("Paris", EntityType.Place), found);
        Assert.Contains(("Russian", EntityType.Other), found);
        Assert.DoesNotContain(found, e => e.Text.Contains("President", StringComparison.Ordinal));
    }

    [Fact]
    public void Organisations_and_places_are_typed_from_names_and_keywords()
    {
        var found = Entities("The Organization for the Prohibition of Chemical Weapons visited Khan Sheikhoun and the Shayrat Air Base.");
        Assert.Contains(("Organization for the Prohibition of Chemical Weapons", EntityType.Organisation), found);
        Assert.Contains(("Khan Sheikhoun", EntityType.Place), found);
        Assert.Contains(("Shayrat Air Base", EntityType.Place), found);
    }

    [Fact]
    public void A_surname_seen_in_a_full_name_is_a_person()
    {
        var found = Entities("Sergey Lavrov spoke first. Later the minister left, and reporters followed Lavrov outside.");
        Assert.Equal(2, found.Count(e => e.Type == EntityType.Person));
    }

    [Fact]
    public void Sentence_initial_common_words_and_dates_are_not_entities()
    {
        var found = Entities("Meanwhile the talks on Monday in April ended.");
        Assert.Empty(found);
    }
}
