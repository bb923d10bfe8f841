namespace GoChat.Cli;

/// <summary>"--name value" flags of a subcommand; a flag given without its value is an error, not an empty string.</summary>
internal sealed class CommandFlags(string[] args)
{
    public string? Optional(string name)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) return null;
        return at + 1 < args.Length && !args[at + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[at + 1]
            : throw new ArgumentException($"{name} needs a value.");
    }

    public string Required(string name) => Optional(name) ?? throw new ArgumentException($"{name} is required.");
}
