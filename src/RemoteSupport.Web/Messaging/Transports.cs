using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using RemoteSupport.Domain.Messages;

namespace RemoteSupport.Web.Messaging;

/// <summary>Where the deployment's providers are (section "Messaging"). Secrets come from configuration, never logged.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public SenderOptions Sender { get; set; } = new();
    public SmtpOptions Email { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();
    /// <summary>The shared secret that signs the provider's webhook calls (HMAC-SHA256 of the body).</summary>
    public string? WebhookSecret { get; set; }

    public sealed class SenderOptions
    {
        /// <summary>Runs the background sender in this instance (every instance may: they never send a message twice).</summary>
        public bool Enabled { get; set; } = true;
        public int PollSeconds { get; set; } = 15;
        public int BatchSize { get; set; } = 50;
        /// <summary>A message "sending" for longer than this is taken as interrupted and planned again.</summary>
        public int StuckMinutes { get; set; } = 10;
    }

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 587;
        /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
        public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public string From { get; set; } = "ne-pas-repondre@remotesupport.test";
        public string FromName { get; set; } = "RemoteSupport";
        public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
    }

    public sealed class SmsOptions
    {
        /// <summary>None, EmailGateway (an operator's e-mail-to-SMS gateway over SMTP) or Http (a JSON API).</summary>
        public SmsProvider Provider { get; set; } = SmsProvider.None;
        /// <summary>For EmailGateway: the gateway's domain; the message goes to "0612345678@domain".</summary>
        public string? GatewayDomain { get; set; }
        /// <summary>For Http: the API's base address, key and sender name.</summary>
        public Uri? BaseUrl { get; set; }
        public string? ApiKey { get; set; }
        public string SenderName { get; set; } = "RemoteSupp";
    }
}

public enum SmsProvider { None, EmailGateway, Http }

/// <summary>What a provider answered.</summary>
public abstract record SendResult
{
    public sealed record Sent(string? ProviderReference) : SendResult;
    /// <summary>Worth trying again later (network, provider busy).</summary>
    public sealed record Temporary(string Reason) : SendResult;
    /// <summary>Never worth trying again (invalid number, refused address).</summary>
    public sealed record Permanent(string Reason) : SendResult;
}

public interface IMessageTransport
{
    Task<SendResult> SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>Sends each message through the transport of its channel.</summary>
public sealed class MessageTransports(SmtpEmailTransport email, SmsEmailGatewayTransport gateway, HttpSmsTransport http, IOptions<MessagingOptions> options)
{
    public Task<SendResult> SendAsync(OutboxMessage message, CancellationToken ct) => message.Channel switch
    {
        MessageChannel.Email => email.SendAsync(message, ct),
        MessageChannel.Sms => options.Value.Sms.Provider switch
        {
            SmsProvider.EmailGateway => gateway.SendAsync(message, ct),
            SmsProvider.Http => http.SendAsync(message, ct),
            SmsProvider.None => Task.FromResult<SendResult>(new SendResult.Permanent("aucun fournisseur de SMS n'est configuré pour ce déploiement")),
            _ => Task.FromResult<SendResult>(new SendResult.Permanent("fournisseur de SMS inconnu")),
        },
        _ => Task.FromResult<SendResult>(new SendResult.Permanent("canal inconnu")),
    };
}

/// <summary>
/// SMTP through MailKit. One connection is kept open and reused by the messages of a batch (a connection per message
/// costs a handshake each); it is opened again after an error.
/// </summary>
public sealed class SmtpEmailTransport(IOptions<MessagingOptions> options, ILogger<SmtpEmailTransport> logger) : IMessageTransport, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken ct) =>
        await SendMimeAsync(message.Id, Compose(message, options.Value.Email), ct);

    public static MimeMessage Compose(OutboxMessage message, MessagingOptions.SmtpOptions smtp)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        mime.Subject = message.Subject ?? "";
        mime.MessageId = $"{message.Id:N}@remotesupport";
        var body = new BodyBuilder { TextBody = message.Body, HtmlBody = message.HtmlBody };
        if (message.Calendar is { } ics)
        {
            var attachment = body.Attachments.Add("rendez-vous.ics", System.Text.Encoding.UTF8.GetBytes(ics),
                new ContentType("text", "calendar") { Charset = "utf-8" });
            attachment.ContentType.Parameters.Add("method", "PUBLISH");
        }
        mime.Body = body.ToMessageBody();
        return mime;
    }

    internal async Task<SendResult> SendMimeAsync(Guid messageId, MimeMessage mime, CancellationToken ct)
    {
        var smtp = options.Value.Email;
        if (!smtp.IsConfigured) return new SendResult.Temporary("le serveur d'e-mail n'est pas configuré");
        await _gate.WaitAsync(ct);
        try
        {
            var client = await ConnectedAsync(smtp, ct);
            var response = await client.SendAsync(mime, ct);
            return new SendResult.Sent(mime.MessageId ?? response);
        }
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted
                                               || (int)e.StatusCode >= 500)
        {
            logger.LogWarning("SMTP refused message {MessageId} permanently ({StatusCode})", messageId, (int)e.StatusCode);
            await ResetAsync();
            return new SendResult.Permanent(e.ErrorCode == SmtpErrorCode.RecipientNotAccepted ? "adresse refusée par le serveur" : "message refusé par le serveur");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException
                                      or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException or TimeoutException)
        {
            logger.LogWarning("SMTP could not send message {MessageId}: {Error}", messageId, e.GetType().Name);
            await ResetAsync();
            return new SendResult.Temporary("serveur d'e-mail injoignable ou occupé");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SmtpClient> ConnectedAsync(MessagingOptions.SmtpOptions smtp, CancellationToken ct)
    {
        if (_client is { IsConnected: true }) return _client;
        _client?.Dispose();
        _client = new SmtpClient { Timeout = 30_000 };
        await _client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await _client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        return _client;
    }

    private async Task ResetAsync()
    {
        var client = _client;
        _client = null;
        if (client is null) return;
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(true, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            // The connection is being dropped anyway.
        }
        client.Dispose();
    }

    public void Dispose()
    {
        _client?.Dispose();
        _gate.Dispose();
    }
}

