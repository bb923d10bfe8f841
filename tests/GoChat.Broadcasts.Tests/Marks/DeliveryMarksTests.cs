using System.Security.Cryptography;
using GoChat.Broadcasts.Marks;

namespace GoChat.Broadcasts.Tests.Marks;

public class DeliveryMarksTests
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly Guid Broadcast = Guid.Parse("6f1c2a9e-3b4d-4e5f-8a7b-112233445566");

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void A_secret_shorter_than_32_bytes_is_refused(int length)
    {
        Assert.Throws<ArgumentException>(() => new DeliveryMarks(new byte[length]));
    }

    [Fact]
    public void A_missing_secret_is_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => new DeliveryMarks(null!));
    }

    [Fact]
    public void The_hint_is_the_first_32_bits_of_the_hint_mac_over_the_big_endian_guid()
    {
        var message = "gochat-mark-hint-v1"u8.ToArray().Concat(Broadcast.ToByteArray(bigEndian: true)).ToArray();
        var mac = HMACSHA256.HashData(Secret, message);
        var expected = (uint)(mac[0] << 24 | mac[1] << 16 | mac[2] << 8 | mac[3]);
        Assert.Equal(expected, new DeliveryMarks(Secret).HintOf(Broadcast));
    }

    [Fact]
    public void The_mark_is_the_hint_and_the_first_64_bits_of_the_mac_over_broadcast_and_recipient()
    {
        var recipient = Guid.Parse("0a0b0c0d-0e0f-4010-8111-121314151617");
        var message = "gochat-mark-v1"u8.ToArray()
            .Concat(Broadcast.ToByteArray(bigEndian: true))
            .Concat(recipient.ToByteArray(bigEndian: true))
            .ToArray();
        var mac = HMACSHA256.HashData(Secret, message);
        var marks = new DeliveryMarks(Secret);
        var mark = marks.For(Broadcast, recipient);
        Assert.Equal(marks.HintOf(Broadcast), mark.BroadcastHint);
        Assert.Equal(mac[..8], mark.ToBytes()[4..]);
    }

    [Fact]
    public void Two_recipients_get_different_marks()
    {
        var marks = new DeliveryMarks(Secret);
        Assert.NotEqual(marks.For(Broadcast, Guid.NewGuid()).RecipientMac, marks.For(Broadcast, Guid.NewGuid()).RecipientMac);
    }

    [Fact]
    public void Every_copy_of_one_broadcast_carries_the_same_hint()
    {
        var marks = new DeliveryMarks(Secret);
        Assert.Equal(marks.For(Broadcast, Guid.NewGuid()).BroadcastHint, marks.For(Broadcast, Guid.NewGuid()).BroadcastHint);
    }

    [Fact]
    public void Another_secret_gives_other_marks()
    {
        var recipient = Guid.NewGuid();
        var other = Secret.Select(b => (byte)(b ^ 0x80)).ToArray();
        Assert.NotEqual(new DeliveryMarks(Secret).For(Broadcast, recipient), new DeliveryMarks(other).For(Broadcast, recipient));
    }

    [Fact]
    public void Changing_the_callers_secret_array_later_changes_nothing()
    {
        var secret = (byte[])Secret.Clone();
        var marks = new DeliveryMarks(secret);
        var recipient = Guid.NewGuid();
        var before = marks.For(Broadcast, recipient);
        Array.Clear(secret);
        Assert.Equal(before, marks.For(Broadcast, recipient));
    }

    [Fact]
    public void A_mark_matches_its_recipient_and_no_one_else()
    {
        var marks = new DeliveryMarks(Secret);
        var recipient = Guid.NewGuid();
        var mark = marks.For(Broadcast, recipient);
        Assert.True(marks.Matches(mark, Broadcast, recipient));
        Assert.False(marks.Matches(mark, Broadcast, Guid.NewGuid()));
        Assert.False(marks.Matches(mark, Guid.NewGuid(), recipient));
        Assert.False(marks.Matches(mark with { RecipientMac = mark.RecipientMac ^ 1 }, Broadcast, recipient));
        Assert.False(marks.Matches(mark with { BroadcastHint = mark.BroadcastHint ^ 1 }, Broadcast, recipient));
    }
}
