using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Malformed REST requests, over every route the gateway maps (read from its route table, so a new route is
/// covered without a line here): each answers 400 INVALID_ARGUMENT, or 415 UNSUPPORTED_MEDIA_TYPE for a body
/// that is not JSON by its Content-Type, as problem details that reveal nothing of the framework.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MalformedRequestTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    /// <summary>What the framework's own messages say; none of it may reach a client.</summary>
    private static readonly string[] Internals = ["Failed to read", "Failed to bind", "System.", "JsonException", "Microsoft.", "parameter", "   at "];

    [Fact]
    public async Task Every_json_route_answers_malformed_bodies_with_400_and_a_wrong_content_type_with_415()
    {
        var routes = JsonRoutes();
        Assert.Contains(routes, r => r.Pattern == "/api/auth/code");
        Assert.Contains(routes, r => r.Pattern == "/api/admin/users/{userId}/role");
        Assert.True(routes.Count >= 8, $"Only {routes.Count} JSON routes found.");
        using var http = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        var failures = new List<string>();

        foreach (var route in routes)
        {
            var bodies = new List<(string What, string Json)>
            {
                ("not JSON", "this is not json"),
                ("truncated", "{\"a\":"),
                ("null", "null"),
                ("an array", "[]"),
                ("a number", "42"),
                ("a string", "\"text\""),
                ("too deep", new string('[', 200) + new string(']', 200)),
                ("too deep in a property", "{\"x\":" + new string('{', 100).Replace("{", "{\"y\":") + "1" + new string('}', 101)),
            };
            foreach (var property in route.Body!.GetProperties())
            {
                var json = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                bodies.Add(($"{json} of the wrong type", $"{{\"{json}\":{WrongValueFor(property.PropertyType)}}}"));
            }
            foreach (var (what, json) in bodies)
            {
                await Expect(failures, route, what, http, new StringContent(json, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
            }
            await Expect(failures, route, "text/plain", http, new StringContent("{}", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
            await Expect(failures, route, "a form", http, new FormUrlEncodedContent([new("a", "b")]), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(HttpStatusCode.OK, (await Stack.Http.GetAsync("/health/live")).StatusCode);
    }

    /// <summary>
    /// Half a surrogate pair can only arrive as a JSON escape (raw bytes of one are not UTF-8, which the reader
    /// refuses as malformed): each string field of each JSON route answers 400 INVALID_TEXT, never U+FFFD stored.
    /// </summary>
    [Fact]
    public async Task Every_string_field_of_every_json_route_refuses_half_a_surrogate_pair_with_invalid_text()
    {
        using var http = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        var failures = new List<string>();
        var fields = 0;
        foreach (var route in JsonRoutes())
        {
            foreach (var property in route.Body!.GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                var json = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                fields++;
                foreach (var (what, escaped) in new[] { ("a lone high surrogate", "\\ud800"), ("a lone low surrogate", "\\uDC00"), ("a pair reversed", "\\udc00\\ud800") })
                {
                    var body = $$"""{"{{json}}":"abc{{escaped}}def"}""";
                    await Expect(failures, route, $"{json} holding {what}", http, new StringContent(body, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, ErrorCodes.InvalidText);
                }
            }
        }
        Assert.True(fields >= 8, $"Only {fields} string fields found.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_id_in_a_route_that_is_not_a_guid_answers_400()
    {
        using var http = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        var failures = new List<string>();
        var routes = Routes().Where(r => r.Guids.Count > 0).ToList();
        Assert.Contains(routes, r => r.Pattern == "/api/users/{userId}/photo");
        foreach (var route in routes)
        {
            foreach (var bad in route.Guids)
            {
                var path = Fill(route, except: bad, badValue: "not-a-guid");
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
                if (route.Body is not null) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                await Check(failures, $"{route.Method} {route.Pattern} with {bad}=not-a-guid", await http.SendAsync(request), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("/api/directory?limit=abc")]
    [InlineData("/api/directory?offset=1.5")]
    [InlineData("/api/directory?agencyId=not-a-guid")]
    [InlineData("/api/admin/agencies/{agency}/users?status=NoSuchStatus")]
    [InlineData("/api/admin/agencies/{agency}/audit?limit=abc")]
    [InlineData("/api/admin/agencies/{agency}/audit?before=yesterday")]
    public async Task Query_value_of_the_wrong_type_answers_400(string path)
    {
        using var http = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        var response = await http.GetAsync(path.Replace("{agency}", Guid.NewGuid().ToString()));
        var failures = new List<string>();
        await Check(failures, path, response, HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Unknown_enum_name_answers_400_and_changes_nothing()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);

        var role = await http.PutAsync($"/api/admin/users/{staff.UserId}/role", new StringContent("{\"role\":\"Emperor\"}", Encoding.UTF8, "application/json"));
        await GatewayFixture.AssertProblem(role, HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        var created = await http.PostAsync("/api/admin/agencies", new StringContent("{\"name\":\"X\",\"category\":\"Galactic\",\"domains\":[]}", Encoding.UTF8, "application/json"));
        await GatewayFixture.AssertProblem(created, HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        using var mine = Stack.HttpFor(staff.AccessToken);
        var availability = await mine.PutAsync("/api/me/profile", new StringContent("{\"displayName\":\"A\",\"availability\":\"Sleeping\"}", Encoding.UTF8, "application/json"));
        await GatewayFixture.AssertProblem(availability, HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);

        Assert.Equal((short)UserRole.User, await fixture.Scalar<short>($"SELECT role FROM gochat_users WHERE id = '{staff.UserId}'"));
        Assert.Equal(agency.Id, await fixture.Scalar<Guid>($"SELECT agency_id FROM gochat_users WHERE id = '{staff.UserId}'"));
    }

    [Fact]
    public async Task Unknown_api_path_is_a_404_and_a_wrong_method_a_405_problem_never_the_web_client()
    {
        var response = await Stack.Http.GetAsync("/api/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var wrongMethod = await Stack.Http.PostAsync("/api/directory", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);
        // A client route still gets the web client's shell.
        var shell = await Stack.Http.GetAsync("/chats/anything");
        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        Assert.Equal("text/html", shell.Content.Headers.ContentType?.MediaType);
    }

    private async Task Expect(List<string> failures, Route route, string what, HttpClient http, HttpContent content, HttpStatusCode status, string code)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), Fill(route)) { Content = content };
        await Check(failures, $"{route.Method} {route.Pattern} with {what}", await http.SendAsync(request), status, code);
    }

    private static async Task Check(List<string> failures, string what, HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        string? actual = null;
        try { actual = JsonDocument.Parse(body).RootElement.GetProperty("code").GetString(); }
        catch (Exception) { }
        if (response.StatusCode != status || actual != code || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{what}: expected {(int)status} {code}, got {(int)response.StatusCode} {actual}: {body}");
        }
        else if (Internals.FirstOrDefault(i => body.Contains(i, StringComparison.Ordinal)) is { } leak)
        {
            failures.Add($"{what}: the answer reveals '{leak}': {body}");
        }
    }

    private static string WrongValueFor(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "{\"nested\":true}";
        if (type.IsEnum) return "\"NoSuchValue\"";
        if (type == typeof(bool)) return "\"yes\"";
        if (type == typeof(Guid)) return "\"not-a-guid\"";
        if (type.IsPrimitive) return "\"abc\"";
        if (type.IsArray || type.IsAssignableTo(typeof(System.Collections.IEnumerable))) return "7";
        return "[1,2]";
    }

    private string Fill(Route route, string? except = null, string? badValue = null)
    {
        var path = route.Pattern;
        foreach (var name in route.Parameters)
        {
            path = path.Replace("{" + name + "}", name == except ? badValue : name == "domain" ? "contoh.gov.my" : Guid.NewGuid().ToString());
        }
        return path;
    }

    private sealed record Route(string Method, string Pattern, Type? Body, IReadOnlyList<string> Parameters, IReadOnlyList<string> Guids);

    private List<Route> JsonRoutes() => Routes().Where(r => r.Body is not null).ToList();

    /// <summary>Every REST route of the gateway, from its route table.</summary>
    private List<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in Stack.GatewayServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal)) continue;
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
            var handler = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault();
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            var body = accepts is { RequestType: { } t } && accepts.ContentTypes.Contains("application/json") ? t : null;
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var guids = handler?.GetParameters().Where(p => p.ParameterType == typeof(Guid) && parameters.Contains(p.Name!)).Select(p => p.Name!).ToList() ?? [];
            routes.Add(new Route(method, pattern.TrimEnd('/') is { Length: > 0 } p ? p : "/", body, parameters, guids));
        }
        return routes;
    }
}
