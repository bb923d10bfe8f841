using GoChat.Grains.Identity;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GoChat.Grains.Tests;

/// <summary>The test SMTP sink against the real MailKit client that GoChat sends with.</summary>
public sealed class SmtpSinkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_silos_mail_sender_delivers_a_sign_in_code_that_the_sink_reads()
    {
        await using var sink = await SmtpSink.StartAsync();
        // Configured as GoChatStack configures the silo.
        var sender = new MailKitEmailSender(Options.Create(new SmtpOptions
        {
            Host = sink.Host, Port = sink.Port, Security = "None", From = "no-reply@gochat.gov.my", FromName = "GoChat",
        }));

        await sender.SendAsync("siti@agensi.gov.my", "Kod log masuk GoChat / GoChat sign-in code",
            "Kod log masuk GoChat anda ialah 305917. Kod ini sah selama 10 minit.\n\nYour GoChat sign-in code is 305917.\n");

        var mail = await sink.WaitForMailTo("siti@agensi.gov.my", timeout: Wait);
        Assert.Equal("no-reply@gochat.gov.my", mail.From);
        Assert.Equal(["siti@agensi.gov.my"], mail.To);
        Assert.Equal("Kod log masuk GoChat / GoChat sign-in code", mail.Subject);
        Assert.Equal("GoChat", Assert.Single(mail.Message.From.Mailboxes).Name);
        Assert.Equal("305917", SmtpSink.ExtractCode(mail));
    }

    [Fact]
    public async Task MailKitMessageToTwoRecipientsArrivesForEachWithItsCode()
    {
        await using var sink = await SmtpSink.StartAsync();
        Assert.Equal("127.0.0.1", sink.Host);
        Assert.NotEqual(0, sink.Port);

        // One wait starts before the mail is sent (woken by the arrival), the other after (finds it already there).
        var forBob = sink.WaitForMailTo("bob@example.test", timeout: Wait);

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("GoChat", "noreply@gochat.test"));
        message.To.Add(new MailboxAddress("Alice", "alice@example.test"));
        message.To.Add(new MailboxAddress("Bob", "bob@example.test"));
        message.Subject = "Your GoChat code";
        message.Body = new BodyBuilder
        {
            // A line starting with a dot exercises dot-stuffing; "ü" makes MailKit send it as 8BITMIME.
            TextBody = "Hallo Jürgen,\r\n\r\nyour code is 482913. It expires in 10 minutes.\r\n.signed by a line starting with a dot\r\n",
            HtmlBody = "<p>Your code is <b>482913</b>.</p>",
        }.ToMessageBody();

        using (var client = new SmtpClient())
        {
            await client.ConnectAsync(sink.Host, sink.Port, SecureSocketOptions.None);
            await client.SendAsync(message);
            await client.DisconnectAsync(quit: true);
        }

        var forAlice = await sink.WaitForMailTo("ALICE@Example.Test", timeout: Wait);
        Assert.Same(forAlice, await forBob);
        Assert.Single(sink.Messages);

        Assert.Equal("noreply@gochat.test", forAlice.From);
        Assert.Equal(["alice@example.test", "bob@example.test"], forAlice.To);
        Assert.Equal("Your GoChat code", forAlice.Subject);
        Assert.Contains("Hallo Jürgen,", forAlice.TextBody);
        Assert.Contains("your code is 482913.", forAlice.TextBody);
        Assert.Contains("\n.signed by a line starting with a dot", forAlice.TextBody);
        Assert.Contains("<b>482913</b>", forAlice.HtmlBody);
        Assert.Equal("noreply@gochat.test", Assert.Single(forAlice.Message.From.Mailboxes).Address);
        Assert.Equal("482913", SmtpSink.ExtractCode(forAlice));

        var missing = await Assert.ThrowsAsync<TimeoutException>(() => sink.WaitForMailTo("carol@example.test", timeout: TimeSpan.FromMilliseconds(200)));
        Assert.Contains("carol@example.test", missing.Message);
    }

    [Fact]
    public async Task ThreeConcurrentClientsSendingTwoMessagesEachAllArrive()
    {
        await using var sink = await SmtpSink.StartAsync();

        var senders = Enumerable.Range(0, 3).Select(c => Task.Run(async () =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(sink.Host, sink.Port, SecureSocketOptions.None);
            for (var m = 0; m < 2; m++)
            {
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse("noreply@gochat.test"));
                message.To.Add(MailboxAddress.Parse($"user{c}@example.test"));
                message.Subject = $"client {c} message {m}";
                message.Body = new TextPart("plain") { Text = $"Your code is {100000 + c * 10 + m}.\r\n" };
                await client.SendAsync(message);
            }
            await client.DisconnectAsync(quit: true);
        })).ToArray();
        await Task.WhenAll(senders);

        for (var c = 0; c < 3; c++)
        {
            for (var m = 0; m < 2; m++)
            {
                var subject = $"client {c} message {m}";
                var mail = await sink.WaitForMailTo($"user{c}@example.test", x => x.Subject == subject, Wait);
                Assert.Equal((100000 + c * 10 + m).ToString(System.Globalization.CultureInfo.InvariantCulture), SmtpSink.ExtractCode(mail));
            }
        }
        Assert.Equal(6, sink.Messages.Count);
    }
}
