using Microsoft.AspNetCore.SignalR.Client;
using static GoChat.Gateway.Tests.Files.FileTestData;

namespace GoChat.Gateway.Tests.Files;

/// <summary>
/// One copy of each file per agency, kept while a message or an unsent upload needs it and freed when none does
/// (issue 15): the blob's row and its bytes both go.
/// </summary>
[Collection(FilesCollection.Name)]
public sealed class FileLifetimeTests(FilesFixture fixture)
{
    [Fact]
    public async Task The_same_file_sent_twice_is_stored_once_and_freed_when_its_last_message_is_deleted()
    {
        await using var pair = await fixture.PairAsync();
        var file = Pdf(2 * 1024 * 1024 + 77);
        var first = await pair.AliceTus.UploadReadyAsync("surat.pdf", null, file);
        var second = await pair.AliceTus.UploadReadyAsync("surat (1).pdf", null, file);
        var a = await pair.SendAsync("Pertama", new AttachmentInputDtoFor(first));
        var b = await pair.SendAsync("Kedua", new AttachmentInputDtoFor(second));

        var blob = a.Attachments![0].BlobId;
        Assert.Equal(blob, b.Attachments![0].BlobId);
        Assert.Equal(("surat.pdf", "surat (1).pdf"), (a.Attachments[0].Name, b.Attachments[0].Name));
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_blobs WHERE blob_id = @b", ("b", blob)));
        Assert.Equal((long)file.Length, await StoredBytes());
        // The second upload's own copy went once its bytes were found to be the first's.
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_file_chunks WHERE file_id = @f",
            ("f", GoChat.Files.Storage.UploadFileIds.Assembled(second))));

        await Delete(pair, a.Seq);
        Assert.Equal((long)file.Length, await StoredBytes()); // the other message still shows it
        Assert.Equal(System.Net.HttpStatusCode.OK, (await pair.BobHttp.GetAsync((await LinkAsync(pair.BobHttp, pair.Chat, b.Seq, blob)).Url)).StatusCode);

        await Delete(pair, b.Seq);
        await Eventually.Until(async () => await fixture.Scalar<long>("SELECT count(*) FROM gochat_blobs WHERE blob_id = @b", ("b", blob)) == 0,
            "the blob to be freed");
        Assert.Equal(0L, await StoredBytes());

        Task<long> StoredBytes() => fixture.Scalar<long>(
            "SELECT coalesce(sum(octet_length(data)), 0)::bigint FROM gochat_file_chunks WHERE file_id = @b", ("b", blob));
    }

    [Fact]
    public async Task A_deleted_message_takes_its_file_away_from_the_other_member()
    {
        await using var pair = await fixture.PairAsync();
        var upload = await pair.AliceTus.UploadReadyAsync("tarik-balik.pdf", null, Pdf(9000));
        var message = await pair.SendAsync("Tersilap hantar", new AttachmentInputDtoFor(upload));
        var link = await LinkAsync(pair.BobHttp, pair.Chat, message.Seq, message.Attachments![0].BlobId);

        await Delete(pair, message.Seq);

        await GatewayFixture.AssertProblem(await pair.BobHttp.GetAsync(link.Url), System.Net.HttpStatusCode.NotFound, ErrorCodes.AttachmentNotFound);
    }

    [Fact]
    public async Task A_forwarded_file_is_the_same_copy_and_the_new_chat_can_open_it()
    {
        await using var pair = await fixture.PairAsync();
        await using var carol = await fixture.Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        await carol.SyncAsync();
        using var carolHttp = fixture.Stack.HttpFor(carol.Session.AccessToken);
        var file = Pdf(7000);
        var upload = await pair.AliceTus.UploadReadyAsync("edaran.pdf", null, file);
        var message = await pair.SendAsync("", new AttachmentInputDtoFor(upload));
        var toCarol = await pair.Bob.CreateDirectAsync(carol.UserId);

        var acks = await pair.Bob.Connection.InvokeAsync<SendAck[]>("ForwardMessage", pair.Chat.ToString(), message.Seq,
            new[] { toCarol.Id.ToString() }, Guid.NewGuid().ToString("N"));

        await carol.WaitUntil(c => c.Messages.Any(m => m.ConversationId == toCarol.Id && m.Seq == acks[0].Seq), "the forwarded file");
        var copy = carol.Messages.Single(m => m.ConversationId == toCarol.Id && m.Seq == acks[0].Seq);
        Assert.True(copy.Forwarded);
        Assert.Equal(message.Attachments![0], Assert.Single(copy.Attachments!));
        Assert.Equal(file, await carolHttp.GetByteArrayAsync((await LinkAsync(carolHttp, toCarol.Id, copy.Seq, copy.Attachments![0].BlobId)).Url));

        // The original's deletion leaves the forwarded copy its file: the copy's message holds it.
        await Delete(pair, message.Seq);
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_blob_refs WHERE blob_id = @b", ("b", copy.Attachments![0].BlobId)));
        Assert.Equal(file, await carolHttp.GetByteArrayAsync((await LinkAsync(carolHttp, toCarol.Id, copy.Seq, copy.Attachments![0].BlobId)).Url));
    }

    private static Task Delete(Pair pair, long seq) =>
        pair.Alice.Connection.InvokeAsync<SendAck>("DeleteMessage", pair.Chat.ToString(), seq, Guid.NewGuid().ToString("N"));
}
