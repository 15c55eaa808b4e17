namespace MailRouting.Overview;

/// <summary>Something on the home page that needs someone to act, with the page where they fix it.</summary>
public sealed record ActionItem(string Text, string Link);
