using System.CommandLine;
using Dossier.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Dossier.Cli;

/// <summary><c>dossier serve</c>: the HTTP API and web page over a store.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreCommands.StoreOption();
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (semicolon-separated). Loopback only by default; give http://0.0.0.0:PORT to serve other machines.",
            DefaultValueFactory = _ => new ServerOptions().Urls,
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "Turns on POST /api/articles for requests with this X-Api-Key header (default: the DOSSIER_API_KEY environment variable; off when neither is set).",
        };
        var command = new Command("serve", "Serve a store: JSON API under /api, its OpenAPI document at /openapi/v1.json, and the web page at /. Stops on Ctrl+C.")
        {
            store, urls, apiKey,
        };
        command.SetAction(parse =>
        {
            var spec = parse.GetValue(store)!;
            using var opened = StoreCommands.TryOpen(spec, stderr);
            if (opened is null) return ExitCodes.Failure;
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("DOSSIER_API_KEY");
            if (key is not null && key.Length < 16)
            {
                stderr.WriteLine("dossier: --api-key must be at least 16 characters");
                return ExitCodes.Usage;
            }
            var app = DossierServer.Build(opened, new ServerOptions { Urls = parse.GetValue(urls)!, ApiKey = key });
            try
            {
                app.Start();
            }
            catch (IOException e)
            {
                stderr.WriteLine($"dossier: cannot listen on {parse.GetValue(urls)}: {e.Message}");
                return ExitCodes.Failure;
            }
            stdout.WriteLine($"dossier: serving {opened.Location} at {string.Join(", ", app.Urls)}{(key is null ? "" : " (POST /api/articles on)")}; Ctrl+C stops");
            stdout.Flush();
            app.WaitForShutdown();
            return ExitCodes.Ok;
        });
        return command;
    }
}
