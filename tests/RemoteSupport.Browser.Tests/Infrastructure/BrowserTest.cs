namespace RemoteSupport.Browser.Tests.Infrastructure;

/// <summary>
/// Base of every browser test: the shared site, and fresh contexts closed when the test ends.
/// Classes that only read (the page checks, the accessibility tests) run two at a time; the classes that change data
/// join <see cref="JourneyCollection"/>, which runs alone once those are done, so the screenshots always show the
/// demo data as seeded.
/// </summary>
public abstract class BrowserTest(Site site) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected Site Site { get; } = site;

    protected async Task<IBrowserContext> NewContextAsync(DemoUser? user = null, int width = 1280, int height = 800)
    {
        var context = await Site.NewContextAsync(user, width, height);
        _contexts.Add(context);
        return context;
    }

    /// <summary>A new tab in a fresh context, signed in as the user when one is given.</summary>
    protected async Task<IPage> NewPageAsync(DemoUser? user = null, int width = 1280, int height = 800)
        => await (await NewContextAsync(user, width, height)).NewPageAsync();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The journeys: they create and change records. xunit runs a collection that disables parallelization after all
/// the parallel ones, and its classes one after the other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JourneyCollection
{
    public const string Name = "journeys";
}
