using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GoChat.Security.Tests.Hostile;

/// <summary>
/// Hostile requests for one REST route, shaped from its handler delegate's parameters: route values, query
/// values and the JSON body's properties (by reflection over the body type). A fixed set first, then random
/// mutations from a seeded generator.
/// </summary>
public sealed class RestCaseGenerator
{
    /// <summary>Routes whose body is raw bytes read by the handler itself (no body parameter to derive it from).</summary>
    private static readonly IReadOnlySet<string> RawBodyRoutes = new HashSet<string> { "PUT /api/me/photo" };

    private readonly HostileWorld _world;
    private readonly RestRoute _route;
    private readonly string? _token;
    private readonly bool _read;
    private readonly bool _admin;
    private readonly List<ParameterInfo> _query = [];
    private readonly List<string> _routeValues;
    private readonly Type? _bodyType;

    public RestCaseGenerator(HostileWorld world, RestRoute route)
    {
        _world = world;
        _route = route;
        _admin = route.Pattern.StartsWith("/api/admin", StringComparison.Ordinal);
        // Each route is attacked by the least privileged caller its policy lets in, so the cases reach its handler.
        _token = !route.RequiresAuth ? null
            : route.Policies.Contains(GoChat.Gateway.Auth.Policies.PlatformAdmin) ? world.Platform.AccessToken
            : _admin ? world.AdminA.AccessToken : world.H.AccessToken;
        _read = route.Verb == "GET";
        _routeValues = [.. route.RouteValues];
        foreach (var p in route.Handler?.GetParameters() ?? [])
        {
            if (IsService(p.ParameterType)) continue;
            if (_routeValues.Contains(p.Name!, StringComparer.OrdinalIgnoreCase)) continue;
            if (IsScalar(p.ParameterType)) _query.Add(p);
            // A parameter of another type is the body only if the framework reads it as one; else it is a service
            // (e.g. PasskeyRelyingParty), whose properties are no input.
            else if (p.ParameterType == route.BodyType) _bodyType = p.ParameterType;
        }
    }

    public bool HasInputs => _bodyType is not null || _query.Count > 0 || _routeValues.Count > 0 || RawBodyRoutes.Contains(_route.Key);

    public string Shape =>
        $"route values [{string.Join(", ", _routeValues)}], query [{string.Join(", ", _query.Select(q => q.Name))}], body {(_bodyType?.Name ?? (RawBodyRoutes.Contains(_route.Key) ? "raw" : "none"))}";

    /// <summary>The fixed cases: every hostile value in every field once.</summary>
    public IEnumerable<RestCase> Fixed()
    {
        foreach (var c in BadTokens()) yield return c;
        if (!HasInputs)
        {
            // A route without inputs takes only its token; a junk query must not matter to a read.
            if (_read) foreach (var s in HostileString.All) yield return Send($"query junk={s.Name}", Outcome.Inert, query: $"junk={Escape(Url(s.Value))}");
            yield break;
        }
        foreach (var name in _routeValues)
        {
            foreach (var bad in HostileString.BadIds.Where(b => b.Length > 0))
            {
                yield return Send($"route {name}={bad}", bad.StartsWith("0000", StringComparison.Ordinal) ? Outcome.Inert : Outcome.Refuse, routeValue: (name, bad));
            }
            foreach (var s in HostileString.All.Where(s => PathSafe(s.Value))) yield return Send($"route {name}: {s.Name}", RouteOutcome(name, s), routeValue: (name, Url(s.Value)));
            if (OtherAgencyId(name) is { } other) yield return Send($"route {name}: other agency's", _admin ? Outcome.Refuse : Outcome.Inert, routeValue: (name, other));
        }
        foreach (var q in _query)
        {
            foreach (var (value, outcome) in QueryValues(q)) yield return Send($"query {q.Name}={Shorten(value)}", outcome, query: $"{q.Name}={Escape(value)}");
        }
        if (RawBodyRoutes.Contains(_route.Key)) foreach (var c in RawBodies()) yield return c;
        if (_bodyType is null) yield break;

        foreach (var (label, json) in new[]
        {
            ("non-JSON", "this is not json{"), ("null", "null"), ("[]", "[]"), ("number", "42"), ("string", "\"text\""),
            ("truncated", "{\"a\":"), ("deep nesting 1000", new string('[', 1000) + new string(']', 1000)),
            ("deep object 1000", string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)),
            ("oversize 1 MB body", "{\"junk\":\"" + new string('z', 1024 * 1024 + 10) + "\"}"),
        })
        {
            yield return Send($"body {label}", Outcome.Refuse, body: json);
        }
        yield return Send("body {} (required fields missing)", HasRequired(_bodyType) ? Outcome.Refuse : Outcome.Tolerate, body: "{}");
        yield return Send("wrong content type text/plain", Outcome.Refuse, body: Baseline().ToJsonString(), contentType: "text/plain")
            with { Exact = (415, "UNSUPPORTED_MEDIA_TYPE") };
        yield return Send("wrong content type form", Outcome.Refuse, body: "email=a%40b.c", contentType: "application/x-www-form-urlencoded")
            with { Exact = (415, "UNSUPPORTED_MEDIA_TYPE") };

