using System.Diagnostics;
using Dossier.Store;
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
        var script = Path.Combine(RepositoryRoot(), "scripts", "test-postgres");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {script}");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd().Trim();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)) || process.ExitCode != 0)
            throw new InvalidOperationException($"{script} could not start a PostgreSQL server (exit {(process.HasExited ? process.ExitCode : -1)}): {stderr.Result}");
        return output.Split('\n')[^1];
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dossier.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Dossier.slnx not found above the test binaries.");
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
