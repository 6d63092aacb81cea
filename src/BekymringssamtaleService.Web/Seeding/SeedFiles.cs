using System.Text.Json;
using System.Text.Json.Serialization;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Domain.Measures;
using BekymringssamtaleService.Domain.Resources;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Features.Cases.Register;

namespace BekymringssamtaleService.Web.Seeding;

/// <summary>The shapes of the files in seeds/, read with the web defaults (camelCase, enums by name).</summary>
internal static class SeedFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<T> ReadAsync<T>(string folder, string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, fileName);
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken)
                ?? throw new InvalidDataException($"The seed file {path} is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The seed file {path} is not valid: {exception.Message}", exception);
        }
    }
}

internal sealed record UnitsFile(IReadOnlyList<DistrictSeed> Districts);

internal sealed record DistrictSeed(string Code, string Name, IReadOnlyList<UnitSeed> Units);

internal sealed record UnitSeed(string Code, string Name);

internal sealed record MeasureSeed(
    string Code,
    LocalizedText Name,
    LocalizedText Description,
    AgencyType ResponsibleAgencyType,
    bool RequiresConsent,
    int MinAge,
    int MaxAge,
    ConsentSharing? ConsentSharing = null);

/// <summary>A demo member of staff; <c>externalSubject</c> links them to the development identity provider ("dev:" + id).</summary>
/// <summary>A room or an interpreter of a demo unit (seeds/demo-resources.json).</summary>
internal sealed record ResourceSeed(string Unit, ResourceKind Kind, string Name);

internal sealed record StaffSeed(string Id, string DisplayName, string Email, IReadOnlyList<Role> Roles, IReadOnlyList<string> Units, string? ExternalSubject = null);

/// <summary>A demo case: registered by the named demo officer through the same handler as the registration page.</summary>
internal sealed record DemoCaseSeed(string RegisteredBy, RegisterCaseRequest Case);
