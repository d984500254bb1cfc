using System.Text;
using Dossier.Text;

namespace Dossier.Stories;

/// <summary>
/// Merges a story's entity mentions into canonical entities. The rules:
/// places and known organisations take their lexicon name ("Russian Federation" → "Russia", "USA" → "United States");
/// an acronym joins the organisation whose capitalised words it spells ("OPCW");
/// a person's full names group by surname (ignoring an "al-" article) and first name, and a lone surname or
/// unknown single word joins the only group with that surname (it stays apart when two people share it);
/// the canonical name is the fullest form seen (most different words, then most mentions, then longest: a word written
/// twice by mistake, "Fernando Henrique Cardoso Cardoso", makes no form fuller).
/// Ids are the type and a slug of the canonical name, so one entity has one id in every story.
/// </summary>
public sealed class EntityCanonicalizer(Lexicon lexicon)
{
    public static EntityCanonicalizer Default { get; } = new(Lexicon.English);

    private static int DistinctWords(string form) =>
        form.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    /// <summary>The canonical entities, and a map from every (surface, type) seen to its entity.</summary>
    public (IReadOnlyList<EntityRecord> Entities, IReadOnlyDictionary<string, EntityRecord> BySurface) Canonicalize(IEnumerable<MentionCount> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        var totals = new Dictionary<(string Surface, EntityType Type), int>();
        foreach (var m in mentions) totals[(m.Surface, m.Type)] = totals.GetValueOrDefault((m.Surface, m.Type)) + m.Count;

        // A surface typed differently in different places takes its most frequent definite type ("other" only when it has no other).
        var bySurface = totals.GroupBy(kv => kv.Key.Surface, StringComparer.Ordinal)
            .Select(g => (Surface: g.Key, Type: g.OrderBy(kv => kv.Key.Type == EntityType.Other ? 1 : 0).ThenByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Type).First().Key.Type, Count: g.Sum(kv => kv.Value)))
            .OrderBy(x => x.Surface, StringComparer.Ordinal).ToList();

        var groups = new List<Group>();
        var groupOf = new Dictionary<string, Group>(StringComparer.Ordinal);
        Group Join(string key, EntityType type)
        {
            if (!groupOf.TryGetValue(type + "|" + key, out var g))
            {
                g = new Group(type);
                groups.Add(g);
                groupOf[type + "|" + key] = g;
            }
            return g;
        }

        // Pass 1: names that identify an entity by themselves.
        var deferred = new List<(string Surface, EntityType Type, int Count)>();
        foreach (var (surface, type, count) in bySurface)
        {
            var words = surface.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (lexicon.CanonicalPlace(surface) is { } place) Join(place, EntityType.Place).Add(surface, count, place);
            else if (lexicon.CanonicalOrganisation(surface) is { } org) Join(org, EntityType.Organisation).Add(surface, count, org);
            else if (type == EntityType.Person && words.Length >= 2) Join(PersonKey(words), EntityType.Person).Add(surface, count);
            else if (type == EntityType.Organisation && words.Length >= 2) Join(surface, EntityType.Organisation).Add(surface, count);
            else deferred.Add((surface, type, count));
        }

        // Pass 2: single words and acronyms join a group they clearly belong to, or start their own.
        foreach (var (surface, type, count) in deferred)
        {
            Group? target = null;
            if (type is EntityType.Person or EntityType.Other && !surface.Contains(' ', StringComparison.Ordinal))
            {
                var key = EntityRecognizer.SurnameKey(surface).ToString();
                var matches = groups.Where(g => g.Type == EntityType.Person && g.Surname == key).ToList();
                if (matches.Count == 1) target = matches[0];
            }
            if (target is null && IsAcronym(surface))
            {
                var matches = groups.Where(g => g.Type == EntityType.Organisation && g.Forms.Keys.Any(f => Initials(f) == surface)).ToList();
                if (matches.Count == 1) target = matches[0];
            }
            (target ?? Join(surface, type)).Add(surface, count);
        }

        // Groups that end with the same canonical id are one entity (an id names one entity in every story).
        var byId = new Dictionary<string, (string Name, string Type, Dictionary<string, int> Forms)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var g in groups)
        {
            var name = g.Fixed ?? g.Forms.OrderByDescending(f => DistinctWords(f.Key)).ThenByDescending(f => f.Value)
                .ThenByDescending(f => f.Key.Length).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
            var id = $"{g.Type.ToName()}:{Slug(name)}";
            if (!byId.TryGetValue(id, out var entry))
            {
                byId[id] = entry = (name, g.Type.ToName(), new Dictionary<string, int>(StringComparer.Ordinal));
                order.Add(id);
            }
            foreach (var (form, n) in g.Forms) entry.Forms[form] = entry.Forms.GetValueOrDefault(form) + n;
        }
        var map = new Dictionary<string, EntityRecord>(StringComparer.Ordinal);
        var records = new List<EntityRecord>();
        foreach (var id in order)
        {
            var (name, type, forms) = byId[id];
            var aliases = forms.Keys.Where(f => f != name).Order(StringComparer.Ordinal).ToList();
            var record = new EntityRecord(id, name, type, aliases, forms.Values.Sum());
            records.Add(record);
            foreach (var form in forms.Keys) map[form] = record;
        }
        records.Sort((a, b) => b.Mentions != a.Mentions ? b.Mentions.CompareTo(a.Mentions) : string.CompareOrdinal(a.Id, b.Id));
        return (records, map);
    }

    private static string PersonKey(string[] words) =>
        words[0] + " " + EntityRecognizer.SurnameKey(words[^1]).ToString();

    private static bool IsAcronym(string s) => s.Length is >= 2 and <= 8 && s.All(c => char.IsUpper(c) || c == '.');

    /// <summary>The capital letters that start the capitalised words: "Organization for the Prohibition of Chemical Weapons" → "OPCW".</summary>
    internal static string Initials(string name)
    {
        var sb = new StringBuilder();
        foreach (var w in name.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (char.IsUpper(w[0])) sb.Append(w[0]);
        return sb.ToString();
    }

    // Accented Latin letters and the plain letter each folds to in a slug. The process runs with invariant
    // globalization, where string.Normalize cannot decompose them.
    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž";
    private const string Plain = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz";

    /// <summary>Lower-case letters and digits with single hyphens: "Bashar al-Assad" → "bashar-al-assad".</summary>
    public static string Slug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            var c = char.ToLowerInvariant(ch);
            var fold = Accented.IndexOf(c, StringComparison.Ordinal);
            if (fold >= 0) c = Plain[fold];
            if (char.IsLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().TrimEnd('-');
    }

    private sealed class Group(EntityType type)
    {
        public EntityType Type { get; } = type;
        public Dictionary<string, int> Forms { get; } = new(StringComparer.Ordinal);
        public string? Fixed { get; private set; }
        public string? Surname { get; private set; }

        public void Add(string surface, int count, string? canonical = null)
        {
            Forms[surface] = Forms.GetValueOrDefault(surface) + count;
            if (canonical is not null) Fixed = canonical;
            if (Type == EntityType.Person && surface.Contains(' ', StringComparison.Ordinal))
                Surname ??= EntityRecognizer.SurnameKey(surface.AsSpan(surface.LastIndexOf(' ') + 1)).ToString();
        }
    }
}
