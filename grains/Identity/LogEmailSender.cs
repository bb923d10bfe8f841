using Microsoft.Extensions.Logging;

namespace GoChat.Grains.Identity;

/// <summary>Local development without a mail relay: the mail, code included, goes to the silo's log.</summary>
public sealed class LogEmailSender(ILogger<LogEmailSender> logger) : IEmailSender
{
    public Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("Smtp:Delivery=Log (development only). Mail to {To}: {Subject}\n{Body}", to, subject, textBody);
        return Task.CompletedTask;
    }
}
