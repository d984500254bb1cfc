namespace Dossier.Integration.Tests;

/// <summary>Runs the dossier command line in-process and captures what it prints.</summary>
internal static class DossierCli
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Dossier.Cli.DossierCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
