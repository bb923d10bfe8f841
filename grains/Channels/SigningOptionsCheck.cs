using GoChat.Broadcasts.Signing;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Channels;

/// <summary>Broadcasts:Signing, checked at start: a key that does not match its certificate, or a certificate no root signed, stops the silo.</summary>
public sealed class SigningOptionsCheck : IValidateOptions<BroadcastSigningOptions>
{
    public ValidateOptionsResult Validate(string? name, BroadcastSigningOptions options)
    {
        if (!BroadcastSigner.Configured(options)) return ValidateOptionsResult.Success;
        var problems = BroadcastSigningOptionsValidator.Validate(options, requireSigningKey: false);
        if (problems.Count > 0) return ValidateOptionsResult.Fail(problems.Select(p => "Broadcasts:Signing: " + p));
        try
        {
            AgencyKeyRing.FromOptions(options);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
