using System.Reflection;

namespace GoChat.Security.Tests.Hostile;

/// <summary>A DTO argument as a map, so one property can be replaced by anything; keys are the C# property names.</summary>
public sealed class ArgMap : Dictionary<string, object?>
{
    public ArgMap() : base(StringComparer.Ordinal) { }

    public ArgMap(IDictionary<string, object?> other) : base(other, StringComparer.Ordinal) { }

    /// <summary>The keys the hub's JSON protocol binds (camelCase); MessagePack binds the property names themselves.</summary>
    public Dictionary<string, object?> ForJson() => this.ToDictionary(kv => char.ToLowerInvariant(kv.Key[0]) + kv.Key[1..], kv => kv.Value);
}

/// <summary>
/// Hostile invocations of one hub method, shaped from its parameter types by reflection: every parameter (and every
/// property of a DTO parameter) gets wrong types, nulls, bad ids, other agencies' ids, hostile text and
/// oversize values, while the other arguments stay valid so each case reaches as deep as it can.
/// </summary>
public sealed class HubCaseGenerator
{
    /// <summary>Methods that read or signal but store nothing: a well-typed odd value may be answered.</summary>
    private static readonly IReadOnlySet<string> Reads = new HashSet<string>
    {
        "Sync", "GetConversations", "GetConversationPage", "GetHistory", "GetConversation", "WatchPresence", "GetSettings", "GetProfile", "SearchDirectory", "SearchMessages", "Typing", "SetAway", "SetOpenConversation", "GetReceipts", "GetStarredMessages",
    };

    private readonly HostileWorld _world;
    private readonly MethodInfo _method;
    private readonly ParameterInfo[] _parameters;

    public HubCaseGenerator(HostileWorld world, MethodInfo method)
    {
        _world = world;
        _method = method;
        _parameters = method.GetParameters();
    }

    public string Name => _method.Name;

    public string Shape => $"({string.Join(", ", _parameters.Select(p => $"{Pretty(p.ParameterType)} {p.Name}"))})";

    private bool Read => Reads.Contains(_method.Name);

    private Outcome Legit => Read ? Outcome.Inert : Outcome.Tolerate;

