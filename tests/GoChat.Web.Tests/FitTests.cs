namespace GoChat.Web.Tests;

/// <summary>What sizes itself to its content, on a desktop and on a phone: long e-mails, avatar initials, the composer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FitTests(BrowserFixture fixture)
{
    private static readonly (int Width, int Height)[] Screens = [(1280, 800), (390, 844)];

    /// <summary>The character before each line break inside the element's text: where the text wrapped.</summary>
    private const string CharsBeforeBreaks = """
        el => {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          let before = "", top = null, last = null, node;
          while ((node = walker.nextNode())) {
            for (let i = 0; i < node.length; i++) {
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const box = range.getClientRects()[0];
              if (!box) continue;
              if (top !== null && box.top > top + 2) before += last;
              top = box.top;
              last = node.data[i];
            }
          }
          return before;
        }
        """;

    [Fact]
    public async Task A_long_email_in_the_admin_portal_wraps_only_after_its_at_sign_and_dots()
    {
        var (_, domain) = await fixture.CreateAgency();
        var email = BrowserFixture.StaffEmail("siti.nur.aisyah.binti.abdul.rahman", domain);
        await fixture.Stack.SignInWithEmailAsync(email);
        await using var admin = await fixture.AgencyAdmin(domain);
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Pengguna" }).ClickAsync();
        var cell = admin.Page.Locator($"[data-testid=admin-user][data-email='{email}']").GetByTestId("admin-user-email");

        foreach (var (width, height) in Screens)
        {
            await admin.Page.SetViewportSizeAsync(width, height);
            await Expect(cell).ToHaveTextAsync(email);
            await admin.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"admin-long-email-{width}x{height}") });
            var breaks = await cell.EvaluateAsync<string>(CharsBeforeBreaks);
            Assert.All(breaks, c => Assert.Contains(c, "@."));
            if (width == 390) Assert.NotEmpty(breaks); // too long for a phone's column on one line
            Assert.True(await cell.EvaluateAsync<bool>("el => el.scrollWidth <= el.clientWidth"), $"At {width} px the address runs out of its cell.");
        }
    }

    [Fact]
    public async Task Avatar_initials_grow_with_the_avatar()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var rosli = await fixture.OpenBrowser(BrowserFixture.StaffEmail("rosli", domain));
        await rosli.SignIn();
        await rosli.SetDisplayName("Rosli Kamal");

        foreach (var (width, height) in Screens)
        {
            await rosli.Page.SetViewportSizeAsync(width, height);
            var big = rosli.Page.Locator(".avatar[style*='width: 80px']");
            await Expect(big).ToHaveTextAsync("RK");
            await rosli.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"profile-avatar-{width}x{height}") });
            // 40% of the avatar's side, so the letters fill a large avatar as they fill a small one.
            await Expect(big).ToHaveCSSAsync("font-size", "32px");
            var initials = await big.Locator("span").First.BoundingBoxAsync() ?? throw new InvalidOperationException("No initials box.");
            Assert.True(initials.Width >= 80 * 0.3, $"At {width} px the initials are {initials.Width:0} px wide in an 80 px avatar.");
        }
    }

    [Fact]
    public async Task The_composer_grows_with_its_text_up_to_its_limit_then_scrolls_and_shrinks_back()
    {
        await using var staff = await fixture.SignedInStaff("tarmizi", "umairah");
        var (tarmizi, umairah) = staff;
        await tarmizi.StartChatWith(umairah.Email, umairah.DefaultName);

        foreach (var (width, height) in Screens)
        {
            await tarmizi.Page.SetViewportSizeAsync(width, height);
            var composer = tarmizi.Composer;
            await composer.FillAsync("");
            var empty = await Height(composer);

            await composer.FillAsync("Baris satu\nBaris dua\nBaris tiga");
            await tarmizi.Page.WaitForFunctionAsync("h => document.querySelector('[data-testid=composer]').getBoundingClientRect().height > h + 20", empty);
            await Expect(composer).ToHaveCSSAsync("overflow-y", "hidden");
            Assert.True(await composer.EvaluateAsync<bool>("el => el.scrollHeight <= el.clientHeight"), "Three lines do not fit the grown composer.");

            await composer.FillAsync(string.Join("\n", Enumerable.Range(1, 20).Select(i => $"Baris {i}")));
            await Expect(composer).ToHaveCSSAsync("height", "140px");
            await Expect(composer).ToHaveCSSAsync("overflow-y", "auto");
            await tarmizi.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"composer-grown-{width}x{height}") });
            await Layout.AssertInsideViewport(tarmizi.Page, composer);

            await composer.FillAsync("");
            await tarmizi.Page.WaitForFunctionAsync("h => Math.abs(document.querySelector('[data-testid=composer]').getBoundingClientRect().height - h) < 1", empty);
        }
    }

    private static async Task<double> Height(ILocator element) =>
        (await element.BoundingBoxAsync() ?? throw new InvalidOperationException("The element has no box.")).Height;
}
