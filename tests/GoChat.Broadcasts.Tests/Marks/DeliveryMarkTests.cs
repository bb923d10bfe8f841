using GoChat.Broadcasts.Marks;

namespace GoChat.Broadcasts.Tests.Marks;

public class DeliveryMarkTests
{
    [Fact]
    public void A_mark_is_twelve_big_endian_bytes_hint_first()
    {
        var mark = new DeliveryMark(0x01020304, 0x05060708090A0B0C);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, mark.ToBytes());
    }

    [Fact]
    public void A_mark_reads_back_from_its_bytes()
    {
        var mark = new DeliveryMark(0xDEADBEEF, 0xFEDCBA9876543210);
        Assert.Equal(mark, DeliveryMark.FromBytes(mark.ToBytes()));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void Bytes_of_another_length_are_not_a_mark(int length)
    {
        Assert.Throws<ArgumentException>(() => DeliveryMark.FromBytes(new byte[length]));
    }
}
