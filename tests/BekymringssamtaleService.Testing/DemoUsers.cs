using System.Text.Json;

namespace BekymringssamtaleService.Testing;

/// <summary>The demo users of seeds/demo-users.json, so tests name people the way the seed data does.</summary>
public static class DemoUsers
{
    public const string OsloOfficer = "betjent-oslo";
    public const string Administrator = "forvalter";

    private static readonly Lazy<IReadOnlyDictionary<string, DemoUser>> All = new(Load);

    public static DemoUser Get(string id) => All.Value[id];

    private static Dictionary<string, DemoUser> Load()
    {
        var users = JsonSerializer.Deserialize<List<DemoUser>>(File.ReadAllText(RepositoryRoot.Combine("seeds", "demo-users.json")), JsonSerializerOptions.Web)!;
        return users.ToDictionary(user => user.Id);
    }
}

public sealed record DemoUser(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Units);
