using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoChat.Gateway.Api;

/// <summary>
/// Refuses a JSON string whose escapes hold half a surrogate pair (<c>"\ud800"</c>). System.Text.Json would
/// decode it to U+FFFD, so the shared text rules could never see it and the server would store a character the
/// client did not send; refused here, REST answers 400 INVALID_TEXT and a hub call fails at binding, unstored.
/// Raw bytes that are not UTF-8 are refused by the reader itself.
/// </summary>
public sealed class StrictJsonStringConverter : JsonConverter<string>
{
    public static readonly StrictJsonStringConverter Instance = new();

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A string was expected.");
        Check(ref reader);
        return reader.GetString();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Check(ref reader);
        return reader.GetString()!;
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static void Check(ref Utf8JsonReader reader)
    {
        // Only an escaped value can hold a \u escape; the common unescaped string costs one flag test.
        if (!reader.ValueIsEscaped) return;
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (HasLoneSurrogate(raw)) throw new LoneSurrogateException();
    }

    /// <summary>Walks the escapes of a raw (still escaped) JSON string value.</summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<byte> raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\') continue;
            if (i + 1 < raw.Length && raw[i + 1] != (byte)'u')
            {
                i++; // \" \\ \n and the like: the escaped character cannot start another escape
                continue;
            }
            var unit = Unit(raw, i);
            if (unit is null) return false; // malformed: the reader refuses it on its own
            if (char.IsLowSurrogate((char)unit)) return true;
            if (char.IsHighSurrogate((char)unit))
            {
                var next = i + 6 < raw.Length && raw[i + 6] == (byte)'\\' ? Unit(raw, i + 6) : null;
                if (next is null || !char.IsLowSurrogate((char)next)) return true;
                i += 6;
            }
            i += 5;
        }
        return false;
    }

    /// <summary>The UTF-16 unit of the <c>\uXXXX</c> escape at <paramref name="at"/>, or null if it is not one.</summary>
    private static int? Unit(ReadOnlySpan<byte> raw, int at)
    {
        if (at + 6 > raw.Length || raw[at + 1] != (byte)'u') return null;
        var value = 0;
        for (var k = at + 2; k < at + 6; k++)
        {
            var digit = HexValue(raw[k]);
            if (digit < 0) return null;
            value = value * 16 + digit;
        }
        return value;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}

/// <summary>A JSON string held half a surrogate pair; mapped to INVALID_TEXT.</summary>
public sealed class LoneSurrogateException() : JsonException("The text holds half of a surrogate pair.");
