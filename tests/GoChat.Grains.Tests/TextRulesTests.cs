namespace GoChat.Grains.Tests;

/// <summary>The one text rule every field goes through.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("a\0b")]
    [InlineData("\0")]
    [InlineData("bell\a")]
    [InlineData("escape\u001b[31m")]
    [InlineData("lone\rreturn")]
    [InlineData("trailing return\r")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    [InlineData("c1\u009f")]
    public void Controls_are_invalid_text(string text) => AssertInvalid(text);

    // Attribute arguments are stored as UTF-8, which cannot hold a lone surrogate: these are built in code.
    [Fact]
    public void Lone_surrogates_are_invalid_text()
    {
        foreach (var text in new[] { "high \ud800 alone", "low \udc00 alone", "reversed \udc00\ud800", "ends high \ud83d" })
        {
            Assert.Contains(text, char.IsSurrogate); // really built with its surrogate
            AssertInvalid(text);
        }
    }

    private static void AssertInvalid(string text)
    {
        Assert.NotNull(TextRules.Problem(text));
        var error = Assert.Throws<GoChatException>(() => TextRules.MessageText(text));
        Assert.Equal(ErrorCodes.InvalidText, error.Code);
        Assert.Equal(ErrorCodes.InvalidText, Assert.Throws<GoChatException>(() => TextRules.Required(text, 100, "A name")).Code);
        Assert.Equal(ErrorCodes.InvalidText, Assert.Throws<GoChatException>(() => TextRules.Optional(text, 100, "A field")).Code);
        Assert.Equal(ErrorCodes.InvalidText, Assert.Throws<GoChatException>(() => TextRules.ClientMessageId(text)).Code);
    }

    [Theory]
    [InlineData("Selamat pagi")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("windows\r\nline")]
    [InlineData("emoji 😀 and 👍🏽")]
    [InlineData("family 👨‍👩‍👧")] // ZWJ between visible characters is fine
    [InlineData("جاوي")]
    [InlineData("中文")]
    [InlineData("\u00a0x")]
    public void Ordinary_text_is_kept_exactly(string text)
    {
        Assert.Null(TextRules.Problem(text));
        Assert.False(TextRules.IsBlank(text));
        Assert.Equal(text, TextRules.MessageText(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n\r\n")]
    [InlineData("\u200b")] // zero-width space
    [InlineData("\u200c\u200d")] // ZWNJ, ZWJ
    [InlineData("\u2060")] // word joiner
    [InlineData("\ufeff")] // BOM
    [InlineData("\u202e\u202d\u2066\u2069\u200e\u200f")] // bidi controls
    [InlineData("\u3000\u2003\u00a0")] // ideographic, em and no-break spaces
    [InlineData("\u2028\u2029")] // line and paragraph separators
    [InlineData("\u3164\u115f")] // Hangul fillers
    [InlineData("\u2800")] // braille blank
    [InlineData("\ufe0f")] // a variation selector alone
    [InlineData("\U000e0041\U000e007f")] // tag characters
    public void Text_of_only_invisible_characters_is_empty(string text)
    {
        Assert.True(TextRules.IsBlank(text));
        Assert.Equal(ErrorCodes.EmptyText, Assert.Throws<GoChatException>(() => TextRules.MessageText(text)).Code);
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<GoChatException>(() => TextRules.Required(text, 100, "A name")).Code);
        Assert.Null(TextRules.Optional(text, 100, "A field"));
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<GoChatException>(() => TextRules.ClientMessageId(text)).Code);
    }

    [Fact]
    public void Names_are_trimmed_and_bounded()
    {
        Assert.Equal("Pasukan A", TextRules.Required("  Pasukan A \n", 100, "A group name"));
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<GoChatException>(() => TextRules.Required(new string('x', 101), 100, "A group name")).Code);
        Assert.Equal(ErrorCodes.TextTooLong, Assert.Throws<GoChatException>(() => TextRules.MessageText(new string('x', Limits.MaxTextLength + 1))).Code);
    }
}
