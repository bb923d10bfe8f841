namespace GoChat.Client.Secret;

/// <summary>
/// One device of one user: the pair a pairwise session and an envelope are addressed to. The device id is the signed-in
/// session's device id, the same one the key directory and the server's envelopes use.
/// </summary>
public readonly record struct DeviceAddress(Guid UserId, Guid DeviceId)
{
    /// <summary>The "user/device" form the Sender Keys API keys its chains by.</summary>
    public override string ToString() => $"{UserId:N}/{DeviceId:N}";

    public static DeviceAddress Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || !Guid.TryParse(text.AsSpan(0, slash), out var user) || !Guid.TryParse(text.AsSpan(slash + 1), out var device))
            throw new FormatException($"'{text}' is not a user/device address.");
        return new DeviceAddress(user, device);
    }
}
