using System.Globalization;
using GoChat.Soak;

// bench/soak.sh runs this: dotnet GoChat.Soak.dll [--minutes 10] [--pairs 8] [--out results.jsonl] [--seed N]
var minutes = 10.0;
var pairs = 8;
string? outFile = null;
int? seed = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--minutes": minutes = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--pairs": pairs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--out": outFile = Next(); break;
        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}\nusage: GoChat.Soak [--minutes 10] [--pairs 8] [--out FILE] [--seed N]");
            return 2;
    }
}
if (minutes <= 0 || pairs < 1)
{
    Console.Error.WriteLine("--minutes must be > 0 and --pairs >= 1");
    return 2;
}
// Every run ends by itself: the soak, its setup and the final check get a generous bound together.
var limit = TimeSpan.FromMinutes(minutes) + TimeSpan.FromMinutes(6);
_ = Task.Delay(limit).ContinueWith(_ =>
{
    Console.Error.WriteLine($"soak verdict: FAIL (watchdog: the run exceeded {limit.TotalMinutes:F0} min)");
    Environment.Exit(3);
}, TaskScheduler.Default);
var passed = await new SoakRun(TimeSpan.FromMinutes(minutes), pairs, outFile, seed ?? Random.Shared.Next()).Run();
return passed ? 0 : 1;
