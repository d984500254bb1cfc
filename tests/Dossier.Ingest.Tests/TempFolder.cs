namespace Dossier.Ingest.Tests;

/// <summary>A folder under the system temp directory, deleted when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dossier-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public string Write(string name, byte[] content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
