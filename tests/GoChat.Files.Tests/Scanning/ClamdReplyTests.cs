using GoChat.Files.Scanning;

namespace GoChat.Files.Tests.Scanning;

/// <summary>How clamd's one-line replies read as verdicts.</summary>
public class ClamdReplyTests
{
    [Theory]
    [InlineData("stream: OK\0", ScanOutcome.Clean, null)]
    [InlineData("stream: Win.Test.EICAR_HDB-1 FOUND\0", ScanOutcome.Infected, "Win.Test.EICAR_HDB-1")]
    [InlineData("stream: Heuristics.Limits.Exceeded.MaxScanSize FOUND\0", ScanOutcome.Unscannable, "Heuristics.Limits.Exceeded.MaxScanSize")]
    [InlineData("stream: Heuristics.Encrypted.Zip FOUND\0", ScanOutcome.Unscannable, "Heuristics.Encrypted.Zip")]
    [InlineData("stream: Heuristics.Encrypted.PDF FOUND", ScanOutcome.Unscannable, "Heuristics.Encrypted.PDF")]
    public void A_reply_reads_as_its_verdict(string reply, ScanOutcome outcome, string? detail)
    {
        Assert.Equal(new ScanVerdict(outcome, detail), ClamdReply.Parse(reply));
    }

    [Fact]
    public void Past_StreamMaxLength_the_file_is_unscannable_not_retried()
    {
        Assert.Equal(ScanOutcome.Unscannable, ClamdReply.Parse("INSTREAM size limit exceeded. ERROR\0").Outcome);
    }

    [Fact]
    public void A_long_garbled_reply_is_quoted_short_and_without_control_characters()
    {
        var verdict = ClamdReply.Parse("\u001b[31m" + new string('x', 5000));
        Assert.Equal(ScanOutcome.Failed, verdict.Outcome);
        Assert.True(verdict.Detail!.Length < 200);
        Assert.DoesNotContain('\u001b', verdict.Detail);
    }
}
