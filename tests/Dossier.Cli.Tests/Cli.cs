namespace Dossier.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class Cli
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = DossierCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The repository's samples folder (found by walking up to Dossier.slnx).</summary>
    public static string Samples
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dossier.slnx"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Dossier.slnx not found above the test binaries."), "samples");
        }
    }

    public static string TempDir()
    {
        var path = Path.Combine(Path.GetTempPath(), "dossier-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
