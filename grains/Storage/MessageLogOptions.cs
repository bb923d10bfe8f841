using System.ComponentModel.DataAnnotations;

namespace GoChat.Grains.Storage;

public sealed class MessageLogOptions
{
    public const string Section = "MessageLog";

    /// <summary>Most entries committed in one transaction; under load a batch fills while the previous one commits.</summary>
    [Range(1, 10_000)] public int MaxBatchSize { get; set; } = 512;

    /// <summary>Recent client message ids a conversation remembers on activation, to answer resends without a query.</summary>
    [Range(0, 100_000)] public int DedupeWindow { get; set; } = 2_000;
}
