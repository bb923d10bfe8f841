using System.Net;
using System.Net.WebSockets;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Cross-site WebSocket hijacking: only the gateway's own origin (and configured ones) may open the hub from a browser
/// page, on negotiate and on the WebSocket upgrade alike. Clients that send no Origin (not a browser page) pass.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HubOriginTests(GatewayFixture fixture)
{
    private const string Evil = "https://jahat.example.com";
    private const string Configured = "https://chat.agensi.gov.my";

    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Hub_refuses_a_foreign_origin_and_accepts_its_own_and_none()
    {
        var token = (await Stack.SignInAsync(GatewayFixture.Handle("origin"))).AccessToken;
        var own = $"{Stack.GatewayUri.Scheme}://{Stack.GatewayUri.Authority}";

        await GatewayFixture.AssertProblem(await Negotiate(Stack.GatewayUri, token, Evil), HttpStatusCode.Forbidden, ErrorCodes.OriginNotAllowed);
        await GatewayFixture.AssertProblem(await Negotiate(Stack.GatewayUri, token, "null"), HttpStatusCode.Forbidden, ErrorCodes.OriginNotAllowed);
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(Stack.GatewayUri, token, own)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(Stack.GatewayUri, token, origin: null)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, await Upgrade(Stack.GatewayUri, token, Evil));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await Upgrade(Stack.GatewayUri, token, own));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await Upgrade(Stack.GatewayUri, token, origin: null));
        // A page of this gateway that is not allowed is refused before its token is even read.
        Assert.Equal(HttpStatusCode.Forbidden, await Upgrade(Stack.GatewayUri, "not-a-token", Evil));
    }

    [Fact]
    public async Task Configured_origins_are_accepted_besides_the_gateways_own()
    {
        await using var gateway = await Stack.StartExtraGatewayAsync(new Dictionary<string, string?> { ["Hub:AllowedOrigins:0"] = Configured });
        var token = (await Stack.SignInAsync(GatewayFixture.Handle("origin"))).AccessToken;
        var own = $"{gateway.Uri.Scheme}://{gateway.Uri.Authority}";

        Assert.Equal(HttpStatusCode.OK, (await Negotiate(gateway.Uri, token, Configured)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(gateway.Uri, token, own)).StatusCode);
        await GatewayFixture.AssertProblem(await Negotiate(gateway.Uri, token, Evil), HttpStatusCode.Forbidden, ErrorCodes.OriginNotAllowed);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await Upgrade(gateway.Uri, token, Configured));
        // The main gateway was not configured with it.
        await GatewayFixture.AssertProblem(await Negotiate(Stack.GatewayUri, token, Configured), HttpStatusCode.Forbidden, ErrorCodes.OriginNotAllowed);
    }

    private static async Task<HttpResponseMessage> Negotiate(Uri gateway, string token, string? origin)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (origin is not null) request.Headers.Add("Origin", origin);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>A raw WebSocket upgrade as a browser sends it (token in the query); the status the server answered.</summary>
    private static async Task<HttpStatusCode> Upgrade(Uri gateway, string token, string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        var uri = new UriBuilder(gateway) { Scheme = "ws", Path = "/hubs/chat", Query = $"access_token={Uri.EscapeDataString(token)}" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
        var status = socket.HttpStatusCode;
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        return status;
    }
}
