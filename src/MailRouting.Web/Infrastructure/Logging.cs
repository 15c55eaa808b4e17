using Serilog;
using Serilog.Events;

namespace MailRouting.Web.Infrastructure;

internal static class Logging
{
    /// <summary>Console and a daily rolling file (Logging:FilePath, relative to the content root).</summary>
    public static LoggerConfiguration ConfigureMailRoutingLogging(this LoggerConfiguration log, IConfiguration configuration, IHostEnvironment environment)
    {
        var file = configuration["Logging:FilePath"] is { Length: > 0 } configured ? configured : "logs/mailrouting-.log";
        return log
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With<ControlCharacterEscaper>()
            .WriteTo.Console()
            .WriteTo.File(Path.Combine(environment.ContentRootPath, file), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
    }
}
