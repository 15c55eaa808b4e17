using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MailRouting.Outbox;

/// <summary>Mail:MaxMessageBytes and the Delivery:* settings of the worker, checked when the app starts.</summary>
public sealed record SendingOptions(long MaxMessageBytes, TimeSpan PollInterval, int BatchSize, TimeSpan Lease, TimeSpan RetryBase, TimeSpan MaxAge,
    TimeSpan IdleSession, long BatchBytes, TimeSpan SaveInterval, TimeSpan SentCopyTimeout, TimeSpan DailyLimitPause)
{
    /// <exception cref="OptionsValidationException">A setting is out of range; the message names each one and its range.</exception>
    public static SendingOptions From(IConfiguration configuration)
    {
        var failures = new List<string>();
        double Read(string key, double fallback, double min, double max)
        {
            var value = configuration.GetValue<double?>(key) ?? fallback;
            if (value < min || value > max)
            {
                failures.Add($"{key} is {value.ToString(CultureInfo.InvariantCulture)}; it must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            }

            return value;
        }

        var options = new SendingOptions(
            (long)Read("Mail:MaxMessageBytes", 25 * 1024 * 1024, 1024, 1024L * 1024 * 1024),
            TimeSpan.FromMilliseconds(Read("Delivery:PollMilliseconds", 1000, 10, 600_000)),
            (int)Read("Delivery:BatchSize", 100, 1, 10_000),
            TimeSpan.FromSeconds(Read("Delivery:LeaseSeconds", 120, 1, 86_400)),
            TimeSpan.FromSeconds(Read("Delivery:RetryBaseSeconds", 30, 0.1, 86_400)),
            TimeSpan.FromHours(Read("Delivery:MaxAgeHours", 24, 0.01, 24 * 30)),
            TimeSpan.FromSeconds(Read("Delivery:IdleSessionSeconds", 30, 1, 3_600)),
            (long)Read("Delivery:BatchMegabytes", 64, 1, 4_096) * 1024 * 1024,
            TimeSpan.FromMilliseconds(Read("Delivery:SaveIntervalMilliseconds", 10, 0, 10_000)),
            TimeSpan.FromSeconds(Read("Delivery:SentCopyTimeoutSeconds", 60, 1, 3_600)),
            TimeSpan.FromSeconds(Read("Delivery:DailyLimitPauseSeconds", 3_600, 1, 86_400)));
        return failures.Count == 0 ? options : throw new OptionsValidationException("Delivery", typeof(SendingOptions), failures);
    }
}
