using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailRouting.Deliverability;

/// <summary>
/// Expands the macros of an SPF domain-spec (RFC 7208 §7): <c>%{d}</c>, <c>%{i}</c>, <c>%{s}</c>, <c>%{l}</c>,
/// <c>%{o}</c>, <c>%{h}</c>, <c>%{v}</c>, <c>%{p}</c> (always "unknown": no reverse lookup), with a digit count,
/// <c>r</c> (reverse) and delimiters. Throws <see cref="FormatException"/> for a malformed spec, a permerror.
/// </summary>
public static class SpfMacros
{
    private const string Delimiters = ".-+,/_=";

    public static string Expand(string spec, IPAddress ip, string sender, string domain)
    {
        var text = new StringBuilder();
        for (var i = 0; i < spec.Length; i++)
        {
            if (spec[i] != '%')
            {
                text.Append(spec[i]);
                continue;
            }

            if (++i >= spec.Length)
            {
                throw new FormatException("A % at the end of a domain-spec.");
            }

            switch (spec[i])
            {
                case '%': text.Append('%'); break;
                case '_': text.Append(' '); break;
                case '-': text.Append("%20"); break;
                case '{':
                    var end = spec.IndexOf('}', i);
                    if (end < 0)
                    {
                        throw new FormatException("A macro without its closing brace.");
                    }

                    text.Append(Macro(spec[(i + 1)..end], ip, sender, domain));
                    i = end;
                    break;
                default: throw new FormatException($"\"%{spec[i]}\" is not a macro.");
            }
        }

        return text.ToString();
    }

    private static string Macro(string body, IPAddress ip, string sender, string domain)
    {
        if (body.Length == 0)
        {
            throw new FormatException("An empty macro.");
        }

        var value = Value(char.ToLowerInvariant(body[0]), ip, sender, domain);
        var rest = body[1..];
        var digits = new string([.. rest.TakeWhile(char.IsAsciiDigit)]);
        rest = rest[digits.Length..];
        var reverse = rest.StartsWith('r') || rest.StartsWith('R');
        var delimiters = reverse ? rest[1..] : rest;
        if (delimiters.Any(c => !Delimiters.Contains(c)))
        {
            throw new FormatException($"\"{body}\" has an unknown transformer.");
        }

        var parts = value.Split(delimiters.Length == 0 ? ['.'] : delimiters.ToCharArray());
        if (reverse)
        {
            Array.Reverse(parts);
        }

        if (digits.Length > 0)
        {
            var keep = int.Parse(digits, CultureInfo.InvariantCulture);
            if (keep == 0)
            {
                throw new FormatException("A macro keeping 0 parts.");
            }

            parts = parts[Math.Max(0, parts.Length - keep)..];
        }

        var expanded = string.Join('.', parts);
        return char.IsUpper(body[0]) ? Uri.EscapeDataString(expanded) : expanded;
    }

    private static string Value(char letter, IPAddress ip, string sender, string domain) => letter switch
    {
        's' => sender,
        'l' => sender[..Math.Max(0, sender.LastIndexOf('@'))] is { Length: > 0 } local ? local : "postmaster",
        'o' => sender[(sender.LastIndexOf('@') + 1)..],
        'd' or 'h' => domain,
        'i' => Dotted(ip),
        'v' => ip.AddressFamily == AddressFamily.InterNetwork ? "in-addr" : "ip6",
        'p' => "unknown",
        _ => throw new FormatException($"\"{letter}\" is not a macro letter."),
    };

    /// <summary>IPv4 as usual; IPv6 as 32 dot-separated nibbles (§7.3).</summary>
    private static string Dotted(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetwork
        ? ip.ToString()
        : string.Join('.', ip.GetAddressBytes().SelectMany(b => new[] { b >> 4,
            b & 0xF }).Select(n => n.ToString("x")));
}
