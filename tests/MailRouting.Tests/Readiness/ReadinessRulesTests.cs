using MailRouting.Readiness;
using MailRouting.Servers;

namespace MailRouting.Tests.Readiness;

public sealed class ReadinessRulesTests
{
    [Theory]
    [InlineData("smtp.office365.com", ServerTransport.Smtp, SmtpAuthMethod.Login, false, ReadinessVerdict.AtRisk,
        "Microsoft 365")]
    [InlineData("smtp.office365.com", ServerTransport.Smtp, SmtpAuthMethod.OAuth2, false,
        ReadinessVerdict.WhileSmtpAuthAllowed, "Microsoft 365")]
    [InlineData("smtp.office365.com", ServerTransport.Smtp, SmtpAuthMethod.OAuth2, true, ReadinessVerdict.Refused,
        "Microsoft 365")]
    [InlineData("smtp.office365.com", ServerTransport.Smtp, SmtpAuthMethod.Plain, true, ReadinessVerdict.Refused,
        "Microsoft 365")]
    [InlineData("acme-com.mail.protection.outlook.com", ServerTransport.Smtp, SmtpAuthMethod.None, false,
        ReadinessVerdict.NotAffected, "Microsoft 365")]
    [InlineData("smtp-mail.outlook.com", ServerTransport.Smtp, SmtpAuthMethod.Plain, false, ReadinessVerdict.AtRisk,
        "Microsoft 365")]
    [InlineData("graph.microsoft.com", ServerTransport.MicrosoftGraph, SmtpAuthMethod.OAuth2App, true,
        ReadinessVerdict.Ready, "Microsoft 365")]
    [InlineData("smtp.gmail.com", ServerTransport.Smtp, SmtpAuthMethod.Plain, false, ReadinessVerdict.AtRisk, "Google")]
    [InlineData("smtp.gmail.com", ServerTransport.Smtp, SmtpAuthMethod.OAuth2, false, ReadinessVerdict.Ready, "Google")]
    [InlineData("gmail.googleapis.com", ServerTransport.GmailApi, SmtpAuthMethod.OAuth2, false, ReadinessVerdict.Ready,
        "Google")]
    [InlineData("mail.example.org", ServerTransport.Smtp, SmtpAuthMethod.Plain, false, ReadinessVerdict.NotAffected,
        "Other")]
    [InlineData("notoffice365.com", ServerTransport.Smtp, SmtpAuthMethod.Plain, false, ReadinessVerdict.NotAffected,
        "Other")]
    public void Judge_ASignIn_SaysWhetherItWillStillSend(string host, ServerTransport transport, SmtpAuthMethod auth,
        bool refused,
        ReadinessVerdict verdict, string provider)
    {
        var judged = ReadinessRules.Judge(host, transport, auth, refused);

        Assert.Equal((verdict, provider), (judged.Verdict, judged.Provider));
        Assert.False(string.IsNullOrWhiteSpace(judged.Reason));
        Assert.False(string.IsNullOrWhiteSpace(judged.Fix));
    }

    [Fact]
    public void Judge_APasswordToMicrosoft_NamesTheDateAndTheMove()
    {
        var judged = ReadinessRules.Judge("smtp.office365.com", ServerTransport.Smtp, SmtpAuthMethod.Plain, false);

        Assert.Contains("the end of December 2026", judged.Reason);
        Assert.Contains("Microsoft Graph", judged.Fix);
    }
}
