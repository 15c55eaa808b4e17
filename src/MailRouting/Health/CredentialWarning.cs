namespace MailRouting.Health;

/// <summary>A credential that will stop mail soon, or has: what is wrong, who must act, how, and where.</summary>
/// <param name="ServerIds">The servers whose mail it affects, so each one's page shows it.</param>
/// <param name="Due">When mail stops (or stopped), where that is known.</param>
public sealed record CredentialWarning(CredentialProblem Problem, string Message, string WhoActs, string Fix,
    string Link,
    IReadOnlyList<int> ServerIds, DateTime? Due = null);
