using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dossier.Store.Tests;

/// <summary>
/// Made-up news for store tests: events, each with its own people and places (invented capitalised names) and
/// wording, reported by several outlets on nearby days. Seeded, so the same arguments give the same articles.
/// </summary>
internal static class SyntheticNews
{
    private static readonly string[] Syllables = ["ka", "lo", "mir", "van", "te", "sor", "bel", "du", "ran", "ti", "gos", "ne", "pal", "ur", "zen", "ho"];
    private static readonly string[] Kinds = ["flood", "election", "strike", "summit", "earthquake", "trial", "merger", "protest"];
    private static readonly string[] Common = ["officials", "said", "reported", "people", "government", "week", "city", "region", "local", "statement", "agency", "police", "residents", "minister", "announced"];
    private static readonly string[] Outlets = ["Daily Ledger", "Morning Wire", "Coast Post", "Evening Star"];

    public sealed record Item(string Id, string Title, string Text, DateTimeOffset Published, string Outlet, int Event);

    public static List<Item> Make(int events, int perEvent, int seed = 7)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var items = new List<Item>();
        for (var e = 0; e < events; e++)
        {
            var person = Name(random) + " " + Name(random);
            var place = Name(random);
            var kind = Kinds[e % Kinds.Length];
            var detail = Enumerable.Range(0, 6).Select(_ => Name(random).ToLowerInvariant()).ToArray();
            var day = start.AddDays(e * 0.5);
            for (var k = 0; k < perEvent; k++)
            {
                var sentences = new List<string>();
                for (var s = 0; s < 5; s++)
                {
                    var words = new List<string> { s % 2 == 0 ? person : place };
                    for (var w = 0; w < 8; w++)
                        words.Add(random.Next(3) == 0 ? detail[random.Next(detail.Length)] : random.Next(2) == 0 ? kind : Common[random.Next(Common.Length)]);
                    words.Add(s % 2 == 0 ? "in " + place : "with " + person);
                    sentences.Add(string.Join(' ', words) + ".");
                }
                var title = $"{place} {kind}: {person} {Common[random.Next(Common.Length)]}";
                items.Add(new Item($"e{e}-a{k}", title, string.Join(' ', sentences), day.AddHours(k), Outlets[k % Outlets.Length], e));
            }
        }
        return items.OrderBy(i => i.Published).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
    }

    public static string Jsonl(IEnumerable<Item> items)
    {
        var sb = new StringBuilder();
        foreach (var i in items)
        {
            sb.Append(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["id"] = i.Id, ["title"] = i.Title, ["text"] = i.Text, ["outlet"] = i.Outlet,
                ["published"] = i.Published.ToString("o", CultureInfo.InvariantCulture),
            }));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static IEnumerable<Ingest.InputItem> Inputs(IEnumerable<Item> items) =>
        items.Select(i => Ingest.InputItem.Of(new Article(i.Id, i.Title, i.Text, "synthetic:" + i.Id) { Outlet = i.Outlet, Published = i.Published }));

    private static string Name(Random random)
    {
        var n = 2 + random.Next(2);
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++) sb.Append(Syllables[random.Next(Syllables.Length)]);
        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }
}
