using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Npgsql;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;

// The floor for docs/performance.md: the same rows as "Ma file active" and a person's page, read with raw Npgsql
// and written as HTML by hand. No EF Core, no Razor, no Identity, no antiforgery, no layout. The domain project (no
// packages) gives the French labels and computes the consent matrix, as it does for the product.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connectionString = builder.Configuration.GetConnectionString("Default")
    ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.");
var workerEmail = builder.Configuration["Bench:WorkerEmail"] ?? "ts1.cd56@remotesupport.test";

// The same Npgsql settings as the product's requests (src/RemoteSupport.Web/Data/DataServices.cs, ForRequests):
// statements prepared automatically, plans kept by PostgreSQL, no reset between leases, unless the connection string
// says otherwise, so both sides are measured with the same driver and the same PostgreSQL settings. Until 2026-11-30
// both planned each run (plan_cache_mode=force_custom_plan); BASELINE_PLAN_EACH_RUN=1 gives the baseline those former
// settings again, to compare with the figures measured then (docs/performance.md, « Round 4 »).
var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
    connectionString = Environment.GetEnvironmentVariable("BASELINE_PLAN_EACH_RUN") == "1"
        ? new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, Options = "-c plan_cache_mode=force_custom_plan" }.ConnectionString
        : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, NoResetOnClose = true }.ConnectionString;
await using var dataSource = NpgsqlDataSource.Create(connectionString);
var app = builder.Build();

// The signed-in worker of the real page; resolved once here, as the real app reads it from the cookie.
Guid workerId;
int departmentId;
await using (var command = dataSource.CreateCommand("""SELECT "Id", "DepartmentId" FROM "AspNetUsers" WHERE "NormalizedEmail" = $1"""))
{
    command.Parameters.AddWithValue(workerEmail.ToUpperInvariant());
    await using var reader = await command.ExecuteReaderAsync();
    if (!await reader.ReadAsync()) throw new InvalidOperationException($"No user {workerEmail}: run seed-demo first.");
    (workerId, departmentId) = (reader.GetGuid(0), reader.GetInt32(1));
}

var encoder = HtmlEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.LatinExtendedA, UnicodeRanges.GeneralPunctuation);
var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
var fr = CultureInfo.GetCultureInfo("fr-FR");
string Date(DateTimeOffset? at) => at is { } a ? TimeZoneInfo.ConvertTime(a, paris).ToString("dd/MM/yyyy", fr) : "—";
string DateTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, paris).ToString("dd/MM/yyyy 'à' HH:mm", fr);

app.MapGet("/persons", async (HttpContext http) =>
{
    await using var command = dataSource.CreateCommand("""
        SELECT "Id", "LastName", "FirstName", "RiskLevel", "RemoteReasons", "LastContactAt", "ContactFrequencyDays",
               "FirstFaceToFaceMeetingOn" IS NULL
        FROM "AccompaniedPersons"
        WHERE "DepartmentId" = $1 AND "ReferentId" = $2 AND "Status" = 'Active'
        ORDER BY "LastName", "FirstName"
        LIMIT 100
        """);
    command.Parameters.AddWithValue(departmentId);
    command.Parameters.AddWithValue(workerId);
    var html = new StringBuilder(16_384);
    html.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Ma file active</title></head><body><h1>Ma file active</h1>");
    html.Append("<table><thead><tr><th>Personne</th><th>Risque</th><th>Situations</th><th>Dernier contact</th></tr></thead><tbody>");
    var now = DateTimeOffset.UtcNow;
    var count = 0;
    await using (var reader = await command.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await reader.ReadAsync(http.RequestAborted))
        {
            count++;
            var lastContact = reader.IsDBNull(5) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(5);
            var overdue = lastContact is null || (now - lastContact.Value).TotalDays > reader.GetInt32(6);
            html.Append("<tr><td><a href=\"/persons/").Append(reader.GetGuid(0)).Append("\">")
                .Append(encoder.Encode(reader.GetString(1))).Append(' ').Append(encoder.Encode(reader.GetString(2))).Append("</a>");
            if (reader.GetBoolean(7)) html.Append(" <span class=\"tag warn\">Jamais rencontrée</span>");
            html.Append("</td><td>").Append(Labels.Risk(reader.GetString(3))).Append("</td><td>")
                .Append(string.Join(", ", reader.GetFieldValue<string[]>(4).Select(Labels.Reason))).Append("</td><td>")
                .Append(Date(lastContact));
            if (overdue) html.Append(" <span class=\"tag warn\">En retard</span>");
            html.Append("</td></tr>");
        }
    }
    html.Append("</tbody></table><p>").Append(count).Append(" personne(s)</p></body></html>");
    return Results.Content(html.ToString(), "text/html; charset=utf-8");
});

