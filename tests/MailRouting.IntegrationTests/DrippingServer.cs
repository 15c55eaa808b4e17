using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailRouting.IntegrationTests;

/// <summary>
/// Accepts connections and answers one byte a second, forever: a server that is never silent long enough for a
/// per-read time-out, so only an overall deadline ends the conversation. It counts the connections it ever took.
/// </summary>
public sealed class DrippingServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly byte[] greeting;
    private readonly Task accepting;
    private int connections;

    /// <param name="greeting">What it starts to say, such as "220 " or "* OK "; a long tail of x follows.</param>
    public DrippingServer(string greeting)
    {
        this.greeting = Encoding.ASCII.GetBytes(greeting + new string('x', 10_000) + "\r\n");
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref connections);

    private async Task AcceptAsync()
    {
        var clients = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
                clients.Add(DripAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        await Task.WhenAll(clients);
    }

    private async Task DripAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                foreach (var b in greeting)
                {
                    await stream.WriteAsync(new[] { b }, stop.Token);
                    await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
            {
                // The client gave up, or the test ended.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}
