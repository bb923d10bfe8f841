using System.Text.Json;

namespace GoChat.Web.Tests;

/// <summary>
/// What the web client keeps in the browser for offline use, read from outside the app: the IndexedDB databases
/// (gochat-offline-&lt;user id&gt;) and the service worker that serves the app shell.
/// </summary>
public static class OfflineStorage
{
    private const string Prefix = "gochat-offline-";

    /// <summary>The names of GoChat's offline databases in this browser context, without opening (or creating) any.</summary>
    public static Task<string[]> Databases(IPage page) =>
        page.EvaluateAsync<string[]>($"() => indexedDB.databases().then(ds => ds.map(d => d.name).filter(n => n.startsWith('{Prefix}')))");

    public static async Task<string> UserId(IPage page) =>
        await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('gochat.session')).userId");

    /// <summary>
    /// Every record of the user's database as text: byte arrays decoded as UTF-8 (plain text would show through), a
    /// CryptoKey as its kind and whether it can be exported.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> Dump(IPage page, string userId)
    {
        var json = await page.EvaluateAsync<string>(@"async (name) => {
            const db = await new Promise((ok, fail) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
            const text = (v) => JSON.stringify(v, (k, x) =>
                x instanceof ArrayBuffer ? new TextDecoder().decode(x)
                : ArrayBuffer.isView(x) ? new TextDecoder().decode(x)
                : x instanceof CryptoKey ? `CryptoKey ${x.algorithm.name} extractable=${x.extractable}`
                : x);
            const out = {};
            for (const store of db.objectStoreNames) {
                const values = await new Promise((ok, fail) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
                out[store] = values.map(text);
            }
            db.close();
            return JSON.stringify(out);
        }", Prefix + userId);
        return JsonSerializer.Deserialize<Dictionary<string, string[]>>(json)!;
    }

    /// <summary>Waits until the user's store holds at least this many records of the store (none, for 0): they are written asynchronously.</summary>
    public static Task WaitForRecords(IPage page, string userId, string store, int count) =>
        page.WaitForFunctionAsync(@"async ([name, store, count]) => {
            const names = (await indexedDB.databases()).map(d => d.name);
            if (!names.includes(name)) return false;
            const db = await new Promise((ok, fail) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
            try {
                if (!db.objectStoreNames.contains(store)) return false;
                const n = await new Promise((ok, fail) => { const r = db.transaction(store).objectStore(store).count(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
                return count === 0 ? n === 0 : n >= count;
            } finally { db.close(); }
        }", new object[] { Prefix + userId, store, count }, new() { PollingInterval = 200 });

    /// <summary>Waits until no offline database of GoChat is left in the browser context.</summary>
    public static Task WaitForNone(IPage page) =>
        page.WaitForFunctionAsync($"() => indexedDB.databases().then(ds => !ds.some(d => d.name.startsWith('{Prefix}')))", null, new() { PollingInterval = 200 });

    /// <summary>The service worker is active and controls the page: the shell and its bundles are cached.</summary>
    public static async Task WaitForServiceWorker(IPage page)
    {
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { PollingInterval = 200 });
    }
}
