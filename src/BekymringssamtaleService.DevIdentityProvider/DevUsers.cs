using System.Text.Json;

namespace BekymringssamtaleService.DevIdentityProvider;

/// <summary>Someone who can sign in here: a subject (what the service's staff register links to) and a name.</summary>
public sealed record DevUser(string Subject, string Name, bool InStaffRegister);

/// <summary>
/// The people on the login form: the demo users of seeds/demo-users.json under their externalSubject, and one person
/// the staff register does not know, to show what the service does with a stranger.
/// </summary>
public sealed class DevUsers
{
    public static readonly DevUser NotInStaffRegister = new("dev:ikke-registrert", "Nils Utenfor", InStaffRegister: false);

    private DevUsers(IReadOnlyList<DevUser> all) => All = all;

    public IReadOnlyList<DevUser> All { get; }

    public DevUser? Find(string subject) => All.FirstOrDefault(user => user.Subject == subject);

    public static DevUsers Load(string usersFile)
    {
        var seeds = JsonSerializer.Deserialize<List<DemoUserSeed>>(File.ReadAllText(usersFile), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"{usersFile} is empty.");
        var registered = seeds
            .Where(seed => !string.IsNullOrEmpty(seed.ExternalSubject))
            .Select(seed => new DevUser(seed.ExternalSubject!, seed.DisplayName, InStaffRegister: true));
        return new DevUsers([.. registered, NotInStaffRegister]);
    }

    // The fields of a demo user this provider needs; the rest of the seed is the service's business.
    private sealed record DemoUserSeed(string DisplayName, string? ExternalSubject);
}
