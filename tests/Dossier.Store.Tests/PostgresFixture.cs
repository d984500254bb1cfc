using System.Diagnostics;
using Npgsql;

namespace Dossier.Store.Tests;

/// <summary>
/// The PostgreSQL server the tests use: the one named by DOSSIER_TEST_POSTGRES (a postgres:// address of a user who
/// may create databases), or else a throwaway server on loopback that scripts/test-postgres installs and starts.
/// Each test store is a database of its own, dropped afterwards. No server is an error, never a skipped test.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<string> Server = new(Start);

    public static string Address => Server.Value;

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("DOSSIER_TEST_POSTGRES") is { Length: > 0 } given) return given;
        var script = Path.Combine(Samples.Root, "scripts", "test-postgres");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {script}");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd().Trim();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)) || process.ExitCode != 0)
            throw new InvalidOperationException($"{script} could not start a PostgreSQL server (exit {(process.HasExited ? process.ExitCode : -1)}): {stderr.Result}");
        return output.Split('\n')[^1];
    }

    /// <summary>Creates an empty database and returns its address.</summary>
    public static string NewDatabase()
    {
        var name = "dossier_test_" + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE {name}");
        return WithDatabase(name);
    }

    public static void DropDatabase(string address)
    {
        var name = new Uri(address).AbsolutePath.TrimStart('/');
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>Runs SQL in the database at <paramref name="address"/>.</summary>
    public static void Execute(string address, string sql)
    {
        var (settings, _) = PostgresAddress.Parse(address);
        settings.Pooling = false;
        using var c = new NpgsqlConnection(settings.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    private static void Admin(string sql) => Execute(Address, sql);

    private static string WithDatabase(string name)
    {
        var uri = new UriBuilder(Address) { Path = "/" + name };
        return uri.Uri.ToString();
    }
}

/// <summary>A PostgreSQL store in a database of its own, dropped afterwards.</summary>
public sealed class TempPostgresStore : TestStore
{
    private PostgresStore _store;

    public TempPostgresStore()
    {
        Address = TestPostgres.NewDatabase();
        _store = PostgresStore.Open(Address);
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
