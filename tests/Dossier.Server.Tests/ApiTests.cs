using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dossier.Store.Tests;

namespace Dossier.Server.Tests;

public sealed class ApiTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Stories_list_pages_and_open_as_dossiers()
    {
        await using var server = await TestServer.Start();
        var list = await Json(await server.Client.GetAsync(new Uri("/api/stories", UriKind.Relative)), HttpStatusCode.OK);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(list.GetProperty("total").GetInt32(), items.Count);
        Assert.Equal(3, items.Sum(s => s.GetProperty("articles").GetInt32()));

        var page = await Json(await server.Client.GetAsync(new Uri("/api/stories?limit=1&offset=1", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(items[1].GetProperty("id").GetString(), Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var id = items[0].GetProperty("id").GetString();
        var story = await Json(await server.Client.GetAsync(new Uri($"/api/stories/{id}", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(id, story.GetProperty("id").GetString());
        var sentence = story.GetProperty("summary")[0];
        Assert.NotEmpty(sentence.GetProperty("sources").EnumerateArray());
        var article = sentence.GetProperty("sources")[0].GetProperty("article").GetString();
        var stored = await Json(await server.Client.GetAsync(new Uri($"/api/articles/{article}", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(id, stored.GetProperty("story").GetString());
        Assert.Contains(sentence.GetProperty("sources")[0].GetProperty("text").GetString()!, stored.GetProperty("text").GetString()!, StringComparison.Ordinal);

        var articles = await Json(await server.Client.GetAsync(new Uri($"/api/stories/{id}/articles", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(story.GetProperty("articles").GetArrayLength(), articles.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/stories/s999", "no story 's999'")]
    [InlineData("/api/articles/nothing", "no article 'nothing'")]
    [InlineData("/api/nowhere", "no endpoint GET /api/nowhere")]
    public async Task Unknown_things_are_404_with_a_reason(string path, string message)
    {
        await using var server = await TestServer.Start();
        var error = await Json(await server.Client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Equal(message, error.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/stories?limit=1000", "limit 1000 is outside 1–200")]
    [InlineData("/api/stories?limit=ten", "query parameter 'limit' must be a whole number, not 'ten'")]
    [InlineData("/api/stories?offset=-3", "offset -3 is negative")]
    [InlineData("/api/search?q=", "the search query is empty")]
    [InlineData("/api/search?q=putin&kind=people", "query parameter 'kind' must be 'articles' or 'stories', not 'people'")]
    [InlineData("/api/search?q=putin&from=yesterday", "query parameter 'from' must be a date (ISO 8601, e.g. 2017-04-07), not 'yesterday'")]
    [InlineData("/api/search?q=putin&from=2020-02-01&to=2020-01-01", "'from' is after 'to'")]
    public async Task Bad_requests_are_400_naming_what_is_wrong(string path, string message)
    {
        await using var server = await TestServer.Start();
        var error = await Json(await server.Client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.Equal(message, error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Search_returns_highlighted_snippets_and_filters()
    {
        var items = SyntheticNews.Make(4, 4);
        await using var server = await TestServer.Start(SyntheticNews.Inputs(items));
        var all = await Json(await server.Client.GetAsync(new Uri("/api/search?q=officials&limit=200", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(items.Count(i => i.Text.Contains("officials", StringComparison.Ordinal)), all.GetProperty("total").GetInt32());
        Assert.All(all.GetProperty("items").EnumerateArray(), h =>
            Assert.Contains(h.GetProperty("snippet").EnumerateArray(), p => p.GetProperty("match").GetBoolean() && p.GetProperty("text").GetString() == "officials"));
        var outlet = await Json(await server.Client.GetAsync(new Uri("/api/search?q=officials&outlet=Coast%20Post&limit=200", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(items.Count(i => i.Outlet == "Coast Post" && i.Text.Contains("officials", StringComparison.Ordinal)), outlet.GetProperty("total").GetInt32());
        var stories = await Json(await server.Client.GetAsync(new Uri("/api/search?q=officials&kind=stories", UriKind.Relative)), HttpStatusCode.OK);
        Assert.All(stories.GetProperty("items").EnumerateArray(), h => Assert.StartsWith("s", h.GetProperty("id").GetString(), StringComparison.Ordinal));
        var entities = await Json(await server.Client.GetAsync(new Uri("/api/entities?limit=5", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(5, entities.GetProperty("items").GetArrayLength());
    }

    private static StringContent Lines(string jsonl) => new(jsonl, Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task Posting_articles_needs_the_key_and_adds_them_to_stories()
    {
        await using var server = await TestServer.Start();
        var body = "{\"id\":\"dhaka-1\",\"title\":\"Floods in Dhaka\",\"text\":\"Floods swept through Dhaka after monsoon rains, officials in Dhaka said on Monday.\"}\n{oops\n";
        var refused = await Json(await server.Client.PostAsync(new Uri("/api/articles", UriKind.Relative), Lines(body)), HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", refused.GetProperty("error").GetString(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Lines(body) };
        request.Headers.Add("X-Api-Key", TestServer.Key);
        var result = await Json(await server.Client.SendAsync(request), HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("stored").GetInt64());
        Assert.Equal("request:2", Assert.Single(result.GetProperty("rejected").EnumerateArray()).GetProperty("source").GetString());
        Assert.Equal(4, result.GetProperty("inStore").GetInt64());
        var article = await Json(await server.Client.GetAsync(new Uri("/api/articles/dhaka-1", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal("Floods in Dhaka", article.GetProperty("title").GetString());

        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Lines(body) };
        again.Headers.Add("X-Api-Key", TestServer.Key);
        var repeat = await Json(await server.Client.SendAsync(again), HttpStatusCode.OK);
        Assert.Equal(0, repeat.GetProperty("stored").GetInt64());
        Assert.Equal("dhaka-1", Assert.Single(repeat.GetProperty("duplicates").EnumerateArray()).GetProperty("storedAs").GetString());
    }

    [Fact]
    public async Task Posting_is_off_without_a_key()
    {
        await using var server = await TestServer.Start(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Lines("{\"text\":\"x y z\"}\n") };
        request.Headers.Add("X-Api-Key", TestServer.Key);
        var error = await Json(await server.Client.SendAsync(request), HttpStatusCode.Forbidden);
        Assert.Contains("ingest over HTTP is off", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_and_empty_posts_are_refused_and_store_nothing()
    {
        await using var server = await TestServer.Start(maxBody: 1000);
        var big = "{\"id\":\"big\",\"text\":\"" + new string('a', 2000) + "\"}\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Lines(big) };
        request.Headers.Add("X-Api-Key", TestServer.Key);
        var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var empty = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Lines("") };
        empty.Headers.Add("X-Api-Key", TestServer.Key);
        await Json(await server.Client.SendAsync(empty), HttpStatusCode.BadRequest);
        Assert.Equal(3, server.Store.Stats().Articles);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        await using var server = await TestServer.Start();
        var doc = await Json(await server.Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)), HttpStatusCode.OK);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/articles", "/api/articles/{id}", "/api/entities", "/api/search", "/api/stories", "/api/stories/{id}", "/api/stories/{id}/articles"], paths.Order(StringComparer.Ordinal));
        Assert.True(doc.GetProperty("paths").GetProperty("/api/articles").TryGetProperty("post", out _));
    }

    [Fact]
    public async Task The_page_is_served_under_a_policy_that_allows_only_our_script()
    {
        await using var server = await TestServer.Start();
        var page = await server.Client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/app.js\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var script = await server.Client.GetAsync(new Uri("/app.js", UriKind.Relative));
        Assert.StartsWith("text/javascript", script.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var source = await script.Content.ReadAsStringAsync();
        // The page puts store text in as text only: no markup sinks in the script.
        Assert.DoesNotContain("innerHTML", source, StringComparison.Ordinal);
        Assert.DoesNotContain("insertAdjacentHTML", source, StringComparison.Ordinal);
        Assert.DoesNotContain("document.write", source, StringComparison.Ordinal);
    }
}
