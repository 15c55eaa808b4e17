using System.Buffers;
using System.Text;
using System.Text.Json;
using MailRouting.Outbox.Intake;

namespace MailRouting.Tests.Outbox.Intake;

public sealed class Base64ContentTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(1, 1, false)]
    [InlineData(2, 3, true)]
    [InlineData(3, 7, true)]
    [InlineData(4095, 4096, false)]
    [InlineData(100_000, 4093, false)]
    [InlineData(100_000, 4093, true)]
    [InlineData(100_001, 17, true)]
    [InlineData(100_002, 4096, true)]
    public void AttachmentJson_InOneBufferOrMany_GivesTheSameBytes(int size, int bufferSize, bool escaped)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        // .NET's serializer writes + as \u002B; other clients write it as it is.
        var base64 = Convert.ToBase64String(content);
        var json = escaped
            ? JsonSerializer.SerializeToUtf8Bytes(new { fileName = "a.bin", contentType = "application/octet-stream", contentBase64 = base64 })
            : Encoding.UTF8.GetBytes($$"""{"fileName":"a.bin","contentType":"application/octet-stream","contentBase64":"{{base64}}"}""");
        Assert.Equal(escaped && base64.Contains('+', StringComparison.Ordinal), Encoding.UTF8.GetString(json).Contains(@"\u002B", StringComparison.Ordinal));

        var whole = JsonSerializer.Deserialize<AttachmentInput>(json, Web);
        var reader = new Utf8JsonReader(InPieces(json, bufferSize));
        var pieces = JsonSerializer.Deserialize<AttachmentInput>(ref reader, Web);

        Assert.Equal(content, whole!.Content);
        Assert.Equal(content, pieces!.Content);
    }

    [Theory]
    [InlineData("SGVsbG8")]
    [InlineData("SGVs bG8=")]
    [InlineData("SG=sbG8=")]
    [InlineData("SGVsbG8*")]
    [InlineData("====")]
    public void NotBase64_IsNull_InOneBufferOrMany(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);

        Assert.Null(Base64Content.Decode(bytes));
        Assert.Null(Base64Content.Decode(InPieces(bytes, 3)));
    }

    [Theory]
    [InlineData(@"SGVsbG8\u003D", new byte[] { 72, 101, 108, 108, 111 })]
    [InlineData(@"\/\/8\u002B", new byte[] { 0xff, 0xff, 0x3e })]
    [InlineData(@"SGVsbG8\n", null)]
    [InlineData(@"SGVsbG8\u00e9", null)]
    [InlineData(@"SGVsbG8\u00", null)]
    public void JsonEscapes_AreUndone_InManyBuffers(string raw, byte[]? expected)
    {
        Assert.Equal(expected, Base64Content.Decode(InPieces(Encoding.ASCII.GetBytes(raw), 2)));
    }

    [Fact]
    public void NotBase64InJson_IsAJsonError()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AttachmentInput>("""{"contentBase64":"not base64!"}""", Web));

        Assert.Contains("contentBase64", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapedOrNull_AreReadToo()
    {
        Assert.Equal(new byte[] { 0xfb, 0xff }, JsonSerializer.Deserialize<AttachmentInput>("""{"contentBase64":"+\/8="}""", Web)!.Content);
        Assert.Null(JsonSerializer.Deserialize<AttachmentInput>("""{"contentBase64":null}""", Web)!.Content);
    }

    private static ReadOnlySequence<byte> InPieces(byte[] bytes, int size)
    {
        var first = new Piece(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        var last = first;
        for (var start = size; start < bytes.Length; start += size)
        {
            last = last.Append(bytes.AsMemory(start, Math.Min(size, bytes.Length - start)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Piece : ReadOnlySequenceSegment<byte>
    {
        public Piece(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Piece Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Piece(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
