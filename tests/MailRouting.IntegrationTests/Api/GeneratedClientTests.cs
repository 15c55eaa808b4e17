using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Data;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// What an integrator does: generate a C# client from the running app's /openapi/v1.json with Kiota (a .NET tool in the
/// repository's manifest), compile a program that uses only that client (tests/generated-client), and run it against the app.
/// </summary>
public sealed class GeneratedClientTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mailrouting-generated-client-").FullName;
    private readonly AppProcess app;

    public GeneratedClientTests() => app = AppProcess.Start(folder);

    public void Dispose()
    {
        app.Dispose();
        TestDatabase.Drop(folder);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AClientGeneratedFromTheDocument_SignsInCreatesSendsReadsBack_AndGetsTypedErrors()
    {
        using var admin = await app.AdminClientAsync();
        var document = Path.Combine(folder, "openapi.json");
        await File.WriteAllTextAsync(document, await admin.GetStringAsync("/openapi/v1.json"));
        var program = Path.Combine(folder, "program");
        CopyFolder(Path.Combine(MtaFixture.RepositoryRoot(), "tests", "generated-client"), program);

        await SucceedsAsync("dotnet", ["tool", "restore"], MtaFixture.RepositoryRoot());
        await SucceedsAsync("dotnet", ["kiota", "generate", "--language", "CSharp", "--openapi", document, "--class-name", "MailRoutingClient",
            "--namespace-name", "MailRouting.Client", "--output", Path.Combine(program, "Client"), "--exclude-backward-compatible"], MtaFixture.RepositoryRoot());
        await SucceedsAsync("dotnet", ["build", program, "--nologo", "-v", "q", "-o", Path.Combine(program, "out")], program);
        var recipient = MtaFixture.UniqueRecipient();
        var output = await SucceedsAsync("dotnet", [Path.Combine(program, "out", "GeneratedClientCheck.dll"), $"http://127.0.0.1:{app.Port}",
            AppFactory.AdminEmail, AppFactory.AdminPassword, recipient], program);

        var seen = JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsObject();
        Assert.True((int)seen["serverId"]! > 0);
        Assert.True((int)seen["channelId"]! > 0);
        Assert.Equal("Queued", (string?)seen["acceptedStatus"]);
        Assert.EndsWith("@acme.test", (string?)seen["messageId"], StringComparison.Ordinal);
        Assert.Equal("Sent by a generated client", (string?)seen["subject"]);
        Assert.Equal([recipient], seen["recipients"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(["to"], seen["invalidFields"]!.AsArray().Select(f => (string?)f));
        Assert.Equal("ChannelInactive", (string?)seen["refusal"]);
    }

    private static async Task<string> SucceedsAsync(string program, string[] arguments, string workingDirectory)
    {
        var (exitCode, output) = await Commands.RunAsync(program, arguments, workingDirectory, TimeSpan.FromMinutes(4));
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', arguments)} exited {exitCode}: {output}");
        return output;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
