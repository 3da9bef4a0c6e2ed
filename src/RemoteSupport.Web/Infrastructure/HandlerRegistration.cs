namespace RemoteSupport.Web.Infrastructure;

public static class HandlerRegistration
{
    /// <summary>
    /// Registers every page's nested <c>Handler</c> class (one feature per page file), so adding a page never means
    /// editing Program.cs. Handlers are plain scoped classes: no mediator.
    /// </summary>
    public static IServiceCollection AddPageHandlers(this IServiceCollection services)
    {
        var handlers = typeof(HandlerRegistration).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsNested: true, Name: "Handler" });
        foreach (var handler in handlers) services.AddScoped(handler);
        return services;
    }
}
