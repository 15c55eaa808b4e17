using System.Collections.Concurrent;

namespace MailRouting.Outbox.Delivery;

/// <summary>
/// Logins the provider told that their daily sending limit is reached: their messages wait, without asking the
/// provider again, until the pause ends (Delivery:DailyLimitPauseSeconds); then the next message tries, and the rest
/// follow when it goes. Kept in this instance's memory: another instance learns it from its own first refusal.
/// </summary>
public sealed class LoginPauses
{
    private readonly ConcurrentDictionary<(int ServerId, string? Login), DateTime> pauses = new();

    public void Pause(OutboxMessage message, DateTime until) => pauses[(message.ServerId, message.Login)] = until;

    /// <returns>When the message's login may send again; null when it is not paused.</returns>
    public DateTime? Until(OutboxMessage message, DateTime now)
    {
        var login = (message.ServerId, message.Login);
        if (!pauses.TryGetValue(login, out var until))
        {
            return null;
        }

        if (until > now)
        {
            return until;
        }

        pauses.TryRemove(KeyValuePair.Create(login, until));
        return null;
    }
}
