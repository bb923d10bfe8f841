using System.Text.Json;

namespace GoChat.Secret;

/// <summary>
/// Reading saved state: anything that does not parse is <see cref="SecretError.InvalidState"/>, never a JSON
/// exception whose message could quote the (secret) input.
/// </summary>
internal static class StateJson
{
    public static T Read<T>(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json) ?? throw new SecretException(SecretError.InvalidState);
        }
        catch (JsonException)
        {
            throw new SecretException(SecretError.InvalidState);
        }
    }
}
