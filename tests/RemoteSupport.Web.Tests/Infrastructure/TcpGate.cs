using System.Net;
using System.Net.Sockets;

namespace RemoteSupport.Web.Tests.Infrastructure;

/// <summary>
/// A TCP relay between the application and PostgreSQL on loopback: <see cref="Cut"/> is a database outage as the
/// application meets it (open connections reset, new ones refused), without stopping the PostgreSQL the other tests use.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _open = [];
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpGate(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient incoming;
            try { incoming = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            var outgoing = new TcpClient();
            try { await outgoing.ConnectAsync(_targetHost, _targetPort, _stop.Token); }
            catch (Exception) { incoming.Dispose(); outgoing.Dispose(); continue; }
            lock (_open) _open.AddRange([incoming, outgoing]);
            _ = PumpAsync(incoming.GetStream(), outgoing.GetStream());
            _ = PumpAsync(outgoing.GetStream(), incoming.GetStream());
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        try { await from.CopyToAsync(to, _stop.Token); }
        catch (Exception) { }
    }

    /// <summary>The outage: no new connection is accepted and every open one is reset.</summary>
    public void Cut()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                try { client.Client.LingerState = new LingerOption(true, 0); } catch (Exception) { }
                client.Dispose();
            }
            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        try { await _accepting; } catch (Exception) { }
        _stop.Dispose();
    }
}
