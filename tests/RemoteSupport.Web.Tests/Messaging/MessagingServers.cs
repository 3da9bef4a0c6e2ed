using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;
using RemoteSupport.Web.Messaging;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace RemoteSupport.Web.Tests.Messaging;

/// <summary>
/// Real servers on loopback for the messages: an SMTP server (SmtpServer, in process) that keeps what it receives and
/// refuses any recipient at "refuse.test", and an HTTP SMS provider (Kestrel) whose answers a test scripts.
/// </summary>
public sealed class MessagingServers : IAsyncDisposable
{
    public const string WebhookSecret = "test-webhook-secret-not-for-production";
    public const string SmsApiKey = "test-sms-key";

    private CancellationTokenSource? _stop;
    private SmtpServer.SmtpServer? _smtp;
    private Task? _smtpTask;
    private WebApplication? _sms;

    public int SmtpPort { get; private set; }
    public Uri SmsBaseUrl { get; private set; } = default!;
    public ConcurrentQueue<MimeMessage> Mails { get; } = new();
    public ConcurrentQueue<SmsCall> SmsCalls { get; } = new();
    /// <summary>What the SMS provider answers next (status code and JSON); empty means 200 with a new id.</summary>
    public ConcurrentQueue<(int Status, string Json)> SmsScript { get; } = new();
    /// <summary>Runs when the SMTP server receives a mail, before it answers: what happens meanwhile elsewhere (a receipt).</summary>
    public Func<MimeMessage, Task>? OnMail { get; set; }

    public sealed record SmsCall(string To, string Sender, string Text, string ClientReference, string? Authorization);

    public async Task StartAsync()
    {
        _stop = new CancellationTokenSource();
        SmtpPort = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, SmtpPort)))
            .Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(new Store(this));
        provider.Add(new RefuseFilter());
        _smtp = new SmtpServer.SmtpServer(options, provider);
        _smtpTask = _smtp.StartAsync(_stop.Token);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _sms = builder.Build();
        _sms.MapPost("/messages", async (HttpContext http) =>
        {
            var json = await JsonDocument.ParseAsync(http.Request.Body);
            var root = json.RootElement;
            SmsCalls.Enqueue(new SmsCall(root.GetProperty("to").GetString()!, root.GetProperty("sender").GetString()!, root.GetProperty("text").GetString()!,
                root.GetProperty("clientReference").GetString()!, http.Request.Headers.Authorization.ToString()));
            if (SmsScript.TryDequeue(out var answer))
                return Results.Text(answer.Json, "application/json", Encoding.UTF8, answer.Status);
            return Results.Json(new { id = "prov-" + Guid.NewGuid().ToString("N") });
        });
        await _sms.StartAsync();
        var address = _sms.Urls.First();
        SmsBaseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Points the app's providers at these servers.</summary>
    public void Configure(MessagingOptions o)
    {
        o.Sender.Enabled = false;
        o.Email.Host = "127.0.0.1";
        o.Email.Port = SmtpPort;
        o.Email.Security = MailKit.Security.SecureSocketOptions.None;
        o.Email.From = "ne-pas-repondre@cd.test";
        o.Sms.Provider = SmsProvider.Http;
        o.Sms.BaseUrl = SmsBaseUrl;
        o.Sms.ApiKey = SmsApiKey;
        o.Sms.GatewayDomain = "sms.gateway.test";
        o.WebhookSecret = WebhookSecret;
    }

    public void Clear()
    {
        Mails.Clear();
        SmsCalls.Clear();
        SmsScript.Clear();
        OnMail = null;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _stop?.Cancel();
        _smtp?.Shutdown();
        if (_smtpTask is not null)
        {
            try { await _smtpTask; } catch (OperationCanceledException) { }
        }
        if (_sms is not null) await _sms.DisposeAsync();
        _stop?.Dispose();
    }

    private sealed class Store(MessagingServers servers) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var mail = await MimeMessage.LoadAsync(stream, cancellationToken);
            servers.Mails.Enqueue(mail);
            if (servers.OnMail is { } onMail) await onMail(mail);
            return SmtpResponse.Ok;
        }
    }

    private sealed class RefuseFilter : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!string.Equals(to.Host, "refuse.test", StringComparison.OrdinalIgnoreCase));
    }
}
