namespace Dossier.Cli.Tests;

/// <summary>Base for tests that write files: each test gets its own temporary folder, deleted afterwards.</summary>
public abstract class TempFolderTests : IDisposable
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("dossier-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
