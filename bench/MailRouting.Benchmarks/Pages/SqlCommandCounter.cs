using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MailRouting.Benchmarks.Pages;

/// <summary>What one request cost on the server: its time in the pipeline and the SQL commands it sent.</summary>
public sealed record RequestCost(string Path, double Milliseconds, int SqlCommands);

/// <summary>
/// Counts the SQL commands EF Core sends during each request (an interceptor, carried by an AsyncLocal the middleware
/// opens) and times the request inside the server.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor, IStartupFilter
{
    private static readonly AsyncLocal<int[]?> Current = new();
    private readonly List<RequestCost> costs = [];

    public IReadOnlyList<RequestCost> Costs
    {
        get
        {
            lock (costs)
            {
                return [.. costs];
            }
        }
    }

    public void Clear()
    {
        lock (costs)
        {
            costs.Clear();
        }
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext context, RequestDelegate following) =>
        {
            var count = new int[1];
            Current.Value = count;
            var clock = Stopwatch.StartNew();
            await following(context);
            lock (costs)
            {
                costs.Add(new RequestCost(context.Request.Path + context.Request.QueryString, clock.Elapsed.TotalMilliseconds, count[0]));
            }
        });
        next(app);
    };

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Count(result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Count(result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Count(result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Count(result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Count(result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Count(result));

    private static T Count<T>(T result)
    {
        if (Current.Value is { } count)
        {
            Interlocked.Increment(ref count[0]);
        }

        return result;
    }
}
