namespace GoChat.Web.Tests;

/// <summary>
/// Where things land on screen, measured with their bounding boxes: a layout bug shows as an element that is
/// visible to the DOM yet lies off the viewport (body has overflow: hidden, so nothing there can be scrolled to).
/// </summary>
public static class Layout
{
    /// <summary>Every element the locator matches (at least one) lies within the viewport's width and height.</summary>
    public static async Task AssertInsideViewport(IPage page, ILocator elements)
    {
        await Expect(elements.First).ToBeVisibleAsync();
        var viewport = page.ViewportSize!;
        foreach (var element in await elements.AllAsync())
        {
            var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException("The element has no box.");
            var what = await element.EvaluateAsync<string>("el => el.getAttribute('aria-label') || el.textContent.slice(0, 40)");
            Assert.True(box.X >= 0 && box.X + box.Width <= viewport.Width + 0.5,
                $"'{what}' spans x {box.X:0}..{box.X + box.Width:0}, beyond the {viewport.Width} px wide viewport.");
            Assert.True(box.Y >= 0 && box.Y + box.Height <= viewport.Height + 0.5,
                $"'{what}' spans y {box.Y:0}..{box.Y + box.Height:0}, beyond the {viewport.Height} px high viewport.");
        }
    }

    /// <summary>The element's text is cut (with the ellipsis the CSS asks for) rather than shown whole on one line.</summary>
    public static async Task AssertTruncated(ILocator element)
    {
        await Expect(element).ToHaveCSSAsync("text-overflow", "ellipsis");
        Assert.True(await element.EvaluateAsync<bool>("el => el.scrollWidth > el.clientWidth"),
            "The text is not cut: it fits whole, or it widened its box.");
    }

    /// <summary>The left element ends before the right one begins: a long text does not run under the buttons.</summary>
    public static async Task AssertLeftOf(ILocator left, ILocator right)
    {
        var a = await left.BoundingBoxAsync() ?? throw new InvalidOperationException("The left element has no box.");
        var b = await right.BoundingBoxAsync() ?? throw new InvalidOperationException("The right element has no box.");
        Assert.True(a.X + a.Width <= b.X + 0.5, $"The left element ends at x {a.X + a.Width:0}, after the right one begins at {b.X:0}.");
    }
}
