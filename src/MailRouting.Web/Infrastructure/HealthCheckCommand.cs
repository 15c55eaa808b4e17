namespace MailRouting.Web.Infrastructure;

/// <summary>
/// <c>dotnet MailRouting.Web.dll --health-check URL</c>: asks a running instance's /healthz and exits 0 when it answers
/// Healthy, 1 otherwise. Container health checks use it, since the runtime image has no curl or wget.
/// </summary>
public static class HealthCheckCommand
{
    public const string Flag = "--health-check";

    public static async Task<int> RunAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            var body = await response.Content.ReadAsStringAsync();
            Console.WriteLine($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode && body.Contains("Healthy", StringComparison.Ordinal) ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            Console.WriteLine($"Unhealthy: {exception.Message}");
            return 1;
        }
    }
}
