using System.Text;

namespace MailRouting.Benchmarks.Results;

/// <summary>
/// The performance tables of docs/performance.md, generated from the committed results files between two markers; bench/results/latest.md
/// holds the same text. Nothing between the markers is typed by hand: a test compares it with what the files give.
/// </summary>
public static class PerformanceTables
{
    public const string Begin = "<!-- benchmark tables: generated from bench/results/*.json by `dotnet run --project bench/MailRouting.Benchmarks -- report`; do not edit -->";
    public const string End = "<!-- end of benchmark tables -->";

    public static string PageFile => Path.Combine(Repository.Root, "docs", "performance.md");

    /// <summary>Every part that has results, in a fixed order.</summary>
    public static string Render()
    {
        var parts = new List<string>();
        if (ResultFiles.Pipeline() is { } pipeline)
        {
            parts.Add(Reports.Pipeline(pipeline));
        }

        if (ResultFiles.OAuth() is { } oauth)
        {
            parts.Add(Reports.OAuth(oauth));
        }

        if (ResultFiles.Transports() is { } transports)
        {
            parts.Add(Reports.Transports(transports));
        }

        if (ResultFiles.Instances() is { } instances)
        {
            parts.Add(Reports.Instances(instances));
        }

        if (ResultFiles.Memory() is { } memory)
        {
            parts.Add(Reports.Memory(memory));
        }

        if (ResultFiles.Resolver() is { } resolver)
        {
            parts.Add(Reports.Resolver(resolver));
        }

        if (ResultFiles.Pages() is { } pages)
        {
            parts.Add(Reports.Pages(pages));
        }

        return string.Join("\n", parts).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The text between the markers in docs/performance.md as it is now, or null when the markers are missing.</summary>
    public static string? Current()
    {
        var readme = File.ReadAllText(PageFile);
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        return begin < 0 || end < begin ? null : readme[(begin + Begin.Length)..end].Trim('\n') + "\n";
    }

    public static async Task WriteAsync()
    {
        var tables = Render();
        var readme = await File.ReadAllTextAsync(PageFile);
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"docs/performance.md has no benchmark markers; add the lines\n{Begin}\n{End}\nwhere the tables belong.");
        }

        var text = new StringBuilder(readme[..(begin + Begin.Length)]).Append("\n\n").Append(tables).Append('\n').Append(readme[end..]);
        await File.WriteAllTextAsync(PageFile, text.ToString());
        await File.WriteAllTextAsync(Path.Combine(ResultFiles.Folder, "latest.md"), "# MailRouting benchmarks\n\n" + tables);
    }
}
