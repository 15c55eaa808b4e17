namespace MailRouting.Resolution;

/// <summary>Either a plan or a failure; failures are values, never exceptions.</summary>
public sealed record Resolution(SendPlan? Plan, ResolutionFailure? Failure)
{
    public bool Ok => Plan is not null;
}
