using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dossier.Server.Tests;

/// <summary>
/// Headless Chromium driven over the DevTools protocol: navigate, evaluate script, wait for a condition, take a
/// screenshot. Debian's chromium package; .ci/run installs it. Written here because no browser driver is in the
/// package mirror and the protocol needs only a WebSocket and JSON.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket;
    private readonly string _profile;
    private int _nextId;

    private Chromium(Process process, ClientWebSocket socket, string profile)
    {
        _process = process;
        _socket = socket;
        _profile = profile;
    }

    public static string? Executable =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public static async Task<Chromium> Launch()
    {
        var executable = Executable ?? throw new InvalidOperationException(
            "Chromium is not installed (looked for $CHROMIUM, /usr/bin/chromium): .ci/run installs it with 'apt-get install chromium'");
        var profile = Path.Combine(Path.GetTempPath(), "dossier-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
            $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
        })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        // Chromium names its DevTools port in a line on stderr.
        string? endpoint = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (endpoint is null && DateTime.UtcNow < deadline && await process.StandardError.ReadLineAsync() is { } line)
        {
            var at = line.IndexOf("ws://", StringComparison.Ordinal);
            if (line.StartsWith("DevTools listening on", StringComparison.Ordinal) && at >= 0) endpoint = line[at..].Trim();
        }
        if (endpoint is null)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("Chromium started but never said where DevTools listens");
        }
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is not null)
            {
            }
        });
        var port = new Uri(endpoint).Port;
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        var chromium = new Chromium(process, socket, profile);
        await chromium.Send("Page.enable");
        await chromium.Send("Runtime.enable");
        return chromium;
    }

    public async Task<JsonNode?> Send(string method, JsonObject? parameters = null)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var reply = await Receive(timeout.Token);
            if ((int?)reply["id"] != id) continue; // an event
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"];
        }
    }

    private async Task<JsonNode> Receive(CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonNode.Parse(message.ToArray())!;
        }
    }

    public async Task Navigate(Uri url) => await Send("Page.navigate", new JsonObject { ["url"] = url.ToString() });

    /// <summary>Runs a script expression in the page and returns its value (awaiting a promise).</summary>
    public async Task<JsonNode?> Evaluate(string expression)
    {
        var result = await Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true });
        if (result?["exceptionDetails"] is { } details) throw new InvalidOperationException($"script failed: {details.ToJsonString()}");
        return result?["result"]?["value"];
    }

    /// <summary>Waits until a script expression is true; fails naming it after the timeout.</summary>
    public async Task WaitFor(string condition, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await Evaluate($"!!({condition})") is JsonValue v && v.GetValue<bool>()) return;
            await Task.Delay(100);
        }
        var body = await Evaluate("location.href + '\\n' + (document.getElementById('view') || document.body).innerText.slice(0, 800)");
        if (FailureScreenshot is { } path) await Screenshot(path);
        throw new TimeoutException($"the page never met: {condition}\npage: {body}");
    }

    /// <summary>Where to save a screenshot when a wait times out, to see what the page showed instead.</summary>
    public string? FailureScreenshot { get; set; }

    public async Task Screenshot(string path)
    {
        var result = await Send("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String((string)result!["data"]!));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The browser may already be gone.
        }
        _socket.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile; the OS cleans temp.
        }
    }
}
