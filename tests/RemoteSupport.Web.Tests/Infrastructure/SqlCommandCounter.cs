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

    /// <summary>The first line of each command counted, in order: what a test prints when a count moves.</summary>
    public IReadOnlyList<string> Commands { get { lock (_commands) return [.. _commands]; } }
    private readonly List<string> _commands = [];

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.EntityFrameworkCore")
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this, name => name == Executing));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != Executing) return;
        Interlocked.Increment(ref _count);
        if (value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData data)
            lock (_commands) _commands.Add(data.Command.CommandText.Split('\n')[0]);
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }
}
