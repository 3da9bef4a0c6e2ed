using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Messaging;

/// <summary>
/// The provider's calls: delivery receipts (delivered, failed) and inbound SMS. Authenticated by an HMAC-SHA256 of the
/// raw body with the deployment's shared secret, sent as <c>X-Signature: sha256=&lt;hex&gt;</c>; anything else is 401.
/// An inbound « STOP » withdraws the person's SMS consent, journaled, and cancels their planned SMS.
/// </summary>
public static class DeliveryWebhook
{
    public const string Path = "/messages/webhook";
    public const string SignatureHeader = "X-Signature";

    public static IEndpointRouteBuilder MapMessageWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static async Task<IResult> HandleAsync(HttpRequest request, IOptions<MessagingOptions> options, AppDbContext db,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(DeliveryWebhook));
        var secret = options.Value.WebhookSecret;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var given = request.Headers[SignatureHeader].ToString();
        // Without a configured secret nothing is trusted; the comparison takes the same time whatever matches.
        if (string.IsNullOrEmpty(secret) || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(given)))
        {
            logger.LogWarning("Webhook call refused: bad or missing signature");
            return Results.Unauthorized();
        }

        Receipt? receipt;
        try
        {
            receipt = JsonSerializer.Deserialize<Receipt>(body);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        if (receipt is null) return Results.BadRequest();
        db.AsSystem();
        var now = clock.GetUtcNow();
        switch (receipt.Event)
        {
            case "delivered" or "failed":
                var message = await FindAsync(db, receipt, ct);
                if (message is null) return Results.NotFound();
                if (message.Status is MessageStatus.Sent or MessageStatus.Sending)
                {
                    if (receipt.Event == "delivered") message.MarkDelivered(now);
                    else message.Fail(FailureText(receipt.Error), permanent: true, now);
                    await db.SaveChangesAsync(ct);
                }
                logger.LogInformation("Receipt {Event} for message {MessageId}", receipt.Event, message.Id);
                return Results.Ok();
            case "inbound":
                if (!IsStop(receipt.Text)) return Results.Ok();
                var withdrawn = await WithdrawSmsAsync(db, receipt.From, now, ct);
                logger.LogInformation("Inbound STOP withdrew the SMS consent of {Count} person(s)", withdrawn);
                return Results.Ok();
            default:
                return Results.BadRequest();
        }
    }

    private static async Task<OutboxMessage?> FindAsync(AppDbContext db, Receipt receipt, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(receipt.Reference))
        {
            var byReference = await db.OutboxMessages.FirstOrDefaultAsync(m => m.ProviderReference == receipt.Reference, ct);
            if (byReference is not null) return byReference;
        }
        return Guid.TryParse(receipt.ClientReference, out var id) ? await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct) : null;
    }

    public static string FailureText(string? error) => error switch
    {
        "invalid_number" => "numéro invalide",
        "unreachable" => "téléphone injoignable",
        "blocked" => "message bloqué par l'opérateur",
        "bounced" => "adresse e-mail inexistante",
        _ => "non remis par le fournisseur",
    };

    public static bool IsStop(string? text) =>
        text is not null && text.Trim().TrimEnd('.', '!').Equals("STOP", StringComparison.OrdinalIgnoreCase);

    /// <summary>Records the withdrawal for every person with that number whose SMS consent is in force.</summary>
    private static async Task<int> WithdrawSmsAsync(AppDbContext db, string? from, DateTimeOffset now, CancellationToken ct)
    {
        if (!PhoneNumbers.IsValid(from) || string.IsNullOrWhiteSpace(from)) return 0;
        var phone = PhoneNumbers.Normalize(from);
        var persons = await db.Persons.AsNoTracking().Where(p => p.Phone == phone).Select(p => new { p.Id, p.DepartmentId, p.ReferentId }).ToListAsync(ct);
        var histories = await db.ConsentHistoriesAsync(persons.Select(p => p.Id), ct);
        var count = 0;
        foreach (var person in persons)
        {
            var history = histories[person.Id];
            if (!ConsentPolicy.StateAt(history, Modality.Sms, now).IsGranted) continue;
            // The person wrote it: a written answer, entered by the system on behalf of the referent who follows them.
            ConsentRecord record;
            try
            {
                record = ConsentRecord.Record(history, person.DepartmentId, person.Id, Modality.Sms, ConsentDecision.Withdrawn, now,
                    ConsentMethod.InWriting, person.ReferentId, now, "Réponse « STOP » reçue par SMS.");
            }
            catch (DomainRuleException)
            {
                continue;
            }
            db.Consents.Add(record);
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, person.ReferentId, now, ActivityKind.ConsentRecorded,
                record.JournalDescription() + " La personne a répondu « STOP » à un SMS.", modality: Modality.Sms));
            var planned = await db.OutboxMessages.Where(m => m.PersonId == person.Id && m.Channel == MessageChannel.Sms && m.Status == MessageStatus.Planned).ToListAsync(ct);
            SendingRules.CancelPlannedOnWithdrawal(planned, record, now);
            count++;
        }
        await db.SaveChangesAsync(ct);
        return count;
    }

    public sealed record Receipt(
        [property: JsonPropertyName("event")] string? Event,
        [property: JsonPropertyName("reference")] string? Reference,
        [property: JsonPropertyName("clientReference")] string? ClientReference,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("from")] string? From,
        [property: JsonPropertyName("text")] string? Text);
}
