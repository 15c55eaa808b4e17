using MailRouting.Bounces;
using MailRouting.Bounces.Parsing;

namespace MailRouting.Tests.Bounces;

public sealed class SuppressionRulesTests
{
    private static readonly BounceOptions ThreeSoft = new() { SoftBouncesToSuppress = 3 };

    [Theory]
    [InlineData(BounceKind.Hard, true, 0, SuppressionReason.HardBounce)]
    [InlineData(BounceKind.Soft, true, 2, SuppressionReason.SoftBounces)]
    [InlineData(BounceKind.Soft, true, 1, null)]
    [InlineData(BounceKind.Delayed, true, 5, null)]
    [InlineData(BounceKind.Unknown, true, 5, null)]
    [InlineData(BounceKind.Hard, false, 0, null)]
    [InlineData(BounceKind.Soft, false, 9, null)]
    public void Decide_KindMatchAndCount_SuppressOnlyAMatchedHardOrEnoughSoft(BounceKind kind, bool matched,
        int softBefore,
        SuppressionReason? expected) =>
        Assert.Equal(expected, SuppressionRules.Decide(kind, matched, softBefore, ThreeSoft));

    [Fact]
    public void Decide_OneSoftBounceConfigured_SuppressesAtTheFirst() =>
        Assert.Equal(SuppressionReason.SoftBounces,
            SuppressionRules.Decide(BounceKind.Soft, true, 0, new BounceOptions { SoftBouncesToSuppress = 1 }));
}
