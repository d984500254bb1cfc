using System.Globalization;
using System.Text.RegularExpressions;

namespace Dossier.Ingest;

/// <summary>
/// The document ids of LDC newswire collections (TREC, TDT, DUC, TAC, Gigaword-era wires): an outlet code and the day
/// of the wire, as in APW19981017.0151. Such ids are how these collections date their articles, so a reader takes
/// the outlet and day from one when the input states neither.
/// </summary>
internal static partial class NewswireId
{
    private static readonly Dictionary<string, string> Outlets = new(StringComparer.Ordinal)
    {
        ["APW"] = "Associated Press", ["NYT"] = "New York Times", ["XIE"] = "Xinhua", ["LTW"] = "Los Angeles Times/Washington Post",
        ["AFP"] = "Agence France-Presse", ["FT"] = "Financial Times", ["WSJ"] = "Wall Street Journal",
    };

    [GeneratedRegex(@"^([A-Z]{2,5})(\d{8})(?![0-9])")]
    private static partial Regex Pattern();

    /// <summary>The outlet (its name when known, else the code) and the day an id names; false when it is not such an id.</summary>
    public static bool TryParse(string? id, out string outlet, out DateTimeOffset day)
    {
        outlet = "";
        day = default;
        if (id is null || Pattern().Match(id) is not { Success: true } m) return false;
        if (!DateTimeOffset.TryParseExact(m.Groups[2].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out day))
            return false;
        outlet = Outlets.GetValueOrDefault(m.Groups[1].Value, m.Groups[1].Value);
        return true;
    }
}
