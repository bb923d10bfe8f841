using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GoChat.GrainInterfaces.Models;

namespace GoChat.Testing;

/// <summary>
/// A tus 1.0 client over HttpClient, as a C# client of GoChat would upload: create, PATCH in requests of a chosen size,
/// and after a dropped connection ask where the upload stands (HEAD) and go on from there.
/// </summary>
public sealed class TusClient(HttpClient http)
{
    public const string Path = "/api/uploads";

    public async Task<HttpResponseMessage> CreateRawAsync(string? name, string? type, long length, bool encrypted = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var metadata = new List<string>();
        if (name is not null) metadata.Add("filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes(name)));
        if (type is not null) metadata.Add("filetype " + Convert.ToBase64String(Encoding.UTF8.GetBytes(type)));
        if (encrypted) metadata.Add("encrypted");
        if (metadata.Count > 0) request.Headers.Add("Upload-Metadata", string.Join(",", metadata));
        return await http.SendAsync(request);
    }

    /// <returns>The upload's address (its Location).</returns>
    public async Task<Uri> CreateAsync(string name, string? type, long length, bool encrypted = false)
    {
        using var response = await CreateRawAsync(name, type, length, encrypted);
        if (response.StatusCode != HttpStatusCode.Created) throw new HttpRequestException($"Creation answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    public async Task<long> OffsetAsync(Uri upload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, upload);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<HttpResponseMessage> PatchRawAsync(Uri upload, long offset, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = content };
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return await http.SendAsync(request);
    }

    /// <summary>Sends bytes [offset, end) of the file in requests of at most <paramref name="requestBytes"/>; returns the new offset.</summary>
    public async Task<long> PatchAsync(Uri upload, byte[] file, long offset, int requestBytes = int.MaxValue)
    {
        while (offset < file.Length)
        {
            var count = (int)Math.Min(requestBytes, file.Length - offset);
            using var response = await PatchRawAsync(upload, offset, new ByteArrayContent(file, (int)offset, count));
            if (response.StatusCode != HttpStatusCode.NoContent) throw new HttpRequestException($"PATCH answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            offset = long.Parse(response.Headers.GetValues("Upload-Offset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return offset;
    }

    /// <summary>Uploads the whole file and returns its id; the checks may still be running (see <see cref="WaitForChecksAsync"/>).</summary>
    public async Task<Guid> UploadAsync(string name, string? type, byte[] file, int requestBytes = int.MaxValue)
    {
        var upload = await CreateAsync(name, type, file.Length);
        await PatchAsync(upload, file, 0, requestBytes);
        return IdOf(upload);
    }

    /// <summary>Goes on with an upload after a dropped connection: from wherever the server says it stands.</summary>
    /// <remarks>
    /// A request the client gave up on may still be storing its last bytes: the server then answers 409 with where it
    /// stands now, and the client asks again, as tus clients do.
    /// </remarks>
    public async Task ResumeAsync(Uri upload, byte[] file)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PatchAsync(upload, file, await OffsetAsync(upload));
                return;
            }
            catch (HttpRequestException ex) when (ex.Message.Contains("409", StringComparison.Ordinal) && attempt < 5) { }
        }
    }

    public async Task<UploadInfo> GetAsync(Guid uploadId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Path}/{uploadId:N}");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<UploadInfo>())!;
    }

    /// <summary>Waits (on the condition, with a deadline) until the upload is Ready or Refused.</summary>
    public async Task<UploadInfo> WaitForChecksAsync(Guid uploadId, TimeSpan? timeout = null)
    {
        UploadInfo info = await GetAsync(uploadId);
        await Eventually.Until(async () => (info = await GetAsync(uploadId)).Status is UploadStatus.Ready or UploadStatus.Refused,
            $"the checks of upload {uploadId}", timeout ?? TimeSpan.FromSeconds(60));
        return info;
    }

    /// <summary>Uploads, waits for the checks and insists the upload is ready to send.</summary>
    public async Task<Guid> UploadReadyAsync(string name, string? type, byte[] file)
    {
        var id = await UploadAsync(name, type, file);
        var info = await WaitForChecksAsync(id);
        if (info.Status != UploadStatus.Ready) throw new InvalidOperationException($"Upload {name} was {info.Status}: {info.RefusalCode} {info.Refusal}");
        return id;
    }

    public static Guid IdOf(Uri upload) => Guid.Parse(upload.OriginalString.Split('/').Last());
}