app.MapGet("/persons/{id:guid}", async (Guid id, HttpContext http) =>
{
    // The same reads as the product's page, one statement per panel on one connection: the file and its referent, the
    // journal (100 newest), the consent answers (all: the matrix is computed from them), the open interviews and the
    // 20 latest closed ones, the open follow-up actions (50 most urgent), then the access row.
    var ct = http.RequestAborted;
    var now = DateTimeOffset.UtcNow;
    var html = new StringBuilder(32_768);
    await using var connection = await dataSource.OpenConnectionAsync(ct);
    string status;
    await using (var command = new NpgsqlCommand("""
        SELECT p."FirstName", p."LastName", p."BirthDate", p."Phone", p."Email", p."Address", p."PostalCode", p."City",
               p."RiskLevel", p."RemoteReasons", p."ContactFrequencyDays", p."LastContactAt", p."Status", u."DisplayName",
               p."PreferredModalities", p."PreferredDays", p."PreferredTimeFrom", p."PreferredTimeUntil", p."PreferredContactNote",
               p."LivesAlone", p."HasSmartphone", p."HasComputer", p."HasInternetAccess", p."DigitalSkills", p."IsAllophone",
               p."Language", p."NeedsEasyToRead", p."FirstFaceToFaceMeetingOn"
        FROM "AccompaniedPersons" p JOIN "AspNetUsers" u ON u."Id" = p."ReferentId"
        WHERE p."Id" = $1 AND p."DepartmentId" = $2
        """, connection))
    {
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(departmentId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return Results.NotFound();
        string Text(int i) => reader.IsDBNull(i) ? "—" : encoder.Encode(reader.GetString(i));
        string Yes(int i, string text) => reader.GetBoolean(i) ? text : "";
        status = reader.GetString(12);
        html.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>").Append(Text(0)).Append(' ').Append(Text(1))
            .Append("</title></head><body><h1>").Append(Text(0)).Append(' ').Append(Text(1)).Append("</h1><dl>")
            .Append("<dt>Référent</dt><dd>").Append(Text(13)).Append("</dd>")
            .Append("<dt>Date de naissance</dt><dd>").Append(reader.IsDBNull(2) ? "—" : reader.GetFieldValue<DateOnly>(2).ToString("dd/MM/yyyy", fr)).Append("</dd>")
            .Append("<dt>Téléphone</dt><dd>").Append(Text(3)).Append("</dd><dt>Adresse électronique</dt><dd>").Append(Text(4)).Append("</dd>")
            .Append("<dt>Adresse</dt><dd>").Append(Text(5)).Append(' ').Append(Text(6)).Append(' ').Append(Text(7)).Append("</dd>")
            .Append("<dt>Risque</dt><dd>").Append(Labels.Risk(reader.GetString(8))).Append("</dd>")
            .Append("<dt>Suivi à distance car</dt><dd>").Append(string.Join(", ", reader.GetFieldValue<string[]>(9).Select(Labels.Reason))).Append("</dd>")
            .Append("<dt>Fréquence convenue</dt><dd>tous les ").Append(reader.GetInt32(10)).Append(" jours</dd>")
            .Append("<dt>Dernier contact</dt><dd>").Append(reader.IsDBNull(11) ? "—" : DateTime(reader.GetFieldValue<DateTimeOffset>(11))).Append("</dd>")
            .Append("<dt>Statut</dt><dd>").Append(encoder.Encode(status)).Append("</dd>")
            .Append("<dt>Isolement</dt><dd>").Append(reader.GetBoolean(19) ? "vit seule" : "non signalé").Append("</dd>")
            .Append("<dt>Équipement</dt><dd>").Append(Yes(20, "smartphone ")).Append(Yes(21, "ordinateur ")).Append(Yes(22, "accès à internet")).Append("</dd>")
            .Append("<dt>Autonomie numérique</dt><dd>").Append(encoder.Encode(reader.GetString(23))).Append("</dd>")
            .Append("<dt>Langue</dt><dd>").Append(reader.GetBoolean(24) ? "allophone, parle " + Text(25) : "français").Append(Yes(26, " ; documents FALC")).Append("</dd>")
            .Append("<dt>Première rencontre physique</dt><dd>").Append(reader.IsDBNull(27) ? "pas encore" : reader.GetFieldValue<DateOnly>(27).ToString("dd/MM/yyyy", fr)).Append("</dd></dl>")
            .Append("<h2>Préférences de contact</h2><dl><dt>Modalités préférées</dt><dd>")
            .Append(string.Join(", puis ", reader.GetFieldValue<string[]>(14).Select(m => Enum.Parse<Modality>(m).French())))
            .Append("</dd><dt>Jours</dt><dd>").Append(string.Join(", ", reader.GetFieldValue<int[]>(15))).Append("</dd><dt>Horaires</dt><dd>")
            .Append(reader.IsDBNull(16) || reader.IsDBNull(17) ? "pas de préférence"
                : $"de {reader.GetFieldValue<TimeOnly>(16):HH:mm} à {reader.GetFieldValue<TimeOnly>(17):HH:mm}")
            .Append("</dd><dt>Remarque</dt><dd>").Append(Text(18)).Append("</dd></dl>");
    }

    html.Append("<h2>Consentements</h2>");
    var answers = new List<(ConsentRecord Record, string RecordedBy)>();
    await using (var command = new NpgsqlCommand("""
        SELECT c."Modality", c."Decision", c."DecidedAt", c."Method", c."RecordedAt", u."DisplayName"
        FROM "ConsentRecords" c LEFT JOIN "AspNetUsers" u ON u."Id" = c."RecordedById"
        WHERE c."DepartmentId" = $1 AND c."PersonId" = $2
        ORDER BY c."DecidedAt", c."RecordedAt"
        """, connection))
    {
        command.Parameters.AddWithValue(departmentId);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            answers.Add((ConsentRecord.Seed(departmentId, id, Enum.Parse<Modality>(reader.GetString(0)), Enum.Parse<ConsentDecision>(reader.GetString(1)),
                reader.GetFieldValue<DateTimeOffset>(2), Guid.Empty, Enum.Parse<ConsentMethod>(reader.GetString(3)), reader.GetFieldValue<DateTimeOffset>(4)),
                reader.IsDBNull(5) ? "" : reader.GetString(5)));
    }
    var history = answers.Select(a => a.Record).ToList();
    html.Append("<table><tbody>");
    foreach (var state in ConsentPolicy.Matrix(history, now))
        html.Append("<tr><th>").Append(state.Modality.FrenchTitle()).Append("</th><td>")
            .Append(state.Decision is { } d ? d.French() + " depuis le " + Date(state.Since) : "Jamais demandé").Append("</td></tr>");
    html.Append("</tbody></table><ol>");
    foreach (var (record, recordedBy) in answers.OrderByDescending(a => a.Record.DecidedAt).ThenByDescending(a => a.Record.RecordedAt).Take(10))
        html.Append("<li><time>").Append(DateTime(record.DecidedAt)).Append("</time> <strong>").Append(record.Modality.FrenchTitle()).Append(" : ")
            .Append(record.Decision.French()).Append("</strong> — ").Append(record.Method.French()).Append(" (").Append(encoder.Encode(recordedBy)).Append(")</li>");
    html.Append("</ol>");

    html.Append("<h2>Entretiens</h2>");
    var interviews = new List<(Guid Id, DateTimeOffset At, int Minutes, Modality Modality, InterviewStatus Status, string Worker)>();
    await using (var command = new NpgsqlCommand("""
        SELECT i."Id", i."ScheduledAt", i."DurationMinutes", i."Modality", i."Status", u."DisplayName"
        FROM "Interviews" i LEFT JOIN "AspNetUsers" u ON u."Id" = i."WorkerId"
        WHERE i."DepartmentId" = $1 AND i."PersonId" = $2 AND i."Status" IN ('Planned', 'InProgress')
        UNION ALL
        SELECT * FROM (
            SELECT i."Id", i."ScheduledAt", i."DurationMinutes", i."Modality", i."Status", u."DisplayName"
            FROM "Interviews" i LEFT JOIN "AspNetUsers" u ON u."Id" = i."WorkerId"
            WHERE i."DepartmentId" = $1 AND i."PersonId" = $2 AND i."Status" NOT IN ('Planned', 'InProgress')
            ORDER BY i."ScheduledAt" DESC LIMIT 20) AS closed
        """, connection))
    {
        command.Parameters.AddWithValue(departmentId);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            interviews.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2), Enum.Parse<Modality>(reader.GetString(3)),
                Enum.Parse<InterviewStatus>(reader.GetString(4)), reader.IsDBNull(5) ? "" : reader.GetString(5)));
    }
    foreach (var planned in interviews.Where(i => i.Status == InterviewStatus.Planned && i.At > now).OrderBy(i => i.At))
        if (ConsentPolicy.MayContact(history, planned.Modality, planned.At) is { Allowed: false } verdict)
            html.Append("<p>Sans consentement : ").Append(DateTime(planned.At)).Append(" — ").Append(verdict.Reason).Append("</p>");
    html.Append("<h3>À venir</h3><ul>");
    foreach (var i in interviews.Where(i => i.Status.IsOpen()).OrderBy(i => i.At))
        html.Append("<li><a href=\"/interviews/").Append(i.Id).Append("\">").Append(DateTime(i.At)).Append("</a> — ").Append(i.Modality.FrenchTitle())
            .Append(", ").Append(i.Minutes).Append(" min ").Append(i.Status.French()).Append(' ').Append(encoder.Encode(i.Worker)).Append("</li>");
    html.Append("</ul><h3>Passés</h3><ul>");
    foreach (var i in interviews.Where(i => !i.Status.IsOpen()).OrderByDescending(i => i.At))
        html.Append("<li><a href=\"/interviews/").Append(i.Id).Append("\">").Append(DateTime(i.At)).Append("</a> — ").Append(i.Modality.FrenchTitle())
            .Append(' ').Append(i.Status.French()).Append(' ').Append(encoder.Encode(i.Worker)).Append("</li>");
    html.Append("</ul>");

    html.Append("<h2>Suites à donner en cours</h2><table><tbody>");
    var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, paris).Date);
    await using (var command = new NpgsqlCommand("""
        SELECT f."Id", f."Who", f."What", f."DueOn"
        FROM "FollowUpActions" f
        WHERE f."DepartmentId" = $1 AND f."PersonId" = $2 AND f."DoneAt" IS NULL
        ORDER BY f."DueOn", f."Id"
        LIMIT 50
        """, connection))
    {
        command.Parameters.AddWithValue(departmentId);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var due = reader.GetFieldValue<DateOnly>(3);
            html.Append("<tr><td>").Append(encoder.Encode(reader.GetString(1))).Append("</td><td>").Append(encoder.Encode(reader.GetString(2)))
                .Append("</td><td>").Append(due.ToString("dd/MM/yyyy", fr)).Append(due < today ? " <span>En retard</span>" : "")
                .Append("</td><td><a href=\"/followups/").Append(reader.GetGuid(0)).Append("\">Marquer comme fait</a></td></tr>");
        }
    }
    html.Append("</tbody></table>");

    html.Append("<h2>Journal d'activité</h2><ol>");
    await using (var command = new NpgsqlCommand("""
        SELECT a."At", a."Kind", a."Description", u."DisplayName"
        FROM "ActivityLog" a LEFT JOIN "AspNetUsers" u ON u."Id" = a."ActorId"
        WHERE a."DepartmentId" = $1 AND a."PersonId" = $2
        ORDER BY a."At" DESC, a."Id" DESC
        LIMIT 100
        """, connection))
    {
        command.Parameters.AddWithValue(departmentId);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            html.Append("<li><time>").Append(DateTime(reader.GetFieldValue<DateTimeOffset>(0))).Append("</time> <strong>")
                .Append(encoder.Encode(reader.GetString(1))).Append("</strong> — ").Append(encoder.Encode(reader.GetString(2)))
                .Append(" (").Append(reader.IsDBNull(3) ? "" : encoder.Encode(reader.GetString(3))).Append(")</li>");
    }
    html.Append("</ol></body></html>");
    // The same trace as the product: one row per opening of a file. "?trace=0" leaves it out, only to measure its cost.
    if (http.Request.Query["trace"] == "0") return Results.Content(html.ToString(), "text/html; charset=utf-8");
    await using (var command = new NpgsqlCommand("""
        INSERT INTO "PersonAccesses" ("DepartmentId", "PersonId", "UserId", "At", "Page") VALUES ($1, $2, $3, $4, 'Details')
        """, connection))
    {
        command.Parameters.AddWithValue(departmentId);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(workerId);
        command.Parameters.AddWithValue(DateTimeOffset.UtcNow);
        await command.ExecuteNonQueryAsync(ct);
    }
    return Results.Content(html.ToString(), "text/html; charset=utf-8");
});

await app.RunAsync();

internal static class Labels
{
    public static string Risk(string value) => value switch
    {
        "Low" => "Faible",
        "Medium" => "Modéré",
        "High" => "Élevé",
        _ => value,
    };

    public static string Reason(string value) => value switch
    {
        "Lockdown" => "Confinement",
        "IllnessOrDisability" => "Maladie ou handicap",
        "ComplicatedPregnancy" => "Grossesse pathologique",
        "GeographicDistance" => "Éloignement géographique",
        "MobilityProblems" => "Difficultés de mobilité",
        "Homelessness" => "Personne sans domicile stable",
        "PsychologicalDistress" => "Souffrance psychique",
        "NeedsDigitalSupport" => "Accompagnement au numérique",
        "NoNetworkCoverage" => "Zone sans couverture réseau",
        _ => value,
    };
}
