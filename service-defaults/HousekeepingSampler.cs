using OpenTelemetry.Trace;

namespace GoChat.ServiceDefaults;

/// <summary>
/// Orleans traces its own housekeeping as well: stream queue polls every few milliseconds, grain timers,
/// reminders, gateways renewing subscriptions. As traces of their own they would be nearly all that is exported.
/// So a grain call (named "IInterface/Method") is traced only inside a trace that a request started; every
/// other decision is left to the configured sampler (OTEL_TRACES_SAMPLER, default ParentBased(AlwaysOn)).
/// </summary>
internal sealed class HousekeepingSampler(Sampler inner) : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters parameters)
    {
        if (parameters.ParentContext.TraceId == default && parameters.Name.Contains('/')) return Drop;
        return inner.ShouldSample(parameters);
    }
}
