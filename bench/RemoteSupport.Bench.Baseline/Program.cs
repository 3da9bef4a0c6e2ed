using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Npgsql;

// The floor for docs/performance.md: the same rows as "Ma file active" and a person's page, read with raw Npgsql
// and written as HTML by hand. No EF Core, no Razor, no Identity, no antiforgery, no layout.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connectionString = builder.Configuration.GetConnectionString("Default")
    ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.");
var workerEmail = builder.Configuration["Bench:WorkerEmail"] ?? "ts1.cd56@remotesupport.test";

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
    var html = new StringBuilder(32_768);
    await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
    await using (var command = new NpgsqlCommand("""
        SELECT p."FirstName", p."LastName", p."BirthDate", p."Phone", p."Email", p."Address", p."PostalCode", p."City",
               p."RiskLevel", p."RemoteReasons", p."ContactFrequencyDays", p."LastContactAt", p."Status", u."DisplayName"
        FROM "AccompaniedPersons" p JOIN "AspNetUsers" u ON u."Id" = p."ReferentId"
        WHERE p."Id" = $1 AND p."DepartmentId" = $2
        """, connection))
    {
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(departmentId);
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        if (!await reader.ReadAsync(http.RequestAborted)) return Results.NotFound();
        string Text(int i) => reader.IsDBNull(i) ? "—" : encoder.Encode(reader.GetString(i));
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
            .Append("<dt>Statut</dt><dd>").Append(Text(12)).Append("</dd></dl>");
    }
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
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        while (await reader.ReadAsync(http.RequestAborted))
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
        await command.ExecuteNonQueryAsync(http.RequestAborted);
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
