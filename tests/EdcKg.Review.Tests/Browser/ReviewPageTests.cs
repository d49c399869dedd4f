using Microsoft.Playwright;

namespace EdcKg.Review.Tests.Browser;

/// <summary>The review page in a real headless Chromium against a server over a run made in the test.</summary>
public sealed class ReviewPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task ThePage_Loads_AndShowsTheRunsOverview()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Url("#/overview"));
        await page.Locator("#overview-cards .card").First.WaitForAsync();
        Assert.Equal("EdcKg review", await page.TitleAsync());
        var cards = await page.Locator("#overview-cards .card").AllInnerTextsAsync();
        Assert.Contains(cards, c => c.Replace("\n", " ", StringComparison.Ordinal) == "4 documents");
        Assert.Equal(2, await page.Locator("#iteration-table tr").CountAsync());
    }

    [ChromiumFact]
    public async Task TheGraph_ShowsTheRunsEntities()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Url("#/graph"));
        await page.Locator("#graph g.node").First.WaitForAsync();
        var names = await page.Locator("#graph g.node text").AllTextContentsAsync();
        Assert.Contains("Acme", names);
        Assert.Contains("Alice", names);
        Assert.True(await page.Locator("#graph g.edge").CountAsync() >= 3);
    }

    [ChromiumFact]
    public async Task Searching_FindsAnEntity_AndShowsItsNeighbourhood()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Url("#/graph"));
        await page.Locator("#graph g.node").First.WaitForAsync();
        await page.Locator("#entity-search").FillAsync("glob");
        var result = page.Locator("#search-results li", new() { HasText = "Globex" });
        await result.WaitForAsync();
        await result.ClickAsync();
        await page.Locator("#graph g.node.center text", new() { HasText = "Globex" }).WaitForAsync();
        var names = await page.Locator("#graph g.node text").AllTextContentsAsync();
        Assert.Equal(["Berlin", "Carol", "Globex"], names.Order(StringComparer.Ordinal));
        Assert.Equal("Globex", await page.Locator("#graph-panel h2").First.TextContentAsync());
    }

    [ChromiumFact]
    public async Task TheDocumentView_HighlightsTheSpansOfItsTriples()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Url("#/documents/2"));
        await page.Locator("#document-text mark.span").First.WaitForAsync();
        Assert.Equal(ReviewRun.Sentences[2], await page.Locator("#document-text").TextContentAsync());
        var subjects = await page.Locator("#document-text mark.span.subject").AllTextContentsAsync();
        var objects = await page.Locator("#document-text mark.span.object").AllTextContentsAsync();
        Assert.Contains("Carol", subjects);
        Assert.Contains("Globex", objects);
        Assert.Contains("Berlin", objects);
        await page.Locator("#document-detail tr[data-triple]").Nth(1).ClickAsync();
        Assert.Equal(["Globex", "Berlin"], await page.Locator("#document-text mark.active").AllTextContentsAsync());
    }

    [ChromiumFact]
    public async Task ACorrectionMadeByClicking_ChangesCanonKg_AndUndoByClickingRestoresIt()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        var before = session.Run.CanonKg;
        await page.GotoAsync(session.Url("#/decisions"));
        var row = page.Locator("tr[data-decision='0-1-1']");
        await row.WaitForAsync();
        Assert.Contains("[Bob, born_in, Lyon]", await row.InnerTextAsync());
        await row.Locator("button.choose", new() { HasText = "located in" }).ClickAsync();
        await page.Locator("#message", new() { HasText = "saved" }).WaitForAsync();
        Assert.Equal("[['Bob', 'works for', 'Initech'], ['Bob', 'located in', 'Lyon']]", session.Run.CanonKg.Split('\n')[1]);
        await page.Locator("tr[data-decision='0-1-1'] .badge.corrected").WaitForAsync();

        await page.Locator("tr[data-decision='0-1-1'] button.undo").ClickAsync();
        await page.Locator("#message", new() { HasText = "undone" }).WaitForAsync();
        Assert.Equal(before, session.Run.CanonKg);
    }

    [ChromiumFact]
    public async Task TheDecisionsView_ListsTheMergeDecisions_WhenTheRunResolvedEntities()
    {
        await using var session = await OpenAsync(["Alan_Shepard works_for NASA.", "Shepard works_for Nasa.", "alan_shepard located_in Houston."], resolveEntities: true);
        var page = session.Page;
        await page.GotoAsync(session.Url("#/decisions"));
        await page.Locator("#merge-table tr[data-merge]").First.WaitForAsync();
        Assert.False(await page.Locator("#merge-section").IsHiddenAsync());
        var mentions = await page.Locator("#merge-table tr[data-merge] td:nth-child(2) b").AllTextContentsAsync();
        Assert.Contains("alan_shepard", mentions);
    }

    [ChromiumFact]
    public async Task Screenshots_OfTheFourViews_ArePngImages()
    {
        // EDCKG_SCREENSHOTS=docs/ keeps them (that is how the README's pictures are made); otherwise they go with the temp run.
        await using var session = await OpenAsync(ScreenshotCorpus);
        var page = session.Page;
        var folder = Environment.GetEnvironmentVariable("EDCKG_SCREENSHOTS") is { Length: > 0 } kept ? Path.GetFullPath(kept) : Path.Combine(session.Run.Folder, "screenshots");
        Directory.CreateDirectory(folder);
        var shots = new List<string>();
        async Task ShootAsync(string name, string hash, string ready, Func<Task>? before = null)
        {
            await page.GotoAsync(session.Url(hash));
            await page.Locator(ready).First.WaitForAsync();
            if (before is not null)
            {
                await before();
            }

            var path = Path.Combine(folder, $"review-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            shots.Add(path);
        }

        await ShootAsync("overview", "#/overview", "#iteration-table td");
        await ShootAsync("graph", "#/graph", "#graph g.node", async () =>
        {
            await page.Locator("#entity-search").FillAsync("Acme");
            await page.Locator("#search-results li", new() { HasText = "Acme" }).First.ClickAsync();
            await page.Locator("#graph g.node.center").WaitForAsync();
            await page.Locator("#graph g.node", new() { HasText = "Paris" }).Locator("circle").DblClickAsync();
            await page.Locator("#graph g.node", new() { HasText = "Erin" }).WaitForAsync();
            await page.Locator("#graph g.node", new() { HasText = "Acme" }).First.Locator("circle").ClickAsync();
        });
        await ShootAsync("document", "#/documents/0", "#document-text mark.span", () => page.Locator("#document-detail tr[data-triple]").First.ClickAsync());
        await ShootAsync("decisions", "#/decisions", "#decision-table tr[data-decision]", async () =>
        {
            await page.Locator("tr[data-decision='0-1-1'] button.choose").First.ClickAsync();
            await page.Locator("#message", new() { HasText = "saved" }).WaitForAsync();
            await page.Locator("tr[data-decision='0-1-1'] .badge.corrected").WaitForAsync();
        });
        foreach (var shot in shots)
        {
            var bytes = await File.ReadAllBytesAsync(shot);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
    }

    private static readonly string[] ScreenshotCorpus =
    [
        "Alice works_for Acme. Acme located_in Paris. Alice born_in Lyon.",
        "Bob works_for Initech. Bob born_in Lyon. Initech located_in Berlin.",
        "Carol employed_by Globex. Globex located_in Berlin. Carol works_for Acme.",
        "Dave born_in Rome. Dave works_for Acme. Acme owns Initech.",
        "Erin works_for Globex. Erin located_in Paris. Globex partner_of Acme.",
        "Frank employed_by Acme. Frank born_in Paris. Acme founded_in Paris.",
    ];

    private async Task<PageSession> OpenAsync(string[]? corpus = null, bool resolveEntities = false)
    {
        var run = await ReviewRun.CreateAsync(corpus, resolveEntities);
        var server = await ReviewServer.StartAsync(new ReviewOptions(run.Output, Port: 0, User: "reviewer"));
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var session = new PageSession(run, server, context, page);
        page.PageError += (_, error) => session.Errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.Errors.Add(message.Text);
            }
        };
        return session;
    }

    private sealed class PageSession(ReviewRun run, ReviewServer server, IBrowserContext context, IPage page) : IAsyncDisposable
    {
        public ReviewRun Run { get; } = run;

        public IPage Page { get; } = page;

        /// <summary>Script errors and console errors of the page; a test that ends with any fails with them.</summary>
        public List<string> Errors { get; } = [];

        public string Url(string hash) => new Uri(server.Address, "/" + hash).ToString();

        public async ValueTask DisposeAsync()
        {
            var errors = Errors.ToList();
            await context.DisposeAsync();
            await server.DisposeAsync();
            Run.Dispose();
            Assert.True(errors.Count == 0, "The page reported errors:\n" + string.Join('\n', errors));
        }
    }
}
