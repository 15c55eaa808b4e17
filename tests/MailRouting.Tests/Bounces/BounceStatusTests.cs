using MailRouting.Bounces.Parsing;

namespace MailRouting.Tests.Bounces;

public sealed class BounceStatusTests
{
    [Theory]
    [InlineData("5.1.1", "failed", BounceKind.Hard)]
    [InlineData("5.1.10", null, BounceKind.Hard)]
    [InlineData("5.2.1", null, BounceKind.Hard)]
    [InlineData("5.4.4", null, BounceKind.Hard)]
    [InlineData("5.2.2", "failed", BounceKind.Soft)]
    [InlineData("5.7.1", "failed", BounceKind.Soft)]
    [InlineData("4.4.7", "failed", BounceKind.Soft)]
    [InlineData("4.4.7", "delayed", BounceKind.Delayed)]
    [InlineData("", "failed", BounceKind.Unknown)]
    public void Classify_Status_SaysWhatItMeansForTheAddress(string status, string? action, BounceKind expected) =>
        Assert.Equal(expected, BounceStatus.Classify(status, action));

    [Theory]
    [InlineData("2.0.0", null)]
    [InlineData("5.1.1", "delivered")]
    [InlineData("2.1.5", "relayed")]
    public void Classify_DeliveredOrRelayed_IsNoBounce(string status, string? action) =>
        Assert.Null(BounceStatus.Classify(status, action));

    [Theory]
    [InlineData("550 5.1.1 <a@b.example>: User unknown", true, "5.1.1")]
    [InlineData("Sorry, no mailbox here by that name. (#5.1.1)", true, "5.1.1")]
    [InlineData("550 Requested action not taken: mailbox unavailable", true, "5.1.1")]
    [InlineData("554 rejected by policy", true, "5.0.0")]
    [InlineData("421 try later", false, "4.0.0")]
    [InlineData("retry timeout exceeded", false, "4.0.0")]
    [InlineData(null, true, "5.0.0")]
    [InlineData("host 192.0.2.1 said 550 5.7.1", true, "5.7.1")]
    public void FromReply_Text_FindsOrInfersTheStatus(string? reply, bool permanent, string expected) =>
        Assert.Equal(expected, BounceStatus.FromReply(reply, permanent));
}
