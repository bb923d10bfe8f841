using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Grains.Tests;

/// <summary>A real silo host (ADO.NET clustering, storage, message log) stopped and started again on the same database.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Group_state_and_messages_survive_a_silo_restart()
    {
        await using var stack = await GoChatStack.StartAsync("restart");
        var users = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        var id = Guid.NewGuid();
        var grains = stack.SiloServices.GetRequiredService<IGrainFactory>();
        await Task.WhenAll(users.Select(u => grains.GetGrain<IUserGrain>(u).Register("r" + u.ToString("N")[..8], "R")));
        await grains.GetGrain<IConversationGrain>(id).CreateGroup(users[0], "Bilik Gerakan", [users[1], users[2]]);
        for (var i = 0; i < 5; i++) await grains.GetGrain<IConversationGrain>(id).Send(users[i % 3], new SendMessageRequest(id, $"m{i}", $"mesej {i}"));

        await stack.StopSiloAsync();
        await stack.StartSiloAsync();
        grains = stack.SiloServices.GetRequiredService<IGrainFactory>();

        var conversation = grains.GetGrain<IConversationGrain>(id);
        var info = await conversation.GetInfo(users[1]);
        Assert.Equal("Bilik Gerakan", info.Name);
        Assert.Equal(users.Order(), info.Members.Select(m => m.UserId).Order());
        Assert.Equal(MemberRole.Owner, info.Members.Single(m => m.UserId == users[0]).Role);
        var history = await conversation.GetAfter(users[2], 0, 100);
        Assert.Equal(["mesej 0", "mesej 1", "mesej 2", "mesej 3", "mesej 4"], history.Where(m => m.Kind == MessageKind.Text).Select(m => m.Text));
        var next = await conversation.Send(users[0], new SendMessageRequest(id, "after", "selepas mula semula"));
        Assert.Equal(7, next.Seq);
        var resent = await conversation.Send(users[1], new SendMessageRequest(id, "m1", "mesej 1"));
        Assert.True(resent.Duplicate);
        var list = (await grains.GetGrain<IUserConversationsGrain>(users[1]).GetPage(null, 10)).Conversations;
        Assert.Equal("Bilik Gerakan", Assert.Single(list).Name);
    }

    [Fact]
    public async Task Cursors_survive_a_restart_from_the_table()
    {
        await using var stack = await GoChatStack.StartAsync("restart-cursors");
        var users = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        var id = Guid.NewGuid();
        var grains = stack.SiloServices.GetRequiredService<IGrainFactory>();
        await Task.WhenAll(users.Select(u => grains.GetGrain<IUserGrain>(u).Register("c" + u.ToString("N")[..8], "C")));
        await grains.GetGrain<IConversationGrain>(id).CreateGroup(users[0], "Kursor", [users[1], users[2]]);
        for (var i = 0; i < 6; i++) await grains.GetGrain<IConversationGrain>(id).Send(users[0], new SendMessageRequest(id, $"k{i}", $"mesej {i}"));
        await grains.GetGrain<IUserConversationsGrain>(users[1]).MarkCursors(id, 6, 4);
        await grains.GetGrain<IUserConversationsGrain>(users[2]).MarkCursors(id, 7, 7);

        // Stopping the silo deactivates the list grains, which hand their queued cursors to the writer first.
        await stack.StopSiloAsync();
        await stack.StartSiloAsync();
        grains = stack.SiloServices.GetRequiredService<IGrainFactory>();

        var members = (await grains.GetGrain<IConversationGrain>(id).GetInfo(users[0])).Members.ToDictionary(m => m.UserId);
        Assert.Equal((6L, 4L), (members[users[1]].DeliveredSeq, members[users[1]].ReadSeq));
        Assert.Equal((7L, 7L), (members[users[2]].DeliveredSeq, members[users[2]].ReadSeq));
        var summary = Assert.Single((await grains.GetGrain<IUserConversationsGrain>(users[1]).GetPage(null, 10)).Conversations);
        Assert.Equal(3, summary.UnreadCount); // seqs 5, 6 and 7
        Assert.Equal(4, summary.ReadSeq);
        // Not moved back by a device that reports an older cursor after the restart.
        await grains.GetGrain<IUserConversationsGrain>(users[1]).MarkCursors(id, 2, 2);
        Assert.Equal(3, Assert.Single((await grains.GetGrain<IUserConversationsGrain>(users[1]).GetPage(null, 10)).Conversations).UnreadCount);
    }
}
