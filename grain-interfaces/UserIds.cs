using System.Security.Cryptography;
using System.Text;

namespace GoChat.GrainInterfaces;

public static class UserIds
{
    /// <summary>A stable user id for a handle, used by development sign-in until registration exists.</summary>
    public static Guid ForHandle(string handle)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("gochat-handle:" + handle.ToLowerInvariant()));
        hash[7] = (byte)((hash[7] & 0x0F) | 0x50);
        return new Guid(hash.AsSpan(0, 16));
    }
}
