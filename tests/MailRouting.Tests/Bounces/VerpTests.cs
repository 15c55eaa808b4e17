using MailRouting.Bounces;

namespace MailRouting.Tests.Bounces;

public sealed class VerpTests
{
    private static readonly Guid Message = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void Address_AddsTheMessageIdAfterAPlus_AndMessageOfReadsItBack()
    {
        var address = Verp.Address("support@acme.test", Message);

        Assert.Equal("support+0f8fad5bd9cb469fa16570867728950e@acme.test", address);
        Assert.Equal(Message, Verp.MessageOf(address));
        Assert.Equal(Message, Verp.MessageOf(address.ToUpperInvariant()));
    }

    [Fact]
    public void Address_LocalPartTooLongForTheToken_StaysAsItIs()
    {
        var longLocal = new string('a', 40) + "@acme.test";

        Assert.Equal(longLocal, Verp.Address(longLocal, Message));
    }

    [Theory]
    [InlineData("support@acme.test")]
    [InlineData("support+tag@acme.test")]
    [InlineData("support+0f8fad5bd9cb469fa16570867728950@acme.test")]
    [InlineData("support+zz8fad5bd9cb469fa16570867728950e@acme.test")]
    [InlineData("+0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("")]
    public void MessageOf_AnyOtherAddress_IsNull(string address) => Assert.Null(Verp.MessageOf(address));
}
