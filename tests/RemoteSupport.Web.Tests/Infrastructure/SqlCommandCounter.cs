using System.Diagnostics;

namespace RemoteSupport.Web.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core sends while it is alive (one command is one round trip to PostgreSQL), through EF's
/// DiagnosticListener. The web tests run one at a time and the app runs no background job, so every command counted
/// belongs to the request under measure.
/// </summary>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string Executing = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting";
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    private SqlCommandCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public static SqlCommandCounter Start() => new();

    public int Count => Volatile.Read(ref _count);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.EntityFrameworkCore")
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this, name => name == Executing));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == Executing) Interlocked.Increment(ref _count);
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }
}
