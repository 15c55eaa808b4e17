using System.Text.Json;
using System.Threading.Channels;
using MailRouting.ConnectionTests;
using Microsoft.AspNetCore.Http.Features;

namespace MailRouting.Web.Forms;

/// <summary>
/// Streams a connection test run from a page: a form that live-test.js posts (Accept: application/x-ndjson) gets one JSON
/// line per test stage as it finishes and, last, the page the plain post shows. The page handler runs unchanged on a
/// response of its own, so the same handler answers the plain post when script is off. Closing the request cancels the test.
/// Only handlers that answer with a page belong here: the stream's headers are gone before the page runs, so a cookie the
/// handler sets (a status message for after a redirect) would be lost.
/// </summary>
public sealed class LiveTestProgress(RequestDelegate next, ILogger<LiveTestProgress> logger)
{
    public const string MediaType = "application/x-ndjson";

    public static bool IsWanted(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.Accept.ToString().Contains(MediaType, StringComparison.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        var streamBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var streamResponse = context.Features.GetRequiredFeature<IHttpResponseFeature>();
        context.Response.ContentType = MediaType + "; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        streamBody.DisableBuffering();
        await streamBody.StartAsync(context.RequestAborted);

        var lines = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var writing = WriteLinesAsync(streamBody, lines.Reader, context.RequestAborted);
        using var page = new MemoryStream();
        var pageResponse = new HttpResponseFeature();
        context.Features.Set<IHttpResponseFeature>(pageResponse);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(page));
        try
        {
            using (TestProgress.Listen(stage => lines.Writer.TryWrite(new { stage })))
            {
                await next(context);
            }

            lines.Writer.TryWrite(Ending(pageResponse, page));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            logger.LogInformation("Live test on {Path} cancelled by the browser", context.Request.Path);
        }
        finally
        {
            context.Features.Set(streamResponse);
            context.Features.Set(streamBody);
            lines.Writer.Complete();
            await writing;
        }
    }

    /// <summary>The page as the plain post shows it, or where it sends the browser; anything else the script posts plainly.</summary>
    private static object Ending(HttpResponseFeature response, MemoryStream page) => response.StatusCode switch
    {
        StatusCodes.Status200OK => new { page = System.Text.Encoding.UTF8.GetString(page.GetBuffer(), 0, (int)page.Length) },
        >= 300 and < 400 => new { location = response.Headers.Location.ToString() },
        var status => new { status },
    };

    private static async Task WriteLinesAsync(IHttpResponseBodyFeature body, ChannelReader<object> lines, CancellationToken aborted)
    {
        await foreach (var line in lines.ReadAllAsync(CancellationToken.None))
        {
            if (aborted.IsCancellationRequested)
            {
                continue;
            }

            try
            {
                await body.Writer.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(line, JsonSerializerOptions.Web), aborted);
                await body.Writer.WriteAsync("\n"u8.ToArray(), aborted);
            }
            catch (OperationCanceledException)
            {
                // The browser went away (Cancel); the rest is dropped.
            }
        }
    }
}
