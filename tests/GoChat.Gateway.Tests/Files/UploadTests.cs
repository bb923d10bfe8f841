using System.Net;
using System.Net.Http.Headers;
using static GoChat.Gateway.Tests.Files.FileTestData;

namespace GoChat.Gateway.Tests.Files;

/// <summary>Uploads over tus 1.0 (issue 15): streamed a chunk at a time, resumable, limited before a byte is stored.</summary>
[Collection(FilesCollection.Name)]
public sealed class UploadTests(FilesFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task An_upload_cut_off_midway_resumes_from_its_offset_and_the_file_downloads_byte_identical()
    {
        await using var pair = await fixture.PairAsync();
        var file = Pdf(5 * 1024 * 1024 + 123);
        var tus = pair.AliceTus;
        var upload = await tus.CreateAsync("laporan.pdf", "application/pdf", file.Length);

        // The connection drops after 2.5 MB: what arrived is kept, so the resume starts past the first chunks.
        await Assert.ThrowsAnyAsync<Exception>(() => tus.PatchRawAsync(upload, 0, new DroppingContent(file, 2_600_000)));
        long offset = 0;
        await Eventually.Until(async () => (offset = await tus.OffsetAsync(upload)) >= 1024 * 1024, "the bytes that arrived to be kept");
        Assert.True(offset <= 2_600_000, $"offset {offset} is past what was sent");

        await tus.ResumeAsync(upload, file);
        var id = TusClient.IdOf(upload);
        var info = await tus.WaitForChecksAsync(id);
        Assert.Equal(UploadStatus.Ready, info.Status);
        Assert.Equal(("application/pdf", (long)file.Length), (info.Attachment!.ContentType, info.Attachment.Size));

        var message = await pair.SendAsync("Laporan suku tahun", new AttachmentInputDtoFor(id));
        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal(("laporan.pdf", (long)file.Length), (attachment.Name, attachment.Size));
        var link = await LinkAsync(pair.BobHttp, pair.Chat, message.Seq, attachment.BlobId);
        Assert.Equal(file, await pair.BobHttp.GetByteArrayAsync(link.Url));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_any_byte_is_stored()
    {
        await using var pair = await fixture.PairAsync();
        var before = await fixture.Scalar<long>("SELECT count(*) FROM gochat_uploads");

        using var response = await pair.AliceTus.CreateRawAsync("besar.zip", "application/zip", FilesFixture.MaxUploadBytes + 1);

        await GatewayFixture.AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.FileTooLarge);
        Assert.Equal(before, await fixture.Scalar<long>("SELECT count(*) FROM gochat_uploads"));
    }

    [Fact]
    public async Task The_server_describes_itself_and_refuses_requests_that_break_the_protocol()
    {
        await using var pair = await fixture.PairAsync();
        using (var options = await pair.AliceHttp.SendAsync(new HttpRequestMessage(HttpMethod.Options, TusClient.Path)))
        {
            Assert.Equal(HttpStatusCode.NoContent, options.StatusCode);
            Assert.Equal("1.0.0", options.Headers.GetValues("Tus-Version").Single());
            Assert.Equal("creation,termination", options.Headers.GetValues("Tus-Extension").Single());
            Assert.Equal(FilesFixture.MaxUploadBytes.ToString(), options.Headers.GetValues("Tus-Max-Size").Single());
        }
        var tus = pair.AliceTus;
        var file = Pdf(1000);
        var upload = await tus.CreateAsync("a.pdf", null, file.Length);

        using (var noVersion = new HttpRequestMessage(HttpMethod.Head, upload))
        using (var refused = await pair.AliceHttp.SendAsync(noVersion))
            Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        await GatewayFixture.AssertProblem(await tus.PatchRawAsync(upload, 10, new ByteArrayContent(file, 10, 10)), HttpStatusCode.Conflict, ErrorCodes.UploadOffsetMismatch);
        var wrongType = new ByteArrayContent(file);
        using (var request = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = wrongType })
        {
            request.Headers.Add("Tus-Resumable", "1.0.0");
            request.Headers.Add("Upload-Offset", "0");
            wrongType.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            await GatewayFixture.AssertProblem(await pair.AliceHttp.SendAsync(request), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
        }
        // Past the length it announced, a request stores nothing.
        var tooMuch = new byte[file.Length + 1];
        await GatewayFixture.AssertProblem(await tus.PatchRawAsync(upload, 0, new ByteArrayContent(tooMuch)), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.FileTooLarge);
        Assert.Equal(0, await tus.OffsetAsync(upload));

        // Someone else's upload does not exist for them.
        using var bobHead = new HttpRequestMessage(HttpMethod.Head, upload);
        bobHead.Headers.Add("Tus-Resumable", "1.0.0");
        Assert.Equal(HttpStatusCode.NotFound, (await pair.BobHttp.SendAsync(bobHead)).StatusCode);
    }

    [Fact]
    public async Task A_terminated_upload_is_gone_with_its_bytes()
    {
        await using var pair = await fixture.PairAsync();
        var tus = pair.AliceTus;
        var file = Pdf(3 * 1024 * 1024);
        var upload = await tus.CreateAsync("batal.pdf", null, file.Length);
        await tus.PatchRawAsync(upload, 0, new ByteArrayContent(file, 0, 2 * 1024 * 1024));
        var id = TusClient.IdOf(upload);
        Assert.True(await ChunkBytes(id) > 0);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, upload);
        delete.Headers.Add("Tus-Resumable", "1.0.0");
        Assert.Equal(HttpStatusCode.NoContent, (await pair.AliceHttp.SendAsync(delete)).StatusCode);

        using var head = new HttpRequestMessage(HttpMethod.Head, upload);
        head.Headers.Add("Tus-Resumable", "1.0.0");
        Assert.Equal(HttpStatusCode.NotFound, (await pair.AliceHttp.SendAsync(head)).StatusCode);
        Assert.Equal(0L, await ChunkBytes(id));
    }

    /// <summary>Bytes of every chunk the upload's writers and its assembled file hold.</summary>
    private Task<long> ChunkBytes(Guid upload) => fixture.Scalar<long>(
        "SELECT coalesce(sum(octet_length(data)), 0)::bigint FROM gochat_file_chunks WHERE file_id = ANY(@ids)",
        ("ids", Enumerable.Range(1, 5).Select(w => GoChat.Files.Storage.UploadFileIds.Writer(upload, w)).Append(GoChat.Files.Storage.UploadFileIds.Assembled(upload)).ToArray()));

    /// <summary>A body that sends its first bytes and then breaks, like a phone leaving Wi-Fi.</summary>
    private sealed class DroppingContent(byte[] file, int sendBeforeDrop) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(file.AsMemory(0, sendBeforeDrop));
            await stream.FlushAsync();
            throw new IOException("The network went away.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = file.Length;
            return true;
        }
    }
}
