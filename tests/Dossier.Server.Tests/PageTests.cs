using System.Text.Json.Nodes;
using Dossier.Ingest;

namespace Dossier.Server.Tests;

/// <summary>
/// The web page in a real headless Chromium: load, search, open a story, follow a citation, and an article whose text
/// tries to run script. Screenshots go to artifacts/screenshots/ in the repository. Needs Debian's chromium, which
/// .ci/run installs; hence Integration, outside the README's test command.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PageTests
{
    private static string Screenshots
    {
        get
        {
            var repo = Path.GetDirectoryName(TestServer.Samples)!;
            return Path.Combine(repo, "artifacts", "screenshots");
        }
    }

    private static IEnumerable<InputItem> SamplesAndHostile()
    {
        foreach (var item in InputReader.Read([TestServer.Samples])) yield return item;
        yield return InputItem.Of(new Article("hostile",
            "<img src=x onerror=\"window.__pwned='title'\">Hostile headline",
            "A reader posted <script>window.__pwned='script'</script> into the comments of the story.\n\n"
            + "Another line has <img src=x onerror=\"window.__pwned='img'\"> and a link <a href=\"javascript:window.__pwned='link'\">click me</a> in it.\n\n"
            + "Officials said the page must show all of this as plain text and run none of it.",
            "test:hostile") { Url = "javascript:window.__pwned='url'", Outlet = "<b>Evil</b> Outlet" });
    }

    [Fact]
    public async Task A_reader_can_load_search_open_a_story_and_follow_a_citation()
    {
        await using var server = await TestServer.Start(SamplesAndHostile());
        await using var browser = await Chromium.Launch();
        browser.FailureScreenshot = Path.Combine(Screenshots, "failed-reader.png");
        await browser.Navigate(server.Address);
        await browser.WaitFor("document.querySelectorAll('#story-list li').length >= 2 && document.querySelector('#view h2')");
        await browser.Screenshot(Path.Combine(Screenshots, "1-stories.png"));

        await browser.Evaluate("document.getElementById('q').value = 'chemical'; document.getElementById('search').requestSubmit()");
        await browser.WaitFor("document.querySelector('#view .hit mark')");
        Assert.Equal("chemical", ((string?)await browser.Evaluate("document.querySelector('#view .hit mark').textContent"))!.ToLowerInvariant());
        await browser.Screenshot(Path.Combine(Screenshots, "2-search.png"));

        await browser.Evaluate("document.querySelector('#view .hit a').click()");
        await browser.WaitFor("location.hash.startsWith('#/article/') && document.querySelector('.article-text p')");
        await browser.Evaluate("document.querySelector('#view a[href^=\"#/story/\"]').click()");
        await browser.WaitFor("document.querySelector('.summary .cite')");
        await browser.Screenshot(Path.Combine(Screenshots, "3-story.png"));

        var sentence = (string?)await browser.Evaluate("document.querySelector('.summary .cite').title");
        await browser.Evaluate("document.querySelector('.summary .cite').click()");
        await browser.WaitFor("!document.getElementById('citation').hidden && document.querySelector('#citation blockquote')");
        var quoted = (string?)await browser.Evaluate("document.querySelector('#citation blockquote').textContent");
        Assert.EndsWith(quoted!, sentence!, StringComparison.Ordinal);
        await browser.Screenshot(Path.Combine(Screenshots, "4-citation.png"));

        await browser.Evaluate("document.querySelector('#citation a').click()");
        await browser.WaitFor("document.getElementById('citation').hidden && document.querySelector('.article-text p')");
        var text = (string?)await browser.Evaluate("document.querySelector('.article-text').textContent");
        Assert.Contains(quoted!, text!, StringComparison.Ordinal);
        await browser.Screenshot(Path.Combine(Screenshots, "5-source-article.png"));
    }

    [Fact]
    public async Task Article_text_cannot_run_script_or_break_the_page()
    {
        await using var server = await TestServer.Start(SamplesAndHostile());
        await using var browser = await Chromium.Launch();
        browser.FailureScreenshot = Path.Combine(Screenshots, "failed-hostile.png");
        await browser.Navigate(new Uri(server.Address, "/#/article/hostile"));
        await browser.WaitFor("document.querySelector('.article-text p')");
        await browser.Evaluate("new Promise(r => setTimeout(r, 500))");
        Assert.Null(await browser.Evaluate("window.__pwned === undefined ? null : String(window.__pwned)"));
        var shown = (string?)await browser.Evaluate("document.getElementById('view').innerText");
        Assert.Contains("<script>window.__pwned='script'</script>", shown, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=", shown, StringComparison.Ordinal);
        Assert.Contains("<b>Evil</b> Outlet", shown, StringComparison.Ordinal);
        Assert.Equal(0, ((JsonValue)(await browser.Evaluate("document.querySelectorAll('#view img, #view script, #view b, [onerror]').length"))!).GetValue<int>());
        Assert.Equal(0, ((JsonValue)(await browser.Evaluate("[...document.querySelectorAll('a')].filter(a => a.getAttribute('href') && !/^(#\\/|https?:)/.test(a.getAttribute('href'))).length"))!).GetValue<int>());
        await browser.Screenshot(Path.Combine(Screenshots, "6-hostile-article.png"));

        // The story holding it and a search that finds it render as text too.
        await browser.Evaluate("document.querySelector('#view a[href^=\"#/story/\"]').click()");
        await browser.WaitFor("document.querySelector('#view h3')");
        await browser.Evaluate("document.getElementById('q').value = 'pwned'; document.getElementById('search').requestSubmit()");
        await browser.WaitFor("document.querySelector('#view .hit')");
        Assert.Null(await browser.Evaluate("window.__pwned === undefined ? null : String(window.__pwned)"));
        Assert.Equal(0, ((JsonValue)(await browser.Evaluate("document.querySelectorAll('#view img, #view script, [onerror]').length"))!).GetValue<int>());
        await browser.Screenshot(Path.Combine(Screenshots, "7-hostile-search.png"));
    }
}
