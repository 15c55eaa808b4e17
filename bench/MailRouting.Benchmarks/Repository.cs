namespace MailRouting.Benchmarks;

public static class Repository
{
    /// <summary>The folder holding MailRouting.sln, found upwards from the program.</summary>
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MailRouting.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"MailRouting.sln was not found above {start}; run the benchmarks from the repository.");
    }
}
