using GoChat.Broadcasts.Text;

namespace GoChat.Broadcasts.Tests.Canonical;

public class CanonicalTextTests
{
    private const string Original = "AMARAN BANJIR\nJalan Tun Razak ditutup mulai 14:00 hari ini. Sila guna laluan alternatif.";

    [Fact]
    public void A_forwarded_copy_with_invisible_marks_nbsp_fullwidth_letters_and_extra_line_breaks_has_the_original_form()
    {
        var forwarded = "\uFEFF  AMARAN\u200B BANJIR\r\n\r\n\n"
            + "Jalan\u00A0Tun\u2009Razak ditu\u200Dtup mulai \uFF11\uFF14:\uFF10\uFF10 hari\u2060 ini.\u00A0 "
            + "Sila guna la\u00ADluan alternat\uFE0Fif.\u202F\n";

        Assert.Equal(CanonicalText.Of(Original), CanonicalText.Of(forwarded));
    }

    [Fact]
    public void The_canonical_form_is_single_spaced_and_trimmed()
    {
        Assert.Equal("AMARAN BANJIR Jalan Tun Razak ditutup mulai 14:00 hari ini. Sila guna laluan alternatif.",
            CanonicalText.Of(Original));
    }

    [Theory]
    [InlineData("AMARAN BANJIR\nJalan Tun Razak dibuka mulai 14:00 hari ini. Sila guna laluan alternatif.")]
    [InlineData("AMARAN BANJIR\nJalan Tun Razak ditutup mulai 15:00 hari ini. Sila guna laluan alternatif.")]
    [InlineData("AMARAN BANJIR\nJalan Tun Razak ditutup mulai 14:00 hari ini. Sila guna laluan alternatif segera.")]
    [InlineData("AMARAN BANJIR\nJalan Tun Razak ditutup mulai 14:00 hari ini. Sila guna laluan alternatif")]
    [InlineData("Amaran banjir\nJalan Tun Razak ditutup mulai 14:00 hari ini. Sila guna laluan alternatif.")]
    [InlineData("AMARAN BANJIR\nJalan Tun Razak ditutup mulai 14:00 hariini. Sila guna laluan alternatif.")]
    public void A_visible_edit_changes_the_canonical_form(string edited) =>
        Assert.NotEqual(CanonicalText.Of(Original), CanonicalText.Of(edited));

    [Theory]
    [InlineData("\u200B\u200C\u200D\u200E\u200F")]
    [InlineData("\u2060\u2061\u2062\u2063\u2064")]
    [InlineData("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u061C")]
    [InlineData("\u00AD\uFEFF\U000E0001\U000E0041")]
    [InlineData("\uFE00\uFE0F\U000E0100\U000E01EF\u180B")]
    public void Marks_vanish_wherever_they_are(string marks) =>
        Assert.Equal("ok go", CanonicalText.Of($"{marks}o{marks}k{marks} {marks}g{marks}o{marks}"));

    [Fact]
    public void A_mark_between_a_letter_and_its_accent_does_not_stop_them_composing() =>
        Assert.Equal("caf\u00E9", CanonicalText.Of("cafe\u200B\u0301"));

    [Fact]
    public void Text_of_only_white_space_and_marks_is_empty() =>
        Assert.Equal("", CanonicalText.Of(" \u200B\n\u00A0\u3000\t"));
}
