namespace RemoteSupport.Browser.Tests.Infrastructure;

/// <summary>Files of the repository the tests read (axe-core) or write (screenshots).</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RemoteSupport.sln"))) return dir.FullName;
        throw new InvalidOperationException($"RemoteSupport.sln not found above {AppContext.BaseDirectory}.");
    }
}
