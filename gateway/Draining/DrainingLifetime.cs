using System.Runtime.InteropServices;

namespace GoChat.Gateway.Draining;

/// <summary>
/// The gateway's host lifetime: SIGTERM, SIGINT and SIGQUIT first drain the connections (<see cref="ConnectionDrain"/>),
/// then stop the host. The default console lifetime would stop at once, and SignalR would cut every connection with
/// whatever hub calls were running on it.
/// </summary>
public sealed class DrainingLifetime(IHostApplicationLifetime application, ConnectionDrain drain, ILogger<DrainingLifetime> logger) : IHostLifetime, IDisposable
{
    private PosixSignalRegistration[] _registrations = [];
    private int _stopping;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations = [On(PosixSignal.SIGTERM), On(PosixSignal.SIGINT), On(PosixSignal.SIGQUIT)];
        return Task.CompletedTask;
    }

    private PosixSignalRegistration On(PosixSignal signal) => PosixSignalRegistration.Create(signal, context =>
    {
        context.Cancel = true;
        _ = StopAfterDrain(signal);
    });

    private async Task StopAfterDrain(PosixSignal signal)
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1) return;
        logger.LogInformation("{Signal}: draining, then stopping", signal);
        try
        {
            await drain.DrainAsync();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Draining failed; stopping anyway");
        }
        finally
        {
            application.StopApplication();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}
