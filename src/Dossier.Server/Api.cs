using System.Globalization;
using Dossier.Ingest;
using Dossier.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dossier.Server;

/// <summary>The JSON endpoints under /api. Bad requests get 400 with {"error"} naming the parameter and what is wrong.</summary>
internal static class Api
{
    // One writer per process; the store's own lock keeps other processes out.
    private static readonly SemaphoreSlim Writer = new(1, 1);

    public static void Map(WebApplication app, IDossierStore store, ServerOptions settings)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/stories", (string? offset, string? limit) =>
            Run(() => Page(offset, limit, (o, l) => store.Stories(o, l))))
            .WithSummary("Stories, most recently updated first, one page at a time.")
            .Produces<Page<StorySummary>>().Produces<ApiError>(400);

        api.MapGet("/stories/{id}", (string id) =>
            store.Story(id) is { } story ? Results.Ok(story) : NotFound($"no story '{id}'"))
            .WithSummary("One story's dossier: cited summary, entities, quotes, timeline and coverage.")
            .Produces<StoryRecord>().Produces<ApiError>(404);

        api.MapGet("/stories/{id}/articles", (string id, string? offset, string? limit) =>
            store.Story(id) is null ? NotFound($"no story '{id}'") : Run(() => Page(offset, limit, (o, l) => store.Articles(id, o, l))))
            .WithSummary("A story's articles in arrival order.")
            .Produces<Page<ArticleSummary>>().Produces<ApiError>(400).Produces<ApiError>(404);

        api.MapGet("/articles", (string? offset, string? limit) =>
            Run(() => Page(offset, limit, (o, l) => store.Articles(null, o, l))))
            .WithSummary("All articles in arrival order.")
            .Produces<Page<ArticleSummary>>().Produces<ApiError>(400);

        api.MapGet("/articles/{id}", (string id) =>
            store.Article(id) is { } article ? Results.Ok(article) : NotFound($"no article '{id}'"))
            .WithSummary("One article: metadata, cleaned text, removed boilerplate, provenance flags, story.")
            .Produces<StoredArticle>().Produces<ApiError>(404);

        api.MapGet("/entities", (string? name, string? offset, string? limit) =>
            Run(() => Page(offset, limit, (o, l) => store.Entities(name, o, l))))
            .WithSummary("Canonical entities across stories by mentions; 'name' keeps those with a name or alias containing it.")
            .Produces<Page<EntitySummary>>().Produces<ApiError>(400);

        api.MapGet("/search", (string? q, string? kind, string? entity, string? outlet, string? from, string? to, string? offset, string? limit) =>
            Run(() =>
            {
                var searchKind = kind switch
                {
                    null or "" or "articles" => SearchKind.Articles,
                    "stories" => SearchKind.Stories,
                    _ => throw new StoreQueryException($"query parameter 'kind' must be 'articles' or 'stories', not '{kind}'"),
                };
                var (o, l) = Paging(offset, limit);
                return Results.Ok(store.Search(new SearchQuery(q ?? "", searchKind, Blank(entity), Blank(outlet), Date("from", from), Date("to", to), o, l)));
            }))
            .WithSummary("Full-text search (BM25) of articles or stories, with entity, outlet and date filters and highlighted snippets.")
            .Produces<Page<SearchHit>>().Produces<ApiError>(400);

        api.MapPost("/articles", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            if (settings.ApiKey is null)
                return Results.Json(new ApiError("ingest over HTTP is off: start the server with an API key (--api-key or DOSSIER_API_KEY)"), statusCode: 403);
            if (!DossierServer.KeyMatches(settings.ApiKey, request.Headers["X-Api-Key"].FirstOrDefault()))
                return Results.Json(new ApiError("missing or wrong X-Api-Key header"), statusCode: 401);
            // Read the whole body first (Kestrel caps it at MaxBodyBytes), then parse it as JSON lines.
            var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
            if (body.Length == 0) return Results.Json(new ApiError("the request body is empty; send articles as JSON lines"), statusCode: 400);
            body.Position = 0;
            if (!await Writer.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false))
                return Results.Json(new ApiError("another ingest is running; try again"), statusCode: 409);
            try
            {
                var items = InputReader.ReadJsonl("request", body, new ReaderOptions { MaxBytes = settings.MaxBodyBytes });
                var result = await Task.Run(() => StoreIngestor.CreateDefault(store).Ingest(items, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
                return Results.Ok(new IngestResponse(result.Stored, result.Duplicates, result.Rejected, result.InStore, result.StoriesInStore));
            }
            catch (StoreBusyException e)
            {
                return Results.Json(new ApiError(e.Message), statusCode: 409);
            }
            finally
            {
                Writer.Release();
            }
        })
            .WithSummary("Add articles (JSON lines: id, title, text, url?, outlet?, published?, author?). Needs the X-Api-Key header; off unless the server has a key.")
            .Produces<IngestResponse>().Produces<ApiError>(400).Produces<ApiError>(401).Produces<ApiError>(403).Produces<ApiError>(409).Produces<ApiError>(413);

        api.MapFallback((HttpContext context) => NotFound($"no endpoint {context.Request.Method} {context.Request.Path}"))
            .ExcludeFromDescription();
    }

    private static IResult Run(Func<IResult> handler)
    {
        try
        {
            return handler();
        }
        catch (StoreQueryException e)
        {
            return Results.Json(new ApiError(e.Message), statusCode: 400);
        }
    }

    private static IResult Page<T>(string? offset, string? limit, Func<int, int, Page<T>> query)
    {
        var (o, l) = Paging(offset, limit);
        return Results.Ok(query(o, l));
    }

    private static (int Offset, int Limit) Paging(string? offset, string? limit) =>
        (Number("offset", offset, 0), Number("limit", limit, DossierServer.DefaultLimit));

    private static int Number(string name, string? value, int fallback)
    {
        if (string.IsNullOrEmpty(value)) return fallback;
        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new StoreQueryException($"query parameter '{name}' must be a whole number, not '{value}'");
    }

    private static DateTimeOffset? Date(string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d
            : throw new StoreQueryException($"query parameter '{name}' must be a date (ISO 8601, e.g. 2017-04-07), not '{value}'");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static IResult NotFound(string message) => Results.Json(new ApiError(message), statusCode: 404);
}
