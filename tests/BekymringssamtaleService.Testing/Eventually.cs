namespace BekymringssamtaleService.Testing;

/// <summary>
/// The one way tests wait for what happens in the background (a pump's round, a letter on the wire, a host that
/// starts): poll a condition until it holds, with a deadline, never a fixed sleep. A condition that never holds fails
/// the test with what was awaited.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task TrueAsync(Func<Task<bool>> condition, string awaited, TimeSpan? limit = null)
    {
        if (!await HoldsAsync(condition, limit ?? DefaultLimit))
        {
            throw new TimeoutException($"Waited {(limit ?? DefaultLimit).TotalSeconds:0} s in vain for {awaited}.");
        }
    }

    public static Task TrueAsync(Func<bool> condition, string awaited, TimeSpan? limit = null) =>
        TrueAsync(() => Task.FromResult(condition()), awaited, limit);

    /// <summary>Whether the condition came to hold within the limit (for tests that assert on it themselves).</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var until = TimeProvider.System.GetUtcNow() + limit;
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() >= until)
            {
                return false;
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
