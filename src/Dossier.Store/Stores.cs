namespace Dossier.Store;

/// <summary>Opens a store from what a user gives to --store: a file path (SQLite) or a postgres:// address.</summary>
public static class Stores
{
    public const string DefaultPath = "dossier.db";

    public static bool IsPostgres(string spec) =>
        spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <param name="applicationName">For a PostgreSQL store: how the server lists this process's connections.</param>
    /// <exception cref="ArgumentException">A postgres:// address that cannot be read.</exception>
    /// <exception cref="StoreUnavailableException">The PostgreSQL server cannot be reached or refuses the connection.</exception>
    /// <exception cref="InvalidDataException">The file or schema is not a Dossier store, or one from a newer Dossier.</exception>
    /// <exception cref="DirectoryNotFoundException">The store's folder does not exist.</exception>
    public static IDossierStore Open(string spec, string? applicationName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        return IsPostgres(spec) ? PostgresStore.Open(spec, applicationName) : SqliteStore.Open(spec);
    }
}
