using System.Buffers.Text;
using System.Text;
using MailRouting.OAuth;

namespace MailRouting.Tests.OAuth;

public sealed class IdTokenAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly long Later = Now.AddMinutes(30).ToUnixTimeSeconds();

    private static string Token(string payloadJson) =>
        $"{Base64Url.EncodeToString("{\"alg\":\"RS256\"}"u8)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson))}.signature";

    [Theory]
    [InlineData("""{"aud":"app","email":"jane@acme.test","exp":EXP}""", "jane@acme.test")]
    [InlineData("""{"aud":["other","app"],"preferred_username":"jane@contoso.com","exp":EXP}""", "jane@contoso.com")]
    [InlineData("""{"aud":"app","upn":"jane@contoso.com","email":"not-an-address","exp":EXP}""", "jane@contoso.com")]
    public void Read_TokenForThisClient_NamesTheAccount(string payload, string account) =>
        Assert.Equal(account, IdTokenAccount.Read(Token(payload.Replace("EXP", $"{Later}", StringComparison.Ordinal)), "app", Now));

    [Theory]
    [InlineData("""{"aud":"someone-else","email":"jane@acme.test","exp":EXP}""")]
    [InlineData("""{"email":"jane@acme.test","exp":EXP}""")]
    [InlineData("""{"aud":"app","name":"Jane","exp":EXP}""")]
    [InlineData("""{"aud":"app","email":"jane@acme.test"}""")]
    [InlineData("""{"aud":"app","email":"jane@acme.test","exp":1764000000}""")]
    [InlineData("""not json""")]
    public void Read_TokenForAnotherClientExpiredOrWithoutAnAccount_IsNull(string payload) =>
        Assert.Null(IdTokenAccount.Read(Token(payload.Replace("EXP", $"{Later}", StringComparison.Ordinal)), "app", Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("only.two")]
    [InlineData("a.!!!.c")]
    public void Read_NotAJwt_IsNull(string? token) => Assert.Null(IdTokenAccount.Read(token, "app", Now));
}
