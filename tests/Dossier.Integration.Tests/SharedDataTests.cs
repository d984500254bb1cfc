using System.Text.Json;
using Dossier.Ingest;
using Dossier.Stories;
using Xunit.Abstractions;

namespace Dossier.Integration.Tests;

[Trait("Category", "Integration")]
public class SharedDataTests(ITestOutputHelper output)
{
    [Fact]
    public void The_bundled_samples_are_the_users_seed_articles()
    {
        var seeds = Directory.GetFiles(Path.Combine(SharedData.Root, "seeds"), "*.txt").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, seeds.Count);
        foreach (var seed in seeds)
            Assert.Equal(System.IO.File.ReadAllText(seed), System.IO.File.ReadAllText(Path.Combine(SharedData.Repository, "samples", Path.GetFileName(seed))));
    }

    [Fact]
    public void Fnc1_bodies_digest_without_rejections()
    {
        var articles = Corpora.Fnc1Bodies(SharedData.File("data", "stance", "fnc1", "train_bodies.csv")).ToList();
        Assert.True(articles.Count > 1600, $"only {articles.Count} bodies read");
        var result = DigestBuilder.CreateDefault().Build(articles.Select(InputItem.Of));
        Assert.Empty(result.Rejected);
        Assert.Equal(articles.Count, result.Articles.Count);
        Assert.Equal(articles.Count, result.Stories.Sum(s => s.Articles.Count));
        // A story whose articles hold no sentence within the budget (one 150-word run-on body) has nothing to say.
        var withSummary = result.Stories.Count(s => s.Summary.Count > 0);
        Assert.True(withSummary >= result.Stories.Count * 0.99, $"{withSummary} of {result.Stories.Count} stories have a summary");
    }

    [Theory]
    [InlineData("ecbplus/ecbplus_dev_topics_1-25.jsonl", "subtopic", 0.91)]
    [InlineData("duc2003_tdt_clusters.jsonl", "cluster", 0.85)]
    public void Cluster_command_on_the_dev_sets_beats_a_floor(string file, string gold, double floor)
    {
        var path = SharedData.File(["data", "clustering", .. file.Split('/')]);
        var (exit, printed, errors) = DossierCli.Run("eval", "clusters", path, "--gold", gold);
        Assert.True(exit == 0, errors);
        output.WriteLine(printed);
        var f1 = double.Parse(System.Text.RegularExpressions.Regex.Match(printed, @"F1 (\d\.\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(f1 >= floor, $"{file}: {printed}");
    }

    [Theory]
    [InlineData("ecbplus", 0.89)]
    [InlineData("duc", 0.85)]
    public void Story_clustering_on_the_dev_sets_beats_a_floor(string set, double floor)
    {
        var (articles, gold) = Corpora.ClusteringDevSet(set);
        var result = DigestBuilder.CreateDefault().Build(articles.Select(InputItem.Of));
        var storyOf = result.Stories.SelectMany(s => s.Articles.Select(a => (a, s.Id))).ToDictionary(x => x.a, x => x.Id);
        var score = BCubedScore.Compute(articles.Select(a => storyOf[a.Id]).ToList(), gold);
        output.WriteLine($"B-cubed on {set}: P={score.Precision:F3} R={score.Recall:F3} F1={score.F1:F3}");
        Assert.True(score.F1 >= floor, $"B-cubed on {set}: P={score.Precision:F3} R={score.Recall:F3} F1={score.F1:F3}, below {floor}");
    }
}

/// <summary>Stories as a store makes them: placed as articles arrive, then consolidated.</summary>
[Trait("Category", "Integration")]
public class StoreClusteringTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("ecbplus", 0.87)]
    [InlineData("duc", 0.84)]
    public void A_consolidated_store_clusters_the_dev_sets_above_a_floor(string set, double floor)
    {
        var (articles, gold) = Corpora.ClusteringDevSet(set);
        var goldOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < articles.Count; i++) goldOf.TryAdd(articles[i].Id, gold[i]);
        var folder = Directory.CreateTempSubdirectory("dossier-store-clusters-");
        try
        {
            using var store = Dossier.Store.SqliteStore.Open(Path.Combine(folder.FullName, "store.db"));
            var ingestor = Dossier.Store.StoreIngestor.CreateDefault(store);
            ingestor.Ingest(articles.Select(InputItem.Of));
            var placed = Score(store, goldOf);
            var merged = ingestor.Consolidate();
            var consolidated = Score(store, goldOf);
            output.WriteLine($"{set}: placed F1={placed.F1:F3}; {merged} stories merged; consolidated P={consolidated.Precision:F3} R={consolidated.Recall:F3} F1={consolidated.F1:F3}");
            Assert.True(consolidated.F1 > placed.F1, $"{set}: consolidating gave {consolidated.F1:F3} from {placed.F1:F3}");
            Assert.True(consolidated.F1 >= floor, $"{set}: consolidated F1 {consolidated.F1:F3}, below {floor}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>B-cubed of the stored articles (texts stored twice in the set are stored once) against their gold stories.</summary>
    private static BCubedScore Score(Dossier.Store.IDossierStore store, Dictionary<string, string> goldOf)
    {
        var predicted = new List<string>();
        var gold = new List<string>();
        for (var offset = 0; ; offset += Dossier.Store.StorePages.MaxPage)
        {
            var page = store.Articles(null, offset, Dossier.Store.StorePages.MaxPage);
            foreach (var a in page.Items)
            {
                predicted.Add(a.Story);
                gold.Add(goldOf[a.Id]);
            }
            if (offset + Dossier.Store.StorePages.MaxPage >= page.Total) break;
        }
        Assert.NotEmpty(predicted);
        return BCubedScore.Compute(predicted, gold);
    }
}

/// <summary>Readers for the development sets' own formats.</summary>
internal static class Corpora
{
    /// <summary>A clustering dev set by name ("ecbplus": ECB+ topics 1–25 by subtopic; "duc": DUC 2003 TDT events).</summary>
    public static (List<Article> Articles, List<string> Gold) ClusteringDevSet(string set) => set == "ecbplus"
        ? Clustering(SharedData.File("data", "clustering", "ecbplus", "ecbplus_dev_topics_1-25.jsonl"), "subtopic")
        : Clustering(SharedData.File("data", "clustering", "duc2003_tdt_clusters.jsonl"), "cluster");

    /// <summary>The articles as Dossier reads the file (ids, and dates from newswire ids), and each one's gold story.</summary>
    public static (List<Article> Articles, List<string> Gold) Clustering(string path, string goldField)
    {
        var items = InputReader.Read([path]).ToList();
        Assert.All(items, i => Assert.Null(i.Rejection));
        var articles = items.Select(i => i.Article!).ToList();
        var gold = new List<string>();
        foreach (var line in System.IO.File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            gold.Add(json.RootElement.GetProperty(goldField).ToString());
        }
        Assert.Equal(articles.Count, gold.Count);
        return (articles, gold);
    }

    /// <summary>FNC-1 bodies: a CSV of "Body ID,articleBody" with quoted, multi-line bodies.</summary>
    public static IEnumerable<Article> Fnc1Bodies(string path)
    {
        foreach (var row in CsvReader.Read(path).Skip(1))
            yield return new Article("fnc-" + row[0], "", row[1], path);
    }
}
