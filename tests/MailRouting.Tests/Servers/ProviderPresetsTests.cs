using System.Text.RegularExpressions;
using MailRouting.Servers;
using MailRouting.Servers.Presets;

namespace MailRouting.Tests.Servers;

/// <summary>Every entry of providers.json, so a provider added there is checked without a test of its own.</summary>
public sealed partial class ProviderPresetsTests
{
    public static TheoryData<string> Ids() => [.. ProviderPresets.All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryPreset_IsComplete_AndItsPortMatchesItsSecurity(string id)
    {
        var preset = ProviderPresets.Find(id)!;

        Assert.Matches(HostName(), preset.Host);
        Assert.Equal(preset.Security == SmtpSecurity.SslOnConnect ? 465 : 587, preset.Port);
        Assert.NotEqual(SmtpAuthMethod.None, preset.AuthMethod);
        Assert.True(preset.Notes.Length > 20 && preset.Limits.Length > 5, "notes and limits say something");
        Assert.NotEmpty(preset.Mx);
        Assert.All(preset.Mx, name => Assert.Matches(HostName(), name));
        Assert.Matches(HostName(), preset.SpfInclude.TrimStart('_'));
    }

    [Fact]
    public void ThePresets_AreTheProvidersTheIssueNames_WithUniqueIdsNamesAndMx()
    {
        var all = ProviderPresets.All;

        Assert.True(all.Count >= 19, $"{all.Count} presets");
        Assert.Equal(all.Count, all.Select(p => p.Id).Distinct().Count());
        Assert.Equal(all.Count, all.Select(p => p.Name).Distinct().Count());
        Assert.Equal(all.Sum(p => p.Mx.Count), all.SelectMany(p => p.Mx).Distinct().Count());
        Assert.Equal("microsoft365", ProviderPresets.ForMx(["acme-com.mail.protection.outlook.com"])?.Id);
        Assert.Equal("google", ProviderPresets.ForMx(["other.example", "aspmx.l.google.com"])?.Id);
        Assert.Null(ProviderPresets.ForMx(["mx.notgoogle.com"]));
        Assert.Equal("yahoo", ProviderPresets.ForHost("SMTP.mail.yahoo.com")?.Id);
    }

    [GeneratedRegex(@"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$", RegexOptions.None, 1000)]
    private static partial Regex HostName();
}
