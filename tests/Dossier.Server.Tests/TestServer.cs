using Dossier.Ingest;
using Dossier.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace Dossier.Server.Tests;

/// <summary>A real server (Kestrel on a free loopback port) over a store in a temporary folder, filled with the samples.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string Key = "test-key-0123456789abcdef";

    private readonly WebApplication _app;

    private TestServer(string folder, SqliteStore store, WebApplication app, Uri address)
    {
        Folder = folder;
        Store = store;
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public string Folder { get; }
    public SqliteStore Store { get; }
    public HttpClient Client { get; }
    public Uri Address => Client.BaseAddress!;

    public static async Task<TestServer> Start(IEnumerable<InputItem>? articles = null, string? apiKey = Key, long maxBody = ReaderOptions.DefaultMaxBytes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dossier-server-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = SqliteStore.Open(Path.Combine(folder, "store.db"));
        StoreIngestor.CreateDefault(store).Ingest(articles ?? InputReader.Read([Samples]));
        var app = DossierServer.Build(store, new ServerOptions { Urls = "http://127.0.0.1:0", ApiKey = apiKey, MaxBodyBytes = maxBody });
        await app.StartAsync();
        return new TestServer(folder, store, app, new Uri(app.Urls.First()));
    }

    public static string Samples
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dossier.slnx"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Dossier.slnx not found above the test binaries."), "samples");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
