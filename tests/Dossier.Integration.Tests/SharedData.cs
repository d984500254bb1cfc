namespace Dossier.Integration.Tests;

/// <summary>
/// Locates ../shared beside the repository. These tests need it and fail loudly when it is missing:
/// they never pass by skipping.
/// </summary>
internal static class SharedData
{
    public static string Repository
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Dossier.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Dossier.slnx not found above the test binaries.");
        }
    }

    public static string Root
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("DOSSIER_SHARED") ?? Path.GetFullPath(Path.Combine(Repository, "..", "shared"));
            if (!Directory.Exists(root))
                throw new DirectoryNotFoundException($"The shared data folder '{root}' is missing: integration tests read real data from it (set DOSSIER_SHARED to its path).");
            return root;
        }
    }

    public static string File(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"Shared data file '{path}' is missing.", path);
        return path;
    }

    public static string Folder(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"Shared data folder '{path}' is missing.");
        return path;
    }
}
