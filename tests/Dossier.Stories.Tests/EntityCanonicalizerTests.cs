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
}
