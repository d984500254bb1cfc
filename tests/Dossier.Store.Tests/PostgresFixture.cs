namespace Dossier.Store.Tests;

/// <summary>A PostgreSQL store in a database of its own, dropped afterwards.</summary>
public sealed class TempPostgresStore : TestStore
{
    private PostgresStore _store;

    /// <param name="schemaVersion">An older version than the current one makes a store as an older Dossier left it.</param>
    public TempPostgresStore(int schemaVersion = PostgresStore.SchemaVersion)
    {
        Address = TestPostgres.NewDatabase();
        _store = PostgresStore.Open(Address, null, schemaVersion);
    }

    public string Address { get; }
    public override IDossierStore Store => _store;
    public PostgresStore Postgres => _store;

    public override IDossierStore Reopen()
    {
        _store.Dispose();
        return _store = PostgresStore.Open(Address);
    }

    public override void Dispose()
    {
        _store.Dispose();
        TestPostgres.DropDatabase(Address);
    }
}

public sealed class PostgresStoreContract : StoreContract
{
    protected override TestStore NewStore() => new TempPostgresStore();
}

public sealed class PostgresIngestContract : IngestContract
{
    protected override TestStore NewStore() => new TempPostgresStore();
}
