using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Direct conversation ids derive from the two user ids, so anyone can compute the id of any pair's chat. A
/// non-member must hear the same for a pair that chats as for a pair that never did, or the answer says who talks to whom.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ExistenceOracleTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Outsider_cannot_tell_a_chatting_pair_from_a_silent_one()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        await using var dave = await Stack.ConnectAsync(GatewayFixture.Handle("dave"));
        await using var eve = await Stack.ConnectAsync(GatewayFixture.Handle("eve"));
        var chatting = (await alice.CreateDirectAsync(bob.UserId)).Id;
        await alice.SendAsync(chatting, "Jumpa esok");
        var silent = ConversationIds.Direct(carol.UserId, dave.UserId);
        var rowsBefore = await fixture.CountRows(chatting);

        var calls = new (string Method, object?[] Args)[]
        {
            ("GetHistory", [long.MaxValue, 50]),
            ("GetConversation", []),
            ("SendMessage", []),
            ("EditMessage", [1L, "diubah", Guid.NewGuid().ToString("N")]),
            ("DeleteMessage", [1L, Guid.NewGuid().ToString("N")]),
            ("Typing", [true]),
            ("MarkDelivered", [1L]),
            ("MarkRead", [1L]),
            ("AddMembers", [new[] { eve.UserId.ToString() }]),
            ("RemoveMember", [alice.UserId.ToString()]),
            ("RenameConversation", ["Nama baharu"]),
            ("SetMemberRole", [alice.UserId.ToString(), MemberRole.Admin]),
            ("LeaveConversation", []),
        };
        foreach (var (method, args) in calls)
        {
            var toChatting = await Refusal(eve, method, chatting, args);
            var toSilent = await Refusal(eve, method, silent, args);

            HubErrors.AssertCode(ErrorCodes.ConversationNotFound, toChatting);
            Assert.True(toChatting.Message == toSilent.Message, $"{method}: '{toChatting.Message}' vs '{toSilent.Message}'");
        }
        Assert.Equal(rowsBefore, await fixture.CountRows(chatting));
    }

    private static Task<HubException> Refusal(ChatClient client, string method, Guid conversationId, object?[] args) =>
        Assert.ThrowsAsync<HubException>(() => method == "SendMessage"
            ? client.Connection.InvokeCoreAsync(method, [new { ConversationId = conversationId.ToString(), ClientMessageId = Guid.NewGuid().ToString("N"), Text = "masuk" }])
            : client.Connection.InvokeCoreAsync(method, [conversationId.ToString(), .. args]));
}
