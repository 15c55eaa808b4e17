using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailRouting.Outbox.Intake;

/// <summary>
/// Reads a base64 JSON string straight into one array of the decoded size. The serializer's own reading copies a value
/// that arrived in many network buffers into one array first (unescaping it, as .NET clients write + as \u002B), then
/// decodes through a pooled buffer of the next power of two: for a 25 MB attachment that is 60 MB more, and the pool
/// keeps its part.
/// </summary>
public sealed class Base64Content : JsonConverter<byte[]>
{
    private const int Chunk = 4096;

    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || (!reader.HasValueSequence && reader.ValueIsEscaped))
        {
            return reader.GetBytesFromBase64();
        }

        var decoded = reader.HasValueSequence ? Decode(reader.ValueSequence) : Decode(reader.ValueSpan);
        return decoded ?? throw new JsonException("The content is not valid base64.");
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) => writer.WriteBase64StringValue(value);

    /// <returns>Null when the text is not base64.</returns>
    public static byte[]? Decode(ReadOnlySpan<byte> encoded)
    {
        var decoded = DecodedArray(encoded.Length, encoded.Length >= 2 ? encoded[^2..] : encoded);
        return decoded is not null && Base64.DecodeFromUtf8(encoded, decoded, out _, out var written) == OperationStatus.Done && written == decoded.Length
            ? decoded : null;
    }

    /// <param name="raw">The string as it stands in the JSON, JSON escapes and all.</param>
    /// <returns>Null when the text is not base64.</returns>
    public static byte[]? Decode(ReadOnlySequence<byte> raw)
    {
        Span<byte> chunk = stackalloc byte[Chunk];
        Span<byte> end = stackalloc byte[2];
        var length = 0L;
        var reader = new SequenceReader<byte>(raw);
        for (var filled = Unescape(ref reader, chunk); filled > 0; filled = Unescape(ref reader, chunk))
        {
            // The last two characters tell the padding; a chunk of one character carries over the one before it.
            end[0] = filled > 1 ? chunk[filled - 2] : end[1];
            end[1] = chunk[filled - 1];
            length += filled;
        }

        var decoded = reader.End ? DecodedArray(length, end[..(int)Math.Min(2, length)]) : null;
        if (decoded is null)
        {
            return null;
        }

        reader = new SequenceReader<byte>(raw);
        var written = 0;
        while (!reader.End)
        {
            var filled = Unescape(ref reader, chunk);
            if (filled < 0 || Base64.DecodeFromUtf8(chunk[..filled], decoded.AsSpan(written), out var consumed, out var produced, isFinalBlock: reader.End)
                != OperationStatus.Done || consumed != filled)
            {
                return null;
            }

            written += produced;
        }

        return written == decoded.Length ? decoded : null;
    }

    /// <summary>Fills <paramref name="chunk"/> with the next characters, JSON escapes undone; fewer only at the end.</summary>
    /// <returns>How many; -1 for an escape no base64 character can have.</returns>
    private static int Unescape(ref SequenceReader<byte> reader, scoped Span<byte> chunk)
    {
        var filled = 0;
        while (filled < chunk.Length && !reader.End)
        {
            var plain = reader.UnreadSpan[..Math.Min(reader.UnreadSpan.Length, chunk.Length - filled)];
            var escape = plain.IndexOf((byte)'\\');
            if (escape != 0)
            {
                var taken = escape < 0 ? plain.Length : escape;
                plain[..taken].CopyTo(chunk[filled..]);
                filled += taken;
                reader.Advance(taken);
                continue;
            }

            if (!TryUnescape(ref reader, out chunk[filled]))
            {
                return -1;
            }

            filled++;
        }

        return filled;
    }

    /// <summary>\/ or \u00XX: the escapes a JSON writer may use for a base64 character.</summary>
    private static bool TryUnescape(ref SequenceReader<byte> reader, out byte character)
    {
        character = (byte)'/';
        if (reader.IsNext("\\/"u8, advancePast: true))
        {
            return true;
        }

        Span<byte> escape = stackalloc byte[6];
        if (!reader.TryCopyTo(escape) || !escape.StartsWith("\\u"u8) || !Utf8Parser.TryParse(escape[2..], out ushort code, out var digits, 'X')
            || digits != 4 || code >= 0x80)
        {
            return false;
        }

        reader.Advance(escape.Length);
        character = (byte)code;
        return true;
    }

    /// <summary>An array of the decoded size, known from the length and the padding at the end; null when no base64 has this length.</summary>
    private static byte[]? DecodedArray(long length, ReadOnlySpan<byte> end)
    {
        if (length % 4 != 0)
        {
            return null;
        }

        var padding = end.Length < 2 ? 0 : end[1] != '=' ? 0 : end[0] == '=' ? 2 : 1;
        return new byte[length / 4 * 3 - padding];
    }
}
