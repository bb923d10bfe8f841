using System.ComponentModel.DataAnnotations;

namespace GoChat.Grains.Identity;

/// <summary>Section "Smtp": the agency's mail relay. Credentials come from the environment, never the repo.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>"Smtp" sends through the relay; "Log" writes mail to the log instead, for local development only.</summary>
    [RegularExpression("^(Smtp|Log)$")] public string Delivery { get; set; } = "Smtp";

    [Required] public string Host { get; set; } = "127.0.0.1";
    [Range(1, 65535)] public int Port { get; set; } = 25;
    [Required, EmailAddress] public string From { get; set; } = "no-reply@gochat.gov.my";
    public string FromName { get; set; } = "GoChat";
    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";
    public string? Username { get; set; }
    public string? Password { get; set; }
}
