using System.Buffers;
using System.Text;
using MessagePack;
using MessagePack.Formatters;

namespace GoChat.Gateway.Hubs;

/// <summary>
/// MessagePack strings are read as strict UTF-8. The library's own reader replaces invalid bytes with U+FFFD, so a
/// lone surrogate a client smuggled in (its CESU-8 bytes ED A0 80) would become other text without a word; the
/// JSON protocol refuses its \ud800 escape, and MessagePack now refuses the same way: the call fails to bind.
/// </summary>
public sealed class StrictStringFormatter : IMessagePackFormatter<string?>
{
    public static readonly StrictStringFormatter Instance = new();

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public void Serialize(ref MessagePackWriter writer, string? value, MessagePackSerializerOptions options) => writer.Write(value);

    public string? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil()) return null;
        var bytes = reader.ReadStringSequence() ?? default;
        try
        {
            return bytes.IsSingleSegment ? Strict.GetString(bytes.FirstSpan) : Strict.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new MessagePackSerializationException("A string is not valid UTF-8.");
        }
    }
}
