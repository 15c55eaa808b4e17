using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace MailRouting.Web.Infrastructure;

/// <summary>
/// Logs values, never raw control characters: a newline typed into a sign-in email, a path or a folder name would otherwise
/// start a forged line in the log file. Each control character in a string property (also inside lists and objects) is
/// written as an escape such as \n or \u001b.
/// </summary>
public sealed class ControlCharacterEscaper : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (Escaped(value) is { } escaped)
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, escaped));
            }
        }
    }

    /// <returns>The value with its text escaped; null when it had nothing to escape.</returns>
    private static LogEventPropertyValue? Escaped(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } when text.Any(char.IsControl) => new ScalarValue(Escape(text)),
        SequenceValue sequence when sequence.Elements.Any(e => Escaped(e) is not null) => new SequenceValue(sequence.Elements.Select(e => Escaped(e) ?? e)),
        StructureValue structure when structure.Properties.Any(p => Escaped(p.Value) is not null) =>
            new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Escaped(p.Value) ?? p.Value)), structure.TypeTag),
        DictionaryValue dictionary when dictionary.Elements.Any(e => Escaped(e.Key) is not null || Escaped(e.Value) is not null) =>
            new DictionaryValue(dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(
                (ScalarValue?)Escaped(e.Key) ?? e.Key, Escaped(e.Value) ?? e.Value))),
        _ => null,
    };

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
