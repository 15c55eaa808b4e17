using MailRouting.Servers;
using MailRouting.Servers.Detection;
using MailRouting.Servers.Presets;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class ServerPresetEndpoints
{
    public static void MapServerPresetEndpoints(this RouteGroupBuilder api)
    {
        var presets = api.MapGroup("/server-presets").WithTags("SMTP servers").RequireBearer();
        presets.MapGet("/", () => TypedResults.Ok(ProviderPresets.All)).Only(Policies.ServerReader)
            .Named("ListServerPresets", "Known providers: host, port, security, sign-in, notes, sending limits, the MX "
                + "names that identify them and the include their SPF needs.")
            .Produces<IReadOnlyList<ProviderPreset>>();
        presets.MapGet("/detect", DetectAsync).Only(Policies.Admin).Named("DetectServerSettings",
                "The submission settings for an email address: the domain's autoconfig file, MX records matched to a "
                + "known provider, SRV records, then the usual ports; with the source that answered and the server to "
                + "create.")
            .Produces<DetectedServer>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> DetectAsync(string? email, SettingsDetection detection, CancellationToken ct)
    {
        if (!MimeKit.MailboxAddress.TryParse(email?.Trim() ?? "", out var address) || address.Domain.Length == 0)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["email"] = [$"'{email}' is not an email address."] });
        }

        return await detection.DetectAsync(address.Address, ct) is { } found
            ? TypedResults.Ok(new DetectedServer(found.Source, found.Preset?.Id, found.Preset?.Notes,
                found.Preset?.Limits, SmtpServerInput.For(found, address.Address)))
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Nothing found",
                $"Nothing answered for {address.Domain} (autoconfig, MX, SRV or the usual ports) within the time "
                + "allowed.");
    }

    /// <summary>
    /// What detection found, and the server it suggests (post it to /api/v1/smtp-servers with a password).
    /// </summary>
    public sealed record DetectedServer(string Source, string? PresetId, string? Notes, string? Limits,
        SmtpServerInput Server);
}
