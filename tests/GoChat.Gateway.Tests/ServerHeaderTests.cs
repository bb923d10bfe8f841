using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Gateway.Tests;

/// <summary>Answers do not name the server software: a prober learns nothing to aim at.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ServerHeaderTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Gateway_and_silo_do_not_announce_their_server()
    {
        var silo = new Uri(fixture.Stack.SiloServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var siloHttp = new HttpClient { BaseAddress = silo };

        using var gatewayAnswer = await fixture.Stack.Http.GetAsync("/api/agencies");
        using var refusal = await fixture.Stack.Http.GetAsync("/api/me");
        using var siloAnswer = await siloHttp.GetAsync("/");

        Assert.True(gatewayAnswer.IsSuccessStatusCode);
        foreach (var answer in new[] { gatewayAnswer, refusal, siloAnswer })
        {
            Assert.Empty(answer.Headers.Server);
            Assert.False(answer.Headers.Contains("Server"));
        }
    }
}
