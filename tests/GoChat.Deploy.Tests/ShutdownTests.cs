using GoChat.Gateway.Draining;
using Microsoft.Extensions.Configuration;

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

    /// <summary>
    /// Kubernetes kills the pod when the grace period ends: a silo cut short never hands its grains over, a gateway
    /// cut short drops connections it was still moving. A gateway drains (up to its drain timeout) before the host's
    /// shutdown timeout starts.
    /// </summary>
    [Theory, MemberData(nameof(ProbeTests.AppsPerOverlay), MemberType = typeof(ProbeTests))]
    public void Termination_grace_outlasts_the_preStop_pause_the_drain_and_the_host_shutdown_timeout(string overlay, string workload)
    {
        var manifest = Kustomize.Overlay(overlay);
        var pod = manifest.Workload(workload);
        var container = pod.Containers.Single();
        var configuration = AppConfig.For(manifest, container);
        var shutdown = AppConfig.ShutdownTimeout(configuration);
        var preStop = container["lifecycle"]?["preStop"]?["sleep"]?["seconds"] is { } s ? TimeSpan.FromSeconds(Manifest.Int(s)) : TimeSpan.Zero;
        var drain = TimeSpan.Zero;
        if (workload == Manifest.Gateway)
        {
            var options = configuration.GetSection(DrainOptions.Section).Get<DrainOptions>() ?? new DrainOptions();
            drain = TimeSpan.FromSeconds(options.ReadinessGraceSeconds + options.TimeoutSeconds);
        }
        var grace = TimeSpan.FromSeconds(Manifest.Int(pod.Pod["terminationGracePeriodSeconds"] ?? "30"));

        Assert.True(grace > preStop + drain + shutdown, $"{workload}: grace {grace} is not more than preStop {preStop} + drain {drain} + shutdown {shutdown}.");
    }

    /// <summary>The preStop pause already takes the pod out of the Service: answering "not ready" after it only adds to the stop.</summary>
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void A_gateway_on_Kubernetes_skips_the_readiness_grace_its_preStop_pause_already_gave(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        var configuration = AppConfig.For(manifest, manifest.Workload(Manifest.Gateway).Containers.Single());
        var options = configuration.GetSection(DrainOptions.Section).Get<DrainOptions>() ?? new DrainOptions();

        Assert.Equal(0, options.ReadinessGraceSeconds);
    }
}
