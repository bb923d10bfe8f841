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

    private static Task Delete(Pair pair, long seq) =>
        pair.Alice.Connection.InvokeAsync<SendAck>("DeleteMessage", pair.Chat.ToString(), seq, Guid.NewGuid().ToString("N"));
}
