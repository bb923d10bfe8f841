using System.Text;
using GoChat.GrainInterfaces;
using Microsoft.AspNetCore.Http.Features;

namespace GoChat.Gateway.Api;

/// <summary>
/// A request target whose percent-escapes are not UTF-8 (e.g. %ED%A0%80, a lone surrogate in WTF-8) is refused with
/// INVALID_TEXT. The framework decodes such bytes to U+FFFD, after which no handler can tell them from text the user
/// meant; a search or a route value built from them is never what a real client sent.
/// </summary>
public sealed class RawTargetCheck(RequestDelegate next)
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (target is not null && target.Contains('%') && !IsUtf8(target))
        {
            await context.WriteProblem(StatusCodes.Status400BadRequest, "The address contains bytes that are not UTF-8 text.", ErrorCodes.InvalidText);
            return;
        }
        await next(context);
    }

    /// <summary>Percent-decodes the target to bytes (other characters as their UTF-8) and checks them strictly.</summary>
    private static bool IsUtf8(string target)
    {
        var bytes = new List<byte>(target.Length);
        for (var i = 0; i < target.Length; i++)
        {
            if (target[i] == '%' && i + 2 < target.Length && Uri.IsHexDigit(target[i + 1]) && Uri.IsHexDigit(target[i + 2]))
            {
                bytes.Add(Convert.ToByte(target.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (target[i] < 0x80)
            {
                bytes.Add((byte)target[i]);
            }
            else
            {
                // Kestrel hands non-ASCII bytes of the target over as Latin-1 characters: one byte each.
                bytes.Add((byte)Math.Min((int)target[i], 0xFF));
            }
        }
        try
        {
            Strict.GetCharCount(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
