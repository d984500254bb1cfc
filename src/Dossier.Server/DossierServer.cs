using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Ingest;
using Dossier.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dossier.Server;

/// <summary>Settings of the HTTP server. Immutable.</summary>
public sealed record ServerOptions
{
    /// <summary>Where to listen; loopback only unless told otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>The key a POST of articles must carry in X-Api-Key; null turns ingest over HTTP off.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Largest request body accepted, in bytes (a POST of articles).</summary>
    public long MaxBodyBytes { get; init; } = ReaderOptions.DefaultMaxBytes;
}

/// <summary>An error as every endpoint reports it.</summary>
public sealed record ApiError(string Error);

/// <summary>What a POST of articles did.</summary>
public sealed record IngestResponse(long Stored, IReadOnlyList<DuplicateArticle> Duplicates, IReadOnlyList<Rejection> Rejected, long InStore, int Stories);

/// <summary>
/// <c>dossier serve</c>: JSON endpoints over a store (ASP.NET Core minimal APIs), their OpenAPI document, and the web page.
/// Nothing here prints; the host's logging is off and the CLI reports where it listens.
/// </summary>
public static class DossierServer
{
    public const int DefaultLimit = 20;

    public static WebApplication Build(IDossierStore store, ServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var settings = options ?? new ServerOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Dossier.Server", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
            k.Limits.MaxRequestLineSize = 16 * 1024;
            k.AddServerHeader = false;
        });
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Dossier";
            doc.Info.Description = "Stories, cited summaries, entities, quotes, timelines and provenance from a Dossier store.";
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(settings);
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            // Article text is untrusted: the page renders it as text, and this policy forbids any script but our own file.
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = e.StatusCode;
                await context.Response.WriteAsJsonAsync(new ApiError(e.Message)).ConfigureAwait(false);
            }
        });

        app.MapOpenApi("/openapi/{documentName}.json");
        Api.Map(app, store, settings);
        MapPage(app);
        return app;
    }

    private static void MapPage(WebApplication app)
    {
        foreach (var (path, resource, type) in new[]
        {
            ("/", "wwwroot/index.html", "text/html; charset=utf-8"),
            ("/app.js", "wwwroot/app.js", "text/javascript; charset=utf-8"),
            ("/app.css", "wwwroot/app.css", "text/css; charset=utf-8"),
        })
        {
            var bytes = Resource(resource);
            app.MapMethods(path, ["GET", "HEAD"], () => Results.Bytes(bytes, type)).ExcludeFromDescription();
        }
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the page resource {name} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>True when <paramref name="given"/> is the configured key; compared in constant time.</summary>
    internal static bool KeyMatches(string configured, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(configured), Encoding.UTF8.GetBytes(given));
}
