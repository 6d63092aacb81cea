using System.Text.Json.Nodes;

namespace BekymringssamtaleService.IntegrationTests.Inputs;

/// <summary>The OpenAPI document states the limits the API holds every request to.</summary>
public sealed class DocumentedLimitsTests(SharedHost shared)
{
    [Fact]
    public async Task The_OpenAPI_document_states_lengths_list_sizes_ranges_line_rules_and_exact_enum_values_of_the_requests()
    {
        using var client = shared.Host.CreateHttpClient();
        var schemas = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!["components"]!["schemas"]!;
        var registration = schemas["RegisterCaseRequest"]!["properties"]!;
        var guardian = schemas["GuardianInput"]!["properties"]!;
        var invitation = schemas["InviteRequest"]!["properties"]!;

        Assert.Equal(10, (int?)registration["guardians"]!["maxItems"]);
        Assert.Equal(4000, (int?)registration["concernText"]!["maxLength"]);
        Assert.Equal(200, (int?)guardian["name"]!["maxLength"]);
        Assert.Equal(400, (int?)guardian["address"]!["maxLength"]);
        Assert.Equal(10, (int?)invitation["extraParticipants"]!["maxItems"]);
        Assert.Equal(10, (int?)invitation["officerIds"]!["maxItems"]);
        Assert.Equal(15, (int?)invitation["durationMinutes"]!["minimum"]);
        Assert.Equal(480, (int?)invitation["durationMinutes"]!["maximum"]);
        var oneLine = (string)guardian["name"]!["pattern"]!;
        var freeText = (string)registration["concernText"]!["pattern"]!;
        Assert.DoesNotMatch(oneLine, "Per\r\nBcc: x");
        Assert.Matches(oneLine, "Per Testesen");
        Assert.Matches(freeText, "Fravær.\r\nNye venner.");
        Assert.DoesNotMatch(freeText, "Fravær\0");
        Assert.Equal(["nb", "nn", "en"], schemas["LetterLanguage"]!["enum"]!.AsArray().Where(value => value is not null).Select(value => (string)value!));
    }
}
