using System.Text.Json;

namespace GoChat.Bench.Measure;

/// <summary>What one idle memory figure (W3) is made of; one JSON line beside the <see cref="WorkloadResult"/> lines.</summary>
public sealed record MemoryResult(string System, string Workload, string Parameters, int Connections,
    double GatewayRssBeforeMb, double GatewayRssAfterMb, double KbPerConnection,
    double SiloRssBeforeMb, double SiloRssAfterMb, double KbPerActiveUser)
{
    public void Emit(string? outFile) => ResultLines.Emit(JsonSerializer.Serialize(this), outFile);
}
