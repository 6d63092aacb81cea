using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>
/// The gate comes first on every step: a case of another unit and a case that does not exist are answered alike,
/// whatever the body holds, so neither the answer nor its errors tell whether the case exists.
/// </summary>
public sealed class StepGateTests(SharedHost shared)
{
    private const string Outsider = "betjent-vest";

    [Fact]
    public async Task Another_units_case_and_a_missing_case_get_byte_identical_404_answers_on_every_step_whatever_the_body()
    {
        using var owner = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var othersCase = await owner.RegisterAsync();
        var missingCase = Guid.NewGuid();
        using var outsider = new CaseApi(shared.Host, Outsider);
        var steps = RegisteredSteps();
        Assert.True(steps.Count >= 18, $"Only {steps.Count} steps are registered.");

        var compared = 0;
        foreach (var step in steps)
        {
            foreach (var (bodyName, content) in Bodies(step))
            {
                var others = await AnswerAsync(outsider, othersCase, step.Slug, content());
                var missing = await AnswerAsync(outsider, missingCase, step.Slug, content());

                var what = $"{step.Slug} with {bodyName}";
                Assert.True(others.Status == HttpStatusCode.NotFound, $"{what}: another unit's case answered {(int)others.Status}: {Encoding.UTF8.GetString(others.Body)}");
                Assert.Equal(missing.Status, others.Status);
                Assert.Equal(missing.ContentType, others.ContentType);
                Assert.True(missing.Body.AsSpan().SequenceEqual(others.Body), $"{what}: {Encoding.UTF8.GetString(others.Body)} differs from {Encoding.UTF8.GetString(missing.Body)}");
                Assert.Contains("Saken finnes ikke, eller du har ikke tilgang til den.", Encoding.UTF8.GetString(others.Body), StringComparison.Ordinal);
                compared++;
            }
        }

        Assert.Equal(steps.Count * 4, compared);
        Assert.Equal("Registered", (await owner.GetAsync(othersCase)).State);
    }

    [Theory]
    [InlineData("application/json", "{\"reason\": ", "Verdien har feil format eller type.")]
    [InlineData("text/plain", "Familien er bortreist.", "Innholdet må være JSON (Content-Type: application/json).")]
    public async Task A_body_that_cannot_be_read_on_a_case_of_ones_own_unit_is_a_400_that_names_the_problem(string contentType, string content, string message)
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();

        using var response = await api.PostContentAsync($"/api/v1/cases/{id}/pause", new StringContent(content, Encoding.UTF8, contentType));

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Forespørselen kan ikke leses. Ingenting er lagret.", problem.Title);
        Assert.Equal([message], problem.For("body"));
        Assert.Equal("Registered", (await api.GetAsync(id)).State);
    }

    [Fact]
    public async Task Meeting_rules_are_not_checked_for_another_units_case()
    {
        using var owner = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await owner.RegisterAsync();
        await owner.StepAsync(id, "choose-track", new { track = "voluntary" });
        using var outsider = new CaseApi(shared.Host, Outsider);

        // An officer of the outsider's own unit, at a time that is bookable: before the gate, this passed the rules of VEST-BERGEN.
        using var response = await outsider.TryStepAsync(id, "invite", CaseRequests.Invitation(MeetingSlots.Next(), Outsider));

        Assert.Equal("Fant ikke saken", (await CaseApi.ProblemAsync(response, HttpStatusCode.NotFound)).Title);
        Assert.Equal("ReadyToInvite", (await owner.GetAsync(id)).State);
    }

    private List<ICaseStep> RegisteredSteps()
    {
        using var scope = shared.Host.Services.CreateScope();
        return [.. scope.ServiceProvider.GetServices<ICaseStep>()];
    }

    /// <summary>The step's API path under the case: its slug, but for the consent steps, whose routes name the consents.</summary>
    private static string ApiPath(string slug) => slug switch
    {
        "record-consent" => "consents",
        "record-duty-to-inform" => "consents/duty-to-inform",
        "withdraw-consent" => $"consents/{Guid.NewGuid()}/withdraw",
        _ => slug,
    };

    private static async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> AnswerAsync(CaseApi api, Guid caseId, string slug, HttpContent content)
    {
        using (content)
        {
            using var response = await api.PostContentAsync($"/api/v1/cases/{caseId}/{ApiPath(slug)}", content);
            return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }
    }

    /// <summary>The four bodies each step is tried with; a fresh content for every request.</summary>
    private static IEnumerable<(string Name, Func<HttpContent> Content)> Bodies(ICaseStep step)
    {
        var valid = ValidLooking(step).ToJsonString();
        yield return ("a valid-looking body", () => new StringContent(valid, Encoding.UTF8, "application/json"));
        yield return ("{}", () => new StringContent("{}", Encoding.UTF8, "application/json"));
        yield return ("malformed JSON", () => new StringContent("{\"reason\": ", Encoding.UTF8, "application/json"));
        yield return ("a form instead of JSON", () => new FormUrlEncodedContent([new("reason", "Familien er bortreist.")]));
    }

    /// <summary>A body filled in from the step's own form, as an officer would fill it in.</summary>
    private static JsonObject ValidLooking(ICaseStep step)
    {
        var body = new JsonObject();
        var today = OsloTime.Today(TimeProvider.System.GetUtcNow());
        // A confirmation is the page's own question, not part of the request.
        foreach (var field in step.Form.Where(field => field.Kind != FieldKind.Confirm))
        {
            JsonNode value = field.Kind switch
            {
                FieldKind.Number => 60,
                FieldKind.DateTime => MeetingSlots.WeekdayAt(new TimeOnly(10, 0)).ToString("O", CultureInfo.InvariantCulture),
                FieldKind.Date => today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                FieldKind.YesNo => true,
                FieldKind.Select => field.Choices![0].Value,
                FieldKind.Hidden => field.FixedValue!,
                FieldKind.UnitOfficers => new JsonArray(Outsider),
                FieldKind.Guardians => new JsonArray(),
                FieldKind.Measure => "MENTOR",
                FieldKind.MeasureStatuses => new JsonObject(),
                _ => "Avtalt med familien.",
            };
            Set(body, field.Name, value);
        }

        return body;
    }

    /// <summary>Sets a value at a form field's JSON path ("measures[0].code"), making the objects and lists on the way.</summary>
    private static void Set(JsonObject root, string path, JsonNode value)
    {
        JsonNode current = root;
        var parts = path.Split('.');
        for (var index = 0; index < parts.Length; index++)
        {
            var last = index == parts.Length - 1;
            var bracket = parts[index].IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? parts[index] : parts[index][..bracket];
            if (bracket < 0)
            {
                if (last)
                {
                    current[name] = value;
                    return;
                }

                current = current[name] ??= new JsonObject();
                continue;
            }

            var list = (current[name] ??= new JsonArray()).AsArray();
            var position = int.Parse(parts[index][(bracket + 1)..^1], CultureInfo.InvariantCulture);
            while (list.Count <= position)
            {
                list.Add(last ? null : new JsonObject());
            }

            if (last)
            {
                list[position] = value;
                return;
            }

            current = list[position]!;
        }
    }
}
