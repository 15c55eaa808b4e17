namespace MailRouting.Users;

/// <summary>A user whose Profile sign-ins a server refused repeatedly: for admins, who may be looking at someone guessing.</summary>
public sealed record RefusedSignIns(string UserId, string Email, int Refused, DateTime Last, string LastTarget);
