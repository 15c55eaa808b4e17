namespace MailRouting.Overview;

/// <summary>One step of the first-run checklist: what to do, why, where it is done, and whether the real state shows it done.</summary>
public sealed record SetupStep(string Text, string Why, string Link, bool Done);
