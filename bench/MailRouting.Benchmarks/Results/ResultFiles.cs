using System.Text.Json;
using MailRouting.Benchmarks.Instances;
using MailRouting.Benchmarks.Memory;
using MailRouting.Benchmarks.OAuth;
using MailRouting.Benchmarks.Pages;
using MailRouting.Benchmarks.Pipeline;
using MailRouting.Benchmarks.Resolver;
using MailRouting.Benchmarks.Transports;

namespace MailRouting.Benchmarks.Results;

/// <summary>
/// The raw results, one JSON file per part in bench/results (committed), each rewritten only by a run of that part. The
/// tables of docs/performance.md and bench/results/latest.md are generated from these files and nothing else.
/// </summary>
public static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string Folder => Path.Combine(Repository.Root, "bench", "results");

    public static Task SaveAsync(ResolverResults results) => SaveAsync("resolver", results);

    public static Task SaveAsync(PageResults results) => SaveAsync("pages", results);

    public static Task SaveAsync(PipelineResults results) => SaveAsync("pipeline", results);

    public static Task SaveAsync(OAuthResults results) => SaveAsync("oauth", results);

    public static Task SaveAsync(TransportResults results) => SaveAsync("transports", results);

    public static Task SaveAsync(InstancesResults results) => SaveAsync("instances", results);

    public static Task SaveAsync(MemoryResults results) => SaveAsync("memory", results);

    public static ResolverResults? Resolver() => Load<ResolverResults>("resolver");

    public static PageResults? Pages() => Load<PageResults>("pages");

    public static PipelineResults? Pipeline() => Load<PipelineResults>("pipeline");

    public static OAuthResults? OAuth() => Load<OAuthResults>("oauth");

    public static TransportResults? Transports() => Load<TransportResults>("transports");

    public static InstancesResults? Instances() => Load<InstancesResults>("instances");

    public static MemoryResults? Memory() => Load<MemoryResults>("memory");

    private static async Task SaveAsync<T>(string name, T results)
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(Path.Combine(Folder, $"{name}.json"), JsonSerializer.Serialize(results, Json) + "\n");
    }

    private static T? Load<T>(string name)
    {
        var file = Path.Combine(Folder, $"{name}.json");
        return File.Exists(file) ? JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json) : default;
    }
}
