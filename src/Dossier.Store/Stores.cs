namespace Dossier.Store;

/// <summary>Opens a store from what a user gives to --store: a file path (SQLite) or a postgres:// address.</summary>
public static class Stores
{
    public const string DefaultPath = "dossier.db";

    public static bool IsPostgres(string spec) =>
        spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="NotSupportedException">A PostgreSQL address: that backend is not in this build yet.</exception>
    /// <exception cref="InvalidDataException">The file is not a Dossier store, or one from a newer Dossier.</exception>
    /// <exception cref="DirectoryNotFoundException">The store's folder does not exist.</exception>
    public static IDossierStore Open(string spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        if (IsPostgres(spec)) throw new NotSupportedException("PostgreSQL stores are not supported by this build yet; use a file path for an SQLite store");
        return SqliteStore.Open(spec);
    }
}
