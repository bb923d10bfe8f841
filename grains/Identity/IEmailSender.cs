namespace GoChat.Grains.Identity;

public interface IEmailSender
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default);
}
