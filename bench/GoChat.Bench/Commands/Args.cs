using System.Globalization;

namespace GoChat.Bench.Commands;

/// <summary>A tiny parser: --name value pairs and --flag switches; every option must be used.</summary>
public sealed class Args
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public static Args Parse(IEnumerable<string> argv, IReadOnlyCollection<string> flags)
    {
        var args = new Args();
        using var e = argv.GetEnumerator();
        while (e.MoveNext())
        {
            string a = e.Current;
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length < 3)
            {
                throw new ArgumentException($"unexpected argument '{a}'");
            }
            string name = a[2..];
            string? inline = null;
            int eq = name.IndexOf('=');
            if (eq > 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            if (flags.Contains(name))
            {
                args._values[name] = inline ?? "true";
                continue;
            }
            if (inline is null && !e.MoveNext())
            {
                throw new ArgumentException($"--{name} needs a value");
            }
            args._values[name] = inline ?? e.Current;
        }
        return args;
    }

    public string? StringOrNull(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
    }

    public string String(string name, string fallback) => StringOrNull(name) ?? fallback;

    public int Int(string name, int fallback) =>
        StringOrNull(name) is { } v
            ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i : throw new ArgumentException($"--{name}: '{v}' is not an integer")
            : fallback;

    public double Double(string name, double fallback) =>
        StringOrNull(name) is { } v
            ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw new ArgumentException($"--{name}: '{v}' is not a number")
            : fallback;

    public bool Flag(string name) => StringOrNull(name) is { } v && v != "false";

    public void ThrowOnUnused()
    {
        var unused = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unused.Count > 0)
        {
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unused.Select(u => "--" + u))}");
        }
    }
}
