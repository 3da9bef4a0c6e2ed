using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
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
// Responses do not name the server software.
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

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
        // Length and a block-list (AppPasswordValidator, PasswordPolicy), no composition rules (ANSSI, NIST SP 800-63B).
        o.Password.RequiredLength = RemoteSupport.Domain.Security.PasswordPolicy.MinimumLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        // The lock's length grows with each lock (AppUserManager, LockoutPolicy).
        o.Lockout.MaxFailedAccessAttempts = RemoteSupport.Domain.Security.LockoutPolicy.FailuresBeforeLock;
        o.Lockout.DefaultLockoutTimeSpan = RemoteSupport.Domain.Security.LockoutPolicy.First;
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
        o.Tokens.AuthenticatorTokenProvider = AuthenticatorCodeProvider.Name;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddUserManager<AppUserManager>()
    .AddSignInManager<AppSignInManager>()
    .AddClaimsPrincipalFactory<AppClaimsFactory>()
    .AddErrorDescriber<FrenchIdentityErrors>()
    .AddPasswordValidator<AppPasswordValidator>()
    .AddDefaultTokenProviders()
    .AddTokenProvider<AuthenticatorCodeProvider>(AuthenticatorCodeProvider.Name);

var production = builder.Environment.IsProduction();
builder.Services.Configure<RemoteSupport.Web.Identity.SessionOptions>(builder.Configuration.GetSection("Sessions"));
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.LogoutPath = "/Account/Logout";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.Cookie.Name = "rs.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    // The session itself lives on the server (UserSessions): checked on every request, it ends on sign-out, after the
    // department's idle time or the absolute lifetime. The cookie outlives that lifetime by an hour, no more, so the
    // server's check, which can tell the person why their session ended, comes first.
    o.ExpireTimeSpan = new RemoteSupport.Web.Identity.SessionOptions().AbsoluteLifetime + TimeSpan.FromHours(1);
    o.SlidingExpiration = false;
    o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
    o.Events.OnRedirectToLogin = SessionValidation.RedirectToLoginAsync;
});
builder.Services.Configure<SignInThrottleOptions>(builder.Configuration.GetSection("SignIn"));
builder.Services.AddSingleton<SignInThrottle>();
builder.Services.AddSingleton<DummyPassword>();
builder.Services.AddSingleton<SessionClock>();
// Every request to the sign-in pages, per client address: a flood is cut before any password is hashed.
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.OnRejected = (context, _) =>
    {
        context.HttpContext.Response.Headers.RetryAfter = "60";
        return ValueTask.CompletedTask;
    };
    o.AddPolicy("sign-in", http => HttpMethods.IsPost(http.Request.Method)
        ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
        : RateLimitPartition.GetNoLimiter("read"));
});

// Production sits behind a TLS reverse proxy (docs/security.md): its X-Forwarded-For and -Proto are believed only
// from the addresses listed in ReverseProxy:KnownProxies; every cookie is Secure; HSTS is sent.
if (production)
{
    builder.Services.Configure<ForwardedHeadersOptions>(o =>
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        o.KnownIPNetworks.Clear();
        o.KnownProxies.Clear();
        foreach (var proxy in builder.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
            o.KnownProxies.Add(IPAddress.Parse(proxy));
    });
    // "SameAsRequest" only for a plain-HTTP run on loopback without the proxy (./run.sh, the benchmark): browsers and
    // curl would not send Secure cookies back over http://127.0.0.1.
    builder.Services.Configure<CookiePolicyOptions>(o => o.Secure =
        builder.Configuration.GetValue("ReverseProxy:SecureCookies", CookieSecurePolicy.Always));
    builder.Services.AddHsts(o =>
    {
        o.MaxAge = TimeSpan.FromDays(365);
        o.IncludeSubDomains = false;
    });
}

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
builder.Services.AddScoped<GroupGate>();
builder.Services.AddScoped<RemoteSupport.Web.Pages.Groups.SessionSeats>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, GroupSessionAuthorizationHandler>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, RemoteSupport.Web.Pages.TeamLead.CaseloadAuthorizationHandler>();
// The person's rights (issue 14): access journal, copy of the data, retention.
builder.Services.AddScoped<RemoteSupport.Web.Pages.Rights.RightsGate>();
builder.Services.AddScoped<RemoteSupport.Web.Pages.Rights.SubjectAccessExport>();
builder.Services.AddScoped<RemoteSupport.Web.Data.Retention.RetentionJob>();

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
        o.Conventions.AuthorizeFolder("/Groups", Policies.FollowPersons);
        o.Conventions.AuthorizeFolder("/TeamLead", Policies.ReviewCaseload);
        // The team lead's pages read whole departments and teams: PostgreSQL plans their statements on each run (ADR-0028).
        o.Conventions.AddFolderApplicationModelConvention("/TeamLead", m => m.Filters.Add(new RemoteSupport.Web.Data.PlanEachRunFilter()));
        o.Conventions.AuthorizeFolder("/Rights", Policies.PersonRights);
        o.Conventions.AuthorizeFolder("/Admin", Policies.Administer);
        o.Conventions.AllowAnonymousToPage("/Account/Login");
        o.Conventions.AllowAnonymousToPage("/Account/SecondFactor");
        o.Conventions.AddPageApplicationModelConvention("/Account/Login", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute("sign-in")));
        o.Conventions.AddPageApplicationModelConvention("/Account/SecondFactor", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute("sign-in")));
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
        o.Filters.Add<HandlerGuardFilter>();
        o.Filters.Add<FreshSecondFactorFilter>();
        o.Filters.Add<FormOnceFilter>();
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
// The nightly retention of issue 14 runs on the same runner (Retention:Nightly=false leaves it to the command).
if (builder.Configuration.GetValue("Retention:Nightly", true))
    builder.Services.AddJob<RemoteSupport.Web.Data.Retention.RetentionNightlyJob>();

var app = builder.Build();

if (command is not null) return await Commands.RunAsync(app, command, args);

if (app.Configuration.GetValue("Database:MigrateOnStart", false))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<AppDbContext>().AsSystem().Database.MigrateAsync();
    if (app.Configuration.GetValue("Seed:Demo", false))
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
}

if (production)
{
    app.UseForwardedHeaders();
    app.UseCookiePolicy();
}
app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", StatusCodeSelector = DatabaseFailures.StatusCodeFor });
if (production) app.UseHsts();
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseMiddleware<ControlCharacterGuardMiddleware>();
// The layout links its assets with a version (asp-append-version): such a URL changes when the file does, so browsers
// keep it for a year without asking again, one round trip fewer per page on a weak connection.
app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = StaticAssets.CacheVersionedForAYear });
app.UseMiddleware<NoStoreMiddleware>();
app.UseRequestLocalization();
app.UseMiddleware<MetricsAccessMiddleware>();
app.UseRouting();
app.UseRateLimiter();
app.UseSerilogRequestLogging(o =>
{
    // Ids only: the path carries record ids, never a name; the query string (search terms) is not logged.
    o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
    o.EnrichDiagnosticContext = (diagnostic, http) => diagnostic.Set("UserId", http.User.UserId());
});
app.UseAuthentication();
app.UseMiddleware<DatabaseOutageMiddleware>();
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