    public IEnumerable<HubCase> Fixed(bool messagePack)
    {
        yield return Case("one argument too many", Outcome.Refuse, messagePack, [.. Baseline(), "extra"]) with { BindingError = true };
        if (_parameters.Length > 0) yield return Case("one argument too few", Outcome.Refuse, messagePack, Baseline()[..^1]) with { BindingError = true };
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            foreach (var (label, value, outcome, binding) in Values(p.Name!, p.ParameterType, Nullable(p)))
            {
                var args = Baseline();
                args[i] = value;
                yield return Case($"{p.Name}: {label}", outcome, messagePack, args) with { BindingError = binding, MayDrop = label.StartsWith("oversize", StringComparison.Ordinal) };
            }
            if (!IsDto(p.ParameterType)) continue;
            foreach (var prop in Properties(p.ParameterType))
            {
                foreach (var (label, value, outcome, binding) in Values(prop.Name, prop.PropertyType, Nullable(prop)))
                {
                    var args = Baseline();
                    var record = new ArgMap((ArgMap)args[i]!) { [prop.Name] = value };
                    args[i] = record;
                    yield return Case($"{p.Name}.{prop.Name}: {label}", outcome, messagePack, args) with { BindingError = binding, MayDrop = label.StartsWith("oversize", StringComparison.Ordinal) };
                }
            }
        }
    }

    public HubCase Random(Random rng)
    {
        var messagePack = rng.Next(2) == 0;
        if (_parameters.Length == 0) return Case($"random extra argument", Outcome.Refuse, messagePack, [RandomJunk.Text(rng, 50).Text]) with { BindingError = true };
        var i = rng.Next(_parameters.Length);
        var p = _parameters[i];
        var args = Baseline();
        string name = p.Name!;
        Type type = p.ParameterType;
        bool nullable = Nullable(p);
        Action<object?> set = v => args[i] = v;
        if (IsDto(type) && rng.Next(4) != 0)
        {
            var props = Properties(type).ToList();
            var prop = props[rng.Next(props.Count)];
            var record = new ArgMap((ArgMap)args[i]!);
            args[i] = record;
            (name, type, nullable) = ($"{p.Name}.{prop.Name}", prop.PropertyType, Nullable(prop));
            var key = prop.Name;
            set = v => record[key] = v;
        }
        if (type == typeof(string) && rng.Next(2) == 0)
        {
            var (text, refuse) = RandomJunk.Text(rng, maxLength: 300);
            set(text);
            var id = IsId(name);
            return Case($"random {name}={RestCaseGenerator.Shorten(text)}", refuse || id ? Outcome.Refuse : Legit, messagePack, args);
        }
        var values = Values(name, type, nullable).Where(v => !v.Label.StartsWith("oversize", StringComparison.Ordinal)).ToList();
        var (label, value, outcome, binding) = values[rng.Next(values.Count)];
        set(value);
        return Case($"random {name}: {label}", outcome, messagePack, args) with { BindingError = binding };
    }

    /// <summary>Lone surrogates as raw UTF-8 bytes inside MessagePack strings, which the .NET client would never send.</summary>
    public IEnumerable<HubCase> RawSurrogates()
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.ParameterType == typeof(string))
            {
                var args = Baseline();
                args[i] = RawMessagePack.LoneSurrogate;
                yield return new HubCase($"{p.Name}: raw lone surrogate (MessagePack)", Outcome.Refuse, true, args) { RawFrame = [], BindingError = true };
            }
            if (!IsDto(p.ParameterType)) continue;
            foreach (var prop in Properties(p.ParameterType).Where(x => x.PropertyType == typeof(string)))
            {
                var args = Baseline();
                args[i] = new ArgMap((ArgMap)args[i]!) { [prop.Name] = RawMessagePack.LoneSurrogate };
                yield return new HubCase($"{p.Name}.{prop.Name}: raw lone surrogate (MessagePack)", Outcome.Refuse, true, args) { RawFrame = [], BindingError = true };
            }
        }
    }

    private HubCase Case(string name, Outcome outcome, bool messagePack, object?[] args) => new(name, outcome, messagePack, args);

    private IEnumerable<(string Label, object? Value, Outcome Outcome, bool Binding)> Values(string name, Type type, bool nullable)
    {
        var t = System.Nullable.GetUnderlyingType(type) ?? type;
        // null for a value type cannot even be bound.
        yield return ("null", null, nullable ? Legit : Outcome.Refuse, type.IsValueType && !nullable);
        if (t == typeof(string))
        {
            var id = IsId(name);
            yield return ("number", 42, Outcome.Refuse, true);
            yield return ("array", new[] { "a" }, Outcome.Refuse, true);
            yield return ("oversize 1 MB", HostileString.Oversize, Outcome.Refuse, false);
            if (id)
            {
                foreach (var bad in HostileString.BadIds) yield return ($"bad id {bad}", bad, Outcome.Refuse, false);
                yield return ("other agency's user", _world.UserB.ToString(), OtherIdOutcome(name), false);
                yield return ("other agency's group", _world.GroupB.ToString(), OtherIdOutcome(name), false);
            }
            foreach (var s in HostileString.All)
            {
                var outcome = s.MustRefuse || id ? Outcome.Refuse : s.InvisibleOnly && !nullable ? Outcome.Refuse : Legit;
                yield return (s.Name, s.Value, outcome, false);
            }
        }
        else if (t == typeof(long) || t == typeof(int))
        {
            yield return ("string", "abc", Outcome.Refuse, true);
            yield return ("-1", t == typeof(long) ? -1L : -1, Read ? Outcome.Inert : Outcome.Refuse, false);
            yield return ("minimum", t == typeof(long) ? long.MinValue : int.MinValue, Read ? Outcome.Inert : Outcome.Refuse, false);
            yield return ("maximum", t == typeof(long) ? long.MaxValue : int.MaxValue, Legit, false);
            yield return ("zero", t == typeof(long) ? 0L : 0, Legit, false);
        }
        else if (t == typeof(bool))
        {
            yield return ("string", "yes", Outcome.Refuse, true);
        }
        else if (t.IsEnum)
        {
            yield return ("unknown name", "NoSuchValue", Outcome.Refuse, true);
            yield return ("undefined number", 99, Outcome.Refuse, false);
        }
        else if (t == typeof(Guid))
        {
            yield return ("not a guid", "not-a-guid", Outcome.Refuse, true);
            yield return ("other agency's", _world.AgencyB.Id.ToString(), Legit, false);
        }
        else if (t == typeof(string[]))
        {
            yield return ("string", "a", Outcome.Refuse, true);
            yield return ("501 ids", Enumerable.Range(0, 501).Select(_ => Guid.NewGuid().ToString()).ToArray(), Outcome.Refuse, false);
            yield return ("oversize 20,000 ids", Enumerable.Range(0, 20_000).Select(_ => Guid.NewGuid().ToString()).ToArray(), Outcome.Refuse, false);
            yield return ("element null", new string?[] { null }, Outcome.Refuse, false);
            foreach (var bad in HostileString.BadIds) yield return ($"element {bad}", new[] { bad }, Outcome.Refuse, false);
            foreach (var s in HostileString.All) yield return ($"element {s.Name}", new[] { s.Value }, Outcome.Refuse, false);
            yield return ("other agency's user", new[] { _world.UserB.ToString() }, OtherIdOutcome(name), false);
            yield return ("unknown user", new[] { Guid.NewGuid().ToString() }, Read ? Outcome.Inert : Outcome.Refuse, false);
        }
        else if (t == typeof(Dictionary<string, long>))
        {
            yield return ("string", "a", Outcome.Refuse, true);
            yield return ("bad key", new Dictionary<string, long> { ["not-a-guid"] = 1 }, Outcome.Refuse, false);
            yield return ("key with NUL", new Dictionary<string, long> { ["\u0000"] = 1 }, Outcome.Refuse, false);
            yield return ("negative seq", new Dictionary<string, long> { [_world.Group.ToString()] = -5 }, Outcome.Refuse, false);
            yield return ("other agency's group", new Dictionary<string, long> { [_world.GroupB.ToString()] = 0 }, Outcome.Inert, false);
            // A user in thousands of chats names them all (ChatHub.MaxSyncConversations); one more is refused.
            var most = GoChat.Gateway.Hubs.ChatHub.MaxSyncConversations;
            yield return ($"{most:N0} unknown keys", Enumerable.Range(0, most).ToDictionary(_ => Guid.NewGuid().ToString(), _ => 0L), Outcome.Inert, false);
            yield return ($"oversize {most + 1:N0} keys", Enumerable.Range(0, most + 1).ToDictionary(_ => Guid.NewGuid().ToString(), _ => 0L), Outcome.Refuse, false);
        }
        else if (IsDto(t))
        {
            yield return ("string", "a", Outcome.Refuse, true);
            yield return ("array", new[] { 1 }, Outcome.Refuse, true);
        }
    }

    /// <summary>Another agency's ids: a conversation H is not in is refused; a person is someone staff may see.</summary>
    private Outcome OtherIdOutcome(string name) =>
        name.StartsWith("conversation", StringComparison.OrdinalIgnoreCase) || name.Contains(".ConversationId", StringComparison.Ordinal)
            // Forward targets are chats too (issue 14).
            || name.Contains("ConversationIds", StringComparison.Ordinal) ? Outcome.Refuse
        // Another agency's user may by then be a member of H's group (AddMembers with them is legitimate), and an
        // admin may remove them or change their role: either answer is right, a failure is not.
        : Legit;

    /// <summary>Valid arguments aimed at H's own group, so that the one hostile argument is what the server meets.</summary>
    private object?[] Baseline() => _parameters.Select(p => Valid(p.Name!, p.ParameterType)).ToArray();

    private object? Valid(string name, Type type)
    {
        var t = System.Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return name switch
            {
                "conversationId" or "ConversationId" => _world.Group.ToString(),
                "userId" or "peerUserId" => _world.P.UserId.ToString(),
                "clientMessageId" or "ClientMessageId" => Guid.NewGuid().ToString("N"),
                "Language" => "ms",
                "emoji" => "\U0001F44D",
                "duration" => "8h",
                _ => "Teks biasa",
            };
        }
        if (t == typeof(string[])) return name == "targetConversationIds" ? new[] { _world.Group.ToString() } : new[] { _world.P.UserId.ToString() };
        if (t == typeof(long)) return name == "beforeSeq" ? long.MaxValue : _world.HMessage;
        if (t == typeof(int)) return name == "Offset" ? 0 : 20;
        if (t == typeof(bool)) return name == "away" ? false : true;
        if (t.IsEnum) return Enum.GetValues(t).GetValue(0);
        if (t == typeof(Guid)) return _world.AgencyA.Id.ToString();
        if (t == typeof(Dictionary<string, long>)) return new Dictionary<string, long> { [_world.Group.ToString()] = 0 };
        if (IsDto(t))
        {
            var record = new ArgMap();
            foreach (var prop in Properties(t)) record[prop.Name] = System.Nullable.GetUnderlyingType(prop.PropertyType) is not null ? null : Valid(prop.Name, prop.PropertyType);
            if (t.Name == "ProfileUpdate") record["DisplayName"] = "H";
            if (t.Name == "DirectoryQuery") record["Text"] = "staf";
            // A cursor is one the server gave: the first page has none.
            if (t.Name == "MessageSearchInput") record["Cursor"] = null;
            return record;
        }
        return null;
    }

    /// <summary>A field that must hold a GoChat id (a client's own message id is free text).</summary>
    private static bool IsId(string name)
    {
        var last = name[(name.LastIndexOf('.') + 1)..];
        return last.EndsWith("Id", StringComparison.OrdinalIgnoreCase) && !last.Equals("clientMessageId", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsDto(Type type) => type.IsClass && type != typeof(string) && !type.IsArray && !type.IsGenericType;

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");

    private static bool Nullable(ParameterInfo p) =>
        System.Nullable.GetUnderlyingType(p.ParameterType) is not null || !p.ParameterType.IsValueType && new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable;

    private static bool Nullable(PropertyInfo p) =>
        System.Nullable.GetUnderlyingType(p.PropertyType) is not null || !p.PropertyType.IsValueType && new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable;

    private static string Pretty(Type t) => System.Nullable.GetUnderlyingType(t) is { } u ? Pretty(u) + "?" : t.IsGenericType ? t.Name[..t.Name.IndexOf('`')] + "<" + string.Join(",", t.GetGenericArguments().Select(Pretty)) + ">" : t.Name;
}
