namespace GoChat.Deploy.Tests;

public sealed class ShutdownTests
{
    [Theory, MemberData(nameof(ProbeTests.AppsPerOverlay), MemberType = typeof(ProbeTests))]
    public void The_host_shutdown_timeout_is_set_explicitly_and_read_by_the_host(string overlay, string workload)
    {
        var manifest = Kustomize.Overlay(overlay);
        var configuration = AppConfig.For(manifest, manifest.Workload(workload).Containers.Single());
        var configured = configuration["shutdownTimeoutSeconds"];

        Assert.True(configured is not null, $"{workload} leaves the host's shutdown timeout at the framework default.");
        Assert.Equal(TimeSpan.FromSeconds(int.Parse(configured)), AppConfig.ShutdownTimeout(configuration));
    }

    /// <summary>Kubernetes kills the pod when the grace period ends: a silo cut short never hands its grains over.</summary>
    [Theory, MemberData(nameof(ProbeTests.AppsPerOverlay), MemberType = typeof(ProbeTests))]
    public void Termination_grace_outlasts_the_preStop_pause_plus_the_host_shutdown_timeout(string overlay, string workload)
    {
        var manifest = Kustomize.Overlay(overlay);
        var pod = manifest.Workload(workload);
        var container = pod.Containers.Single();
        var shutdown = AppConfig.ShutdownTimeout(AppConfig.For(manifest, container));
        var preStop = container["lifecycle"]?["preStop"]?["sleep"]?["seconds"] is { } s ? TimeSpan.FromSeconds(Manifest.Int(s)) : TimeSpan.Zero;
        var grace = TimeSpan.FromSeconds(Manifest.Int(pod.Pod["terminationGracePeriodSeconds"] ?? "30"));

        Assert.True(grace > preStop + shutdown, $"{workload}: grace {grace} is not more than preStop {preStop} + shutdown {shutdown}.");
    }
}
