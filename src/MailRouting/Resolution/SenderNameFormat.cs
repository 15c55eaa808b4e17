namespace MailRouting.Resolution;

/// <summary>Mail:SenderNameFormat, e.g. "{name} via {organization}": the name
/// customers see when From is rewritten.</summary>
public sealed class SenderNameFormat(string format, string organization)
{
    public const string Default = "{name}";

    public string Format(string name) => format.Replace("{name}", name, StringComparison.Ordinal)
        .Replace("{organization}", organization, StringComparison.Ordinal).Trim();
}