        foreach (var prop in Properties(_bodyType))
        {
            foreach (var (label, value, outcome) in PropertyValues(prop))
            {
                var body = Baseline();
                body[Camel(prop.Name)] = value;
                yield return Send($"body {Camel(prop.Name)}: {label}", outcome, body: body.ToJsonString());
            }
            var deep = Baseline();
            deep[Camel(prop.Name)] = JsonNode.Parse(new string('[', 1000) + new string(']', 1000), documentOptions: new JsonDocumentOptions { MaxDepth = 2000 });
            yield return Send($"body {Camel(prop.Name)}: deep nesting 1000", Outcome.Refuse, body: deep.ToJsonString(new JsonSerializerOptions { MaxDepth = 2000 }));
        }
    }

    /// <summary>Random cases: a random field gets a random hostile value, or random junk replaces the whole body.</summary>
    public RestCase Random(Random rng)
    {
        if (_route.RequiresAuth && (!HasInputs || rng.Next(8) == 0))
        {
            var token = RandomJunk.Token(rng);
            return Send($"random token {Shorten(token)}", _route.RequiresAuth ? Outcome.Refuse : Outcome.Inert, token: token);
        }
        var choices = new List<Func<RestCase>>();
        foreach (var name in _routeValues)
        {
            choices.Add(() =>
            {
                var (value, refuse) = rng.Next(3) == 0 ? (HostileString.BadIds[rng.Next(HostileString.BadIds.Count - 1)], true) : RandomJunk.Text(rng, maxLength: 64);
                if (!PathSafe(value)) (value, refuse) = (HostileString.BadIds[rng.Next(HostileString.BadIds.Count - 1)], true);
                var outcome = refuse || !name.EndsWith("domain", StringComparison.Ordinal) && !name.EndsWith("handle", StringComparison.Ordinal) ? Outcome.Refuse : Outcome.Inert;
                if (value.StartsWith("0000", StringComparison.Ordinal)) outcome = Outcome.Inert; // the empty guid is well-formed
                return Send($"random route {name}={Shorten(value)}", value.Length == 0 ? Outcome.Inert : outcome, routeValue: (name, Url(value.Length == 0 ? "x" : value)));
            });
        }
        foreach (var q in _query)
        {
            choices.Add(() =>
            {
                var values = QueryValues(q).ToList();
                if (rng.Next(2) == 0)
                {
                    var (v, o) = values[rng.Next(values.Count)];
                    return Send($"random query {q.Name}={Shorten(v)}", o, query: $"{q.Name}={Escape(v)}");
                }
                var (text, refuse) = RandomJunk.Text(rng, maxLength: 200);
                var outcome = refuse || !IsString(q.ParameterType) ? Outcome.Refuse : Outcome.Inert;
                return Send($"random query {q.Name}={Shorten(text)}", text.Length == 0 ? Outcome.Inert : outcome, query: $"{q.Name}={Escape(text)}");
            });
        }
        if (_bodyType is { } type)
        {
            var props = Properties(type).ToList();
            choices.Add(() =>
            {
                var body = Baseline();
                var prop = props[rng.Next(props.Count)];
                var values = PropertyValues(prop).ToList();
                var (label, value, outcome) = values[rng.Next(values.Count)];
                if (IsString(prop.PropertyType) && rng.Next(2) == 0)
                {
                    var (text, refuse) = RandomJunk.Text(rng, maxLength: 300);
                    (label, value, outcome) = ($"random text {Shorten(text)}", JsonValue.Create(text), refuse ? Outcome.Refuse : Outcome.Tolerate);
                }
                body[Camel(prop.Name)] = value;
                return Send($"random body {Camel(prop.Name)}: {label}", outcome, body: body.ToJsonString());
            });
            choices.Add(() =>
            {
                var junk = RandomJunk.Json(rng);
                return Send($"random body {Shorten(junk)}", Outcome.Refuse, body: junk);
            });
        }
        if (RawBodyRoutes.Contains(_route.Key))
        {
            var raw = RawBodies().ToList();
            choices.Add(() => raw[rng.Next(raw.Count)]);
        }
        // An anonymous read without inputs (the agency list): only a junk query is left to send it.
        if (choices.Count == 0) return Send("random query junk", Outcome.Inert, query: "junk=" + Escape(RandomJunk.Text(rng, maxLength: 100).Text));
        return choices[rng.Next(choices.Count)]();
    }

    /// <summary>Forged tokens, for routes that require one (an anonymous route does not read it).</summary>
    private IEnumerable<RestCase> BadTokens()
    {
        if (!_route.RequiresAuth) yield break;
        var outcome = Outcome.Refuse;
        foreach (var (label, token) in RandomJunk.BadTokens(_world.H.AccessToken)) yield return Send($"token {label}", outcome, token: token);
    }

    private IEnumerable<RestCase> RawBodies()
    {
        var png = Authorization.MatrixWorld.Png;
        var html = Encoding.UTF8.GetBytes("<html><script>alert(document.cookie)</script></html>");
        yield return Raw("PNG signature followed by HTML", [.. png[..8], .. html], "image/png");
        yield return Raw("HTML as image/png", html, "image/png");
        yield return Raw("HTML as text/html", html, "text/html");
        yield return Raw("SVG with script", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "image/svg+xml");
        yield return Raw("empty body", [], "image/png");
        yield return Raw("oversize 1 MB + 1", [.. png, .. new byte[1024 * 1024]], "image/png");
        yield return Raw("JSON as image/jpeg", Encoding.UTF8.GetBytes("{\"a\":1}"), "image/jpeg");
        yield return Raw("truncated PNG", png[..20], "image/png");
        yield return Raw("no content type", png, null);
    }

    private RestCase Raw(string label, byte[] data, string? contentType) =>
        new($"raw {label}", Outcome.Refuse, new HttpMethod(_route.Verb), BasePath(), _token, () =>
        {
            var content = new ByteArrayContent(data);
            if (contentType is not null) content.Headers.ContentType = new(contentType);
            return content;
        });

    private RestCase Send(string name, Outcome outcome, (string Name, string Value)? routeValue = null, string? query = null, string? body = null,
        string contentType = "application/json", string? token = null)
    {
        var path = BasePath(routeValue);
        if (query is not null) path += "?" + query;
        return new RestCase(name, outcome, new HttpMethod(_route.Verb), path, token ?? _token,
            () => body is null ? (_bodyType is null ? null : new StringContent(Baseline().ToJsonString(), Encoding.UTF8, "application/json"))
                : new StringContent(body, Encoding.UTF8, contentType));
    }

    private string BasePath((string Name, string Value)? replaced = null)
    {
        var path = _route.Pattern;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(_route.Pattern, @"\{(\w+)[^}]*\}"))
        {
            var name = m.Groups[1].Value;
            var value = replaced is { } r && r.Name == name ? Escape(r.Value) : Uri.EscapeDataString(ValidRouteValue(name));
            path = path.Replace(m.Value, value);
        }
        return path;
    }

    /// <summary>Values that reach the handler: an admin's cases aim at a pending user of A (never one they would change).</summary>
    private string ValidRouteValue(string name) => name switch
    {
        "agencyId" => _world.AgencyA.Id.ToString(),
        "conversationId" => _world.Group.ToString(),
        "userId" => (_admin ? _world.PendingA : _world.P.UserId).ToString(),
        "deviceId" => Guid.NewGuid().ToString(),
        "domain" => "tiada-" + _world.DomainA,
        "handle" => "tiada-pengguna",
        _ => "x",
    };

    private string? OtherAgencyId(string name) => name switch
    {
        "agencyId" => _world.AgencyB.Id.ToString(),
        "userId" => _admin ? _world.PendingB.ToString() : _world.UserB.ToString(),
        "deviceId" => _world.P.DeviceId?.ToString(),
        _ => null,
    };

    /// <summary>
    /// Kestrel refuses a path holding a control character or invalid UTF-8 with its own bare 400 before any GoChat
    /// code runs; such text goes into query values and bodies instead.
    /// </summary>
    private static bool PathSafe(string value) => !value.Any(c => c < ' ' || char.IsSurrogate(c));

    private Outcome RouteOutcome(string name, HostileString s) =>
        s.MustRefuse || name.EndsWith("Id", StringComparison.Ordinal) ? Outcome.Refuse : Outcome.Inert;

    private IEnumerable<(string Value, Outcome Outcome)> QueryValues(ParameterInfo q)
    {
        var type = Nullable.GetUnderlyingType(q.ParameterType) ?? q.ParameterType;
        var legit = _read ? Outcome.Inert : Outcome.Tolerate;
        if (type == typeof(int) || type == typeof(long))
        {
            yield return ("abc", Outcome.Refuse);
            yield return ("1.5", Outcome.Refuse);
            yield return ("99999999999999999999", Outcome.Refuse);
            yield return ("-1", legit);
            yield return (type == typeof(int) ? int.MaxValue.ToString() : long.MaxValue.ToString(), legit);
            yield return (type == typeof(int) ? int.MinValue.ToString() : long.MinValue.ToString(), legit);
        }
        else if (type == typeof(Guid))
        {
            foreach (var bad in HostileString.BadIds.Where(b => b.Length > 0)) yield return (bad, bad.StartsWith("0000", StringComparison.Ordinal) ? legit : Outcome.Refuse);
            yield return (_world.AgencyB.Id.ToString(), legit);
        }
        else if (type.IsEnum)
        {
            yield return ("NoSuchValue", Outcome.Refuse);
            yield return ("99", legit);
            yield return ("%00", Outcome.Refuse);
        }
        else
        {
            foreach (var s in HostileString.All) yield return (Url(s.Value), s.MustRefuse ? Outcome.Refuse : legit);
        }
    }

    private IEnumerable<(string Label, JsonNode? Value, Outcome Outcome)> PropertyValues(PropertyInfo prop)
    {
        var type = Nullable.GetUnderlyingType(prop.PropertyType) ?? prop.PropertyType;
        var nullable = !prop.PropertyType.IsValueType && new NullabilityInfoContext().Create(prop).WriteState == NullabilityState.Nullable
            || Nullable.GetUnderlyingType(prop.PropertyType) is not null;
        var legit = _read ? Outcome.Inert : Outcome.Tolerate;
        yield return ("null", null, nullable ? legit : Outcome.Refuse);
        if (IsString(type))
        {
            yield return ("number", 123, Outcome.Refuse);
            yield return ("object", new JsonObject(), Outcome.Refuse);
            yield return ("array", new JsonArray("a"), Outcome.Refuse);
            yield return ("oversize 1 MB string", new string('y', 1024 * 1024 + 1), Outcome.Refuse);
            foreach (var s in HostileString.All)
            {
                var outcome = s.MustRefuse ? Outcome.Refuse : s.InvisibleOnly && !nullable ? Outcome.Refuse : legit;
                yield return (s.Name, s.Value, outcome);
            }
        }
        else if (type == typeof(bool))
        {
            yield return ("string", "yes", Outcome.Refuse);
            yield return ("number", 1, Outcome.Refuse);
        }
        else if (type.IsEnum)
        {
            yield return ("unknown name", "NoSuchValue", Outcome.Refuse);
            yield return ("undefined number", 99, Outcome.Refuse);
            yield return ("name with NUL", Enum.GetNames(type)[0] + "\u0000", Outcome.Refuse);
            yield return ("object", new JsonObject(), Outcome.Refuse);
        }
        else if (type == typeof(Guid))
        {
            yield return ("not a guid", "not-a-guid", Outcome.Refuse);
            yield return ("number", 12, Outcome.Refuse);
            yield return ("NUL", "\u0000", Outcome.Refuse);
            yield return ("other agency's", _world.AgencyB.Id.ToString(), legit);
        }
        else if (type.IsArray)
        {
            yield return ("string", "a", Outcome.Refuse);
            yield return ("object", new JsonObject(), Outcome.Refuse);
            foreach (var s in HostileString.All.Where(s => s.MustRefuse)) yield return ($"element {s.Name}", new JsonArray(s.Value), Outcome.Refuse);
            yield return ("element null", new JsonArray((JsonNode?)null), Outcome.Refuse);
            yield return ("10,000 elements", new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode?)JsonValue.Create($"d{i}.gov.my"))]), Outcome.Refuse);
        }
        else
        {
            yield return ("string", "a", Outcome.Refuse);
            yield return ("array", new JsonArray(), Outcome.Refuse);
        }
    }

    /// <summary>A body that would be accepted, from the body type's properties: the start every mutation changes one field of.</summary>
    private JsonObject Baseline()
    {
        var body = new JsonObject();
        foreach (var prop in Properties(_bodyType!)) body[Camel(prop.Name)] = ValidValue(prop);
        return body;
    }

    private JsonNode? ValidValue(PropertyInfo prop)
    {
        var type = Nullable.GetUnderlyingType(prop.PropertyType) ?? prop.PropertyType;
        var name = prop.Name.ToLowerInvariant();
        if (type.IsEnum) return Enum.GetNames(type).First(n => n != "None");
        if (type == typeof(bool)) return false;
        if (type == typeof(int) || type == typeof(long)) return 1;
        if (type == typeof(Guid)) return _world.AgencyA.Id.ToString();
        if (type.IsArray) return new JsonArray(JsonValue.Create("baharu-" + _world.DomainA));
        return name switch
        {
            "email" => "tiada-" + Guid.NewGuid().ToString("N")[..8] + "@" + _world.DomainA,
            "code" => "000000",
            "refreshtoken" => $"{Guid.NewGuid():N}.{Guid.NewGuid():N}.rahsia",
            "handle" => "pengguna-sah",
            "domain" => "baharu-" + _world.DomainA,
            "language" => "ms",
            _ => "Nama Sah",
        };
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");

    private static bool HasRequired(Type type) =>
        type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters().Any(p => !p.HasDefaultValue);

    private static bool IsService(Type type) =>
        type == typeof(HttpContext) || type == typeof(CancellationToken) || type.IsInterface
        || type.Namespace?.StartsWith("GoChat.Gateway", StringComparison.Ordinal) == true && type.Name.EndsWith("Service", StringComparison.Ordinal);

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(decimal) || t == typeof(DateTimeOffset);
    }

    private static bool IsString(Type type) => type == typeof(string);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>URLs carry at most a few KB (Kestrel answers longer request lines itself), so long text is cut for them.</summary>
    private static string Url(string value) => value.Length > 4000 ? value[..4000] : value;

    private static string Escape(string value) => Uri.EscapeDataString(value.Replace("\ud800", "%ED%A0%80").Replace("\udc00", "%ED%B0%80")).Replace("%25ED%25A0%2580", "%ED%A0%80").Replace("%25ED%25B0%2580", "%ED%B0%80");

    public static string Shorten(string value)
    {
        var shown = new StringBuilder();
        foreach (var ch in value.Length > 40 ? value[..40] : value) shown.Append(char.IsControl(ch) || char.IsSurrogate(ch) || ch is >= '\u200b' and <= '\u206f' or '\ufeff' ? $"\\u{(int)ch:x4}" : ch.ToString());
        return value.Length > 40 ? $"{shown}…({value.Length})" : shown.ToString();
    }
}
