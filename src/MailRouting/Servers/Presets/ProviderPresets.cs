using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailRouting.Servers.Presets;

/// <summary>
/// The known providers, read once from providers.json (embedded): adding a provider is one entry there.
/// </summary>
public static class ProviderPresets
{
    private static readonly JsonSerializerOptions Json =
        new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly Lazy<List<ProviderPreset>> Loaded = new(Load);

    public static IReadOnlyList<ProviderPreset> All => Loaded.Value;

    public static ProviderPreset? Find(string? id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>
    /// The provider whose submission host this is, so its SPF include stands for the addresses it sends from.
    /// </summary>
    public static ProviderPreset? ForHost(string host) => All.FirstOrDefault(p => p.Host.Equals(host,
        StringComparison.OrdinalIgnoreCase));

    /// <summary>The provider that hosts a domain whose mail exchangers are these.</summary>
    public static ProviderPreset? ForMx(IEnumerable<string> mxHosts) =>
        mxHosts.Select(mx => All.FirstOrDefault(p => p.Hosts(mx))).FirstOrDefault(p => p is not null);

    private static List<ProviderPreset> Load()
    {
        using var stream = typeof(ProviderPresets).Assembly
            .GetManifestResourceStream("MailRouting.Servers.Presets.providers.json")
            ?? throw new InvalidOperationException("providers.json is not embedded in the assembly.");
        return JsonSerializer.Deserialize<List<ProviderPreset>>(stream, Json)
            ?? throw new InvalidOperationException("providers.json is empty.");
    }
}
