namespace Dossier.Stories.Tests;

public class EntityCanonicalizerTests
{
    private static IReadOnlyList<EntityRecord> Canonical(params (string Surface, EntityType Type)[] mentions) =>
        EntityCanonicalizer.Default.Canonicalize(mentions.Select(m => new MentionCount(m.Surface, m.Type, 1))).Entities;

    [Fact]
    public void A_surname_joins_the_full_name()
    {
        var e = Assert.Single(Canonical(("Macron", EntityType.Person), ("Emmanuel Macron", EntityType.Person), ("Macron", EntityType.Other)));
        Assert.Equal("Emmanuel Macron", e.Name);
        Assert.Equal(["Macron"], e.Aliases);
        Assert.Equal("person:emmanuel-macron", e.Id);
        Assert.Equal(3, e.Mentions);
    }

    [Fact]
    public void Official_and_short_country_names_are_one_place()
    {
        var e = Assert.Single(Canonical(("Russian Federation", EntityType.Place), ("Russia", EntityType.Place)));
        Assert.Equal("Russia", e.Name);
        var us = Assert.Single(Canonical(("USA", EntityType.Place), ("U.S.", EntityType.Place), ("United States", EntityType.Place)));
        Assert.Equal("United States", us.Name);
    }

    [Fact]
    public void An_acronym_joins_the_organisation_it_spells()
    {
        var e = Assert.Single(Canonical(("Organisation for Security and Cooperation in Europe", EntityType.Organisation), ("OSCE", EntityType.Organisation)));
        Assert.Equal(["OSCE"], e.Aliases);
    }

    [Fact]
    public void People_who_share_a_surname_stay_apart()
    {
        var entities = Canonical(("Donald Trump", EntityType.Person), ("Melania Trump", EntityType.Person), ("Trump", EntityType.Person));
        Assert.Equal(3, entities.Count);
    }

    [Fact]
    public void An_arabic_article_does_not_split_a_person()
    {
        var e = Assert.Single(Canonical(("Bashar al-Assad", EntityType.Person), ("Assad", EntityType.Person), ("Bashar al-Assad", EntityType.Person)));
        Assert.Equal("Bashar al-Assad", e.Name);
    }

    [Fact]
    public void Slugs_are_stable_ascii() => Assert.Equal("francois-hollande", EntityCanonicalizer.Slug("François Hollande"));

    [Fact]
    public void Us_in_every_spelling_is_the_united_states()
    {
        var us = Assert.Single(Canonical(("US", EntityType.Place), ("USA", EntityType.Place), ("U.S.", EntityType.Place), ("United States", EntityType.Place)));
        Assert.Equal("United States", us.Name);
        Assert.Equal(["U.S.", "US", "USA"], us.Aliases.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("North Atlantic Treaty Organisation", "NATO")]
    [InlineData("Organization for the Prohibition of Chemical Weapons", "OPCW")]
    public void A_spelled_out_organisation_and_its_acronym_are_one(string full, string acronym)
    {
        var e = Assert.Single(Canonical((full, EntityType.Organisation), (acronym, EntityType.Organisation)));
        Assert.Contains(acronym, e.Aliases.Append(e.Name));
        Assert.Contains(full, e.Aliases.Append(e.Name));
    }

    [Fact]
    public void The_canonical_name_is_the_fullest_form()
    {
        var e = Assert.Single(Canonical(("Putin", EntityType.Person), ("Vladimir Putin", EntityType.Person), ("Vladimir Vladimirovich Putin", EntityType.Person)));
        Assert.Equal("Vladimir Vladimirovich Putin", e.Name);
    }

    [Fact]
    public void A_word_written_twice_makes_no_form_fuller()
    {
        var e = Assert.Single(Canonical(("Fernando Henrique Cardoso Cardoso", EntityType.Person), ("Fernando Henrique Cardoso", EntityType.Person),
            ("Fernando Henrique Cardoso", EntityType.Person), ("Cardoso", EntityType.Person)));
        Assert.Equal("Fernando Henrique Cardoso", e.Name);
        Assert.Contains("Fernando Henrique Cardoso Cardoso", e.Aliases);
    }

    [Fact]
    public void The_same_entity_has_the_same_id_in_every_story()
    {
        var first = Canonical(("Vladimir Putin", EntityType.Person), ("Putin", EntityType.Person), ("Kremlin", EntityType.Organisation));
        var second = Canonical(("Putin", EntityType.Person), ("Vladimir Putin", EntityType.Person), ("Emmanuel Macron", EntityType.Person));
        Assert.Equal(first.Single(e => e.Name == "Vladimir Putin").Id, second.Single(e => e.Name == "Vladimir Putin").Id);
    }
}
