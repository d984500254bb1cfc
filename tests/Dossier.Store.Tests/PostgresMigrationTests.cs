using Dossier.Ingest;

namespace Dossier.Store.Tests;

public class PostgresMigrationTests
{
    private static List<string> Hits(IDossierStore store, string text) =>
        store.Search(new SearchQuery(text)).Items.Select(h => $"{h.Id} {h.Story} {h.Score:F4} {string.Concat(h.Snippet.Select(p => p.Match ? "[" + p.Text + "]" : p.Text))}").ToList();

    [Fact]
    public void A_version_1_store_searches_as_a_new_one_once_migrated()
    {
        using var old = new TempPostgresStore(schemaVersion: 1);
        old.Ingest(Samples.Read());
        using var fresh = new TempPostgresStore();
        fresh.Ingest(Samples.Read());

        var migrated = old.Reopen();
        Assert.Equal(PostgresStore.SchemaVersion, migrated.Stats().SchemaVersion);
        foreach (var query in new[] { "chemical", "Putin Macron", "\"red line\"" })
        {
            var expected = Hits(fresh.Store, query);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Hits(migrated, query));
        }

        // Articles added after the migration are found too.
        old.Ingest([InputItem.Of(new Article("later", "Glacier", "A glacier collapsed in the Dolomites, the Marmolada glacier.", "later.txt"))]);
        Assert.Equal(["later"], migrated.Search(new SearchQuery("glacier")).Items.Select(h => h.Id));
    }
}
