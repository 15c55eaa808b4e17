using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace MailRouting.Web;

/// <summary>
/// Logs values, never raw control characters: a newline typed into a sign-in email or a folder name would otherwise start a
/// forged line in the log file. Each control character in a string property is written as an escape such as \n or \u001b.
/// </summary>
public sealed class ControlCharacterEscaper : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text } && text.Any(char.IsControl))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(Escape(text))));
            }
        }
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