/// <summary>
/// An operator's e-mail-to-SMS gateway: an e-mail to "0612345678@gateway" leaves as an SMS with the mail's text.
/// It shares the SMTP connection of the e-mails.
/// </summary>
public sealed class SmsEmailGatewayTransport(SmtpEmailTransport smtp, IOptions<MessagingOptions> options) : IMessageTransport
{
    public Task<SendResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Sms.GatewayDomain)) return Task.FromResult<SendResult>(new SendResult.Permanent("passerelle SMS non configurée"));
        var number = Digits(message.Recipient);
        if (number.Length != 10) return Task.FromResult<SendResult>(new SendResult.Permanent("numéro invalide"));
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(o.Email.FromName, o.Email.From));
        mime.To.Add(new MailboxAddress("", $"{number}@{o.Sms.GatewayDomain}"));
        mime.Subject = "";
        mime.MessageId = $"{message.Id:N}@remotesupport";
        mime.Body = new TextPart("plain") { Text = message.Body };
        return smtp.SendMimeAsync(message.Id, mime, ct);
    }

    public static string Digits(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return phone.TrimStart().StartsWith('+') && digits.StartsWith("33", StringComparison.Ordinal) ? "0" + digits[2..] : digits;
    }
}

/// <summary>
/// An SMS provider with a JSON API: POST {BaseUrl}/messages with a bearer key; 2xx with an id is sent, 4xx (a number the
/// provider refuses) is permanent, 5xx and timeouts are temporary. The resilience pipeline retries quick blips itself.
/// </summary>
public sealed class HttpSmsTransport(HttpClient http, IOptions<MessagingOptions> options, ILogger<HttpSmsTransport> logger) : IMessageTransport
{
    public const string ClientName = "sms";

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var sms = options.Value.Sms;
        if (sms.BaseUrl is null) return new SendResult.Permanent("fournisseur de SMS non configuré");
        var number = SmsEmailGatewayTransport.Digits(message.Recipient);
        if (number.Length != 10) return new SendResult.Permanent("numéro invalide");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sms.BaseUrl, "messages"))
        {
            Content = JsonContent.Create(new SmsRequest("+33" + number[1..], sms.SenderName, message.Body, message.Id.ToString())),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", sms.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                var answer = await response.Content.ReadFromJsonAsync<SmsResponse>(ct);
                return new SendResult.Sent(answer?.Id);
            }
            var code = (int)response.StatusCode;
            logger.LogWarning("SMS provider answered {StatusCode} for message {MessageId}", code, message.Id);
            if (code is >= 400 and < 500 and not 408 and not 429)
            {
                var error = await SafeReadErrorAsync(response, ct);
                return new SendResult.Permanent(error == "invalid_number" ? "numéro invalide" : $"refusé par le fournisseur ({code})");
            }
            return new SendResult.Temporary($"fournisseur de SMS indisponible ({code})");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
                                      or Polly.CircuitBreaker.BrokenCircuitException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("SMS provider unreachable for message {MessageId}: {Error}", message.Id, e.GetType().Name);
            return new SendResult.Temporary("fournisseur de SMS injoignable");
        }
    }

    private static async Task<string?> SafeReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<SmsResponse>(ct))?.Error;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public sealed record SmsRequest(
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("sender")] string Sender,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("clientReference")] string ClientReference);

    public sealed record SmsResponse(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("error")] string? Error);
}
