namespace Dossier.Store.Tests;

/// <summary>Whole listings of a store, page by page, for tests that compare stores.</summary>
public static class StoreListing
{
    /// <summary>Every stored article's story, by article id.</summary>
    public static Dictionary<string, string> Assignments(IDossierStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += StorePages.MaxPage)
        {
            var page = store.Articles(null, offset, StorePages.MaxPage);
            foreach (var a in page.Items) all[a.Id] = a.Story;
            if (offset + StorePages.MaxPage >= page.Total) return all;
        }
    }
}
