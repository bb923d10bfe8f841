using System.Globalization;

namespace GoChat.Bench.Commands;

/// <summary>
/// The stack's default addresses, moved by BENCH_PORT_OFFSET as bench/gochat.sh moves them, so a command run without
/// explicit URLs beside a shifted stack talks to that stack and not to another checkout's.
/// </summary>
public static class BenchPorts
{
    public static int Offset { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_PORT_OFFSET"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : 0;

    /// <summary>http://127.0.0.1:(port + offset).</summary>
    public static string Url(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port + Offset}");

    public static string Gateway => Url(5180);

    public static string Gateways => $"{Url(5180)},{Url(5181)}";

    public static string Silo => Url(5190);

    public static string Relay => Url(5200);

    /// <summary>The database bench/gochat.sh creates fresh for each start (GOCHAT_PG_PORT wins, as there).</summary>
    public static string BenchDatabase =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Environment.GetEnvironmentVariable("GOCHAT_PG_PORT") ?? (55432 + Offset).ToString(CultureInfo.InvariantCulture)};Database=gochat_bench;Username=postgres");
}
