namespace MailRouting.Outbox.Delivery;

/// <summary>A message whose outcome is written on it and waits to be saved.</summary>
/// <param name="FromLane">Handled by a lane, so it holds a place among the unsaved sends until it is saved.</param>
public sealed record FinishedSend(OutboxMessage Message, bool FromLane);
