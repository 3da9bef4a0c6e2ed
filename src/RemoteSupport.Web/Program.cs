using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Infrastructure.Jobs;
using RemoteSupport.Web.Infrastructure.Operations;
using RemoteSupport.Web.Data.Priorities;
using RemoteSupport.Web.Messaging;
using Serilog;

var (command, hostArgs) = Commands.Split(args);

var builder = WebApplication.CreateBuilder(hostArgs);

builder.Host.UseSerilog((context, services, logger) => logger
    .ReadFrom.Configuration(context.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

var connectionString = builder.Configuration.GetConnectionString("Default")
    ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.");

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddAppDbContext(connectionString);

builder.Services
    .AddIdentity<AppUser, AppRole>(o =>
    {
        o.Password.RequiredLength = 12;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddSignInManager<AppSignInManager>()
    .AddClaimsPrincipalFactory<AppClaimsFactory>()
    .AddErrorDescriber<FrenchIdentityErrors>()
    .AddDefaultTokenProviders();

// A deactivation or a role change reaches open sessions within a minute.
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.LogoutPath = "/Account/Logout";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.Cookie.Name = "rs.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    o.Events.OnValidatePrincipal = StampValidation.ValidateWhenDueAsync;
});

// Keys in the database: several instances share sign-in and antiforgery cookies. AES-256-GCM for the keys created from
// now on (AES-CBC with HMAC before; older keys still read the cookies they protected): one authenticated pass instead
// of two, measured at about 4 % of the caseload's CPU time, since every request opens the sign-in cookie.
builder.Services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("RemoteSupport")
    .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM });
builder.Services.AddAntiforgery(o => o.Cookie.Name = "rs.af");
builder.Services.AddAuthorization(Policies.Configure);
builder.Services.AddScoped<PersonGate>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PersonAuthorizationHandler>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, InterviewAuthorizationHandler>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, AdministrationScopeAuthorizationHandler>();
builder.Services.AddScoped<AdminGate>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, RemoteSupport.Web.Pages.TeamLead.CaseloadAuthorizationHandler>();
// The person's rights (issue 14): access journal, copy of the data, retention.
builder.Services.AddScoped<RemoteSupport.Web.Pages.Rights.RightsGate>();
builder.Services.AddScoped<RemoteSupport.Web.Pages.Rights.SubjectAccessExport>();
builder.Services.AddScoped<RemoteSupport.Web.Data.Retention.RetentionJob>();
if (builder.Configuration.GetValue("Retention:Nightly", true))
    builder.Services.AddHostedService<RemoteSupport.Web.Data.Retention.RetentionNightly>();

builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    string[] cultures = ["fr-FR", "en"];
    o.SetDefaultCulture("fr-FR").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
    o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
});
// Razor escapes every non-ASCII character by default; French pages read better and weigh less with accents as-is.
builder.Services.Configure<WebEncoderOptions>(o =>
    o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement,
        UnicodeRanges.LatinExtendedA, UnicodeRanges.GeneralPunctuation, UnicodeRanges.CurrencySymbols));

builder.Services.AddRazorPages(o =>
    {
        o.Conventions.AuthorizeFolder("/Persons", Policies.FollowPersons);
        o.Conventions.AuthorizeFolder("/Consents", Policies.FollowPersons);
        o.Conventions.AuthorizeFolder("/Interviews", Policies.FollowPersons);
        o.Conventions.AuthorizeFolder("/Contacts", Policies.FollowPersons);
        o.Conventions.AuthorizeFolder("/TeamLead", Policies.ReviewCaseload);
        o.Conventions.AuthorizeFolder("/Rights", Policies.PersonRights);
        o.Conventions.AuthorizeFolder("/Admin", Policies.Administer);
        o.Conventions.AllowAnonymousToPage("/Account/Login");
        o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
        o.Conventions.AllowAnonymousToPage("/Error");
        o.Conventions.AllowAnonymousToPage("/Accessibilite");
    })
    .AddViewLocalization()
    // Validation is FluentValidation's job, called explicitly: no implicit English "field is required".
    .AddMvcOptions(o =>
    {
        o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        FrenchBindingMessages.Apply(o.ModelBindingMessageProvider);
        // Choices bind by name only, the same way everywhere (ADR-0014).
        o.ModelBinderProviders.Insert(0, new EnumNameModelBinderProvider());
        o.Filters.Add<CheckboxBindingFilter>();
        o.Filters.Add<InputValidationFilter>();
        o.Filters.Add<RemoteSupport.Web.Data.Retention.ProcessingRestrictedFilter>();
    });

builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped);
ValidatorOptions.Global.LanguageManager.Culture = new System.Globalization.CultureInfo("fr-FR");
builder.Services.AddPageHandlers();
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddMessaging(builder.Configuration);

// Operations (docs/operations.md): readiness names the database node in use, /metrics for the operations networks,
// background jobs on one instance at a time (ADR-0021), 503 + Retry-After while the database fails over (ADR-0020).
builder.Services.AddHealthChecks().AddCheck<DatabaseNodeHealthCheck>("database", tags: ["ready"]);
builder.Services.AddAppTelemetry();
builder.Services.AddExceptionHandler<DatabaseOutageExceptionHandler>();
builder.Services.AddJobs(connectionString, builder.Configuration)
    .AddJob<PriorityRefreshJob>();

var app = builder.Build();

if (command is not null) return await Commands.RunAsync(app, command, args);

if (app.Configuration.GetValue("Database:MigrateOnStart", false))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<AppDbContext>().AsSystem().Database.MigrateAsync();
    if (app.Configuration.GetValue("Seed:Demo", false))
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
}

app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", StatusCodeSelector = DatabaseFailures.StatusCodeFor });
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseMiddleware<SecurityHeadersMiddleware>();
// The layout links its assets with a version (asp-append-version): such a URL changes when the file does, so browsers
// keep it for a year without asking again, one round trip fewer per page on a weak connection.
app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = StaticAssets.CacheVersionedForAYear });
app.UseMiddleware<NoStoreMiddleware>();
app.UseRequestLocalization();
app.UseMiddleware<MetricsAccessMiddleware>();
app.UseRouting();
app.UseSerilogRequestLogging(o =>
{
    // Ids only: the path carries record ids, never a name; the query string (search terms) is not logged.
    o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
    o.EnrichDiagnosticContext = (diagnostic, http) => diagnostic.Set("UserId", http.User.UserId());
});
app.UseAuthentication();
app.UseMiddleware<MustChangePasswordMiddleware>();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = DatabaseNodeHealthCheck.WriteAsync }).AllowAnonymous();
app.MapAppMetrics();
app.MapRazorPages();
app.MapMessageWebhook();

await app.RunAsync();
return 0;

public partial class Program;
