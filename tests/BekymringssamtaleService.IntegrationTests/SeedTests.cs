using System.Text.Json;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests;

public sealed class SeedTests(SharedHost shared)
{
    [Fact]
    public async Task The_host_loads_every_unit_measure_demo_user_and_demo_case_from_the_seed_files()
    {
        var counts = await CountsAsync();

        Assert.Equal(SeedFileCount("units.json", "districts", "units"), counts.Units);
        Assert.Equal(SeedFileCount("measures.json"), counts.Measures);
        Assert.Equal(SeedFileCount("demo-users.json"), counts.Staff);
        Assert.Equal(SeedFileCount("demo-cases.json"), counts.Cases);
    }

    [Fact]
    public async Task Loading_the_seeds_again_changes_nothing()
    {
        var before = await CountsAsync();

        await using (var scope = shared.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedLoader>().LoadAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(before, await CountsAsync());
    }

    private async Task<SeedCounts> CountsAsync()
    {
        await using var scope = shared.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var cancellationToken = TestContext.Current.CancellationToken;
        // Other tests on the shared host register cases of their own: count the demo cases, by their youths' names.
        var youths = await db.Cases.Select(c => new { c.Youth.GivenName, c.Youth.FamilyName }).ToListAsync(cancellationToken);
        return new SeedCounts(
            await db.Units.CountAsync(cancellationToken),
            await db.Measures.CountAsync(cancellationToken),
            await db.StaffMembers.CountAsync(cancellationToken),
            youths.Count(youth => DemoYouths.Value.Contains((youth.GivenName, youth.FamilyName))));
    }

    private static readonly Lazy<HashSet<(string, string)>> DemoYouths = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("seeds", "demo-cases.json")));
        return [.. document.RootElement.EnumerateArray().Select(seed => seed.GetProperty("case").GetProperty("youth")).Select(youth =>
            (youth.GetProperty("givenName").GetString()!, youth.GetProperty("familyName").GetString()!))];
    });

    private static int SeedFileCount(string file, params string[] nested)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("seeds", file)));
        return nested.Length == 0
            ? document.RootElement.GetArrayLength()
            : document.RootElement.GetProperty(nested[0]).EnumerateArray().Sum(district => district.GetProperty(nested[1]).GetArrayLength());
    }

    private sealed record SeedCounts(int Units, int Measures, int Staff, int Cases);
}
