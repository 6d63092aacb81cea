using BekymringssamtaleService.Web.Features.Cases.CancelCase;
using BekymringssamtaleService.Web.Features.Cases.Forms;
using BekymringssamtaleService.Web.Features.Cases.Invite;
using BekymringssamtaleService.Web.Features.Cases.PauseResume;
using BekymringssamtaleService.Web.Features.Cases.Register;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace BekymringssamtaleService.UnitTests.Cases;

public sealed class CaseFormTests
{
    private static readonly IReadOnlyList<FormField> Registration = RegisterCaseForm.Fields([new("OSLO-SENTRUM", "Sentrum")]);

    [Fact]
    public void A_posted_registration_becomes_the_request_the_API_takes_with_nested_youth_and_guardians()
    {
        var (request, errors) = CaseForm.Read(Registration, Form(
            ("unitCode", "OSLO-SENTRUM"), ("youth.givenName", "Emil"), ("youth.birthDate", "2011-04-17"), ("youth.language", "nn"),
            ("guardians[0].name", "Hanne"), ("guardians[0].livesWithYouth", "true"), ("guardians[1].name", "Per"), ("source", "childWelfare")), typeof(RegisterCaseRequest));

        var registration = Assert.IsType<RegisterCaseRequest>(request);
        Assert.Empty(errors);
        Assert.Equal("Emil", registration.Youth.GivenName);
        Assert.Equal(new DateOnly(2011, 4, 17), registration.Youth.BirthDate);
        Assert.Equal(BekymringssamtaleService.Domain.Cases.LetterLanguage.Nn, registration.Youth.Language);
        Assert.Equal(["Hanne", "Per"], registration.Guardians.Select(g => g.Name));
        Assert.True(registration.Guardians[0].LivesWithYouth);
        Assert.Equal(BekymringssamtaleService.Domain.Cases.ConcernSource.ChildWelfare, registration.Source);
    }

    [Fact]
    public void A_guardian_row_left_empty_before_a_filled_one_is_no_guardian()
    {
        var (request, _) = CaseForm.Read(Registration, Form(("guardians[1].name", "Per")), typeof(RegisterCaseRequest));

        Assert.Equal(["Per"], Assert.IsType<RegisterCaseRequest>(request).Guardians.Select(g => g.Name));
    }

    [Theory]
    [InlineData("2026-12-08T10:00", "2026-12-08T09:00:00Z")]
    [InlineData("2026-06-09T10:00", "2026-06-09T08:00:00Z")]
    public void A_meeting_time_is_read_as_Norwegian_wall_clock_time_in_winter_and_summer(string typed, string instant)
    {
        var (request, _) = CaseForm.Read(new Invite(null!, null!, null!).Form, Form(("meetingStart", typed), ("officerIds", "a"), ("officerIds", "b")), typeof(InviteRequest));

        var invite = Assert.IsType<InviteRequest>(request);
        Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), invite.MeetingStart);
        Assert.Equal(["a", "b"], invite.OfficerIds);
    }

    [Theory]
    [InlineData("durationMinutes", "nitti", "Skriv et helt tall.")]
    [InlineData("meetingStart", "i morgen", "Skriv dato og klokkeslett.")]
    public void An_input_that_cannot_be_read_is_a_Norwegian_field_error(string field, string typed, string message)
    {
        var (request, errors) = CaseForm.Read(new Invite(null!, null!, null!).Form, Form((field, typed)), typeof(InviteRequest));

        Assert.Null(request);
        Assert.Equal([message], errors[field]);
    }

    [Fact]
    public void A_field_path_becomes_an_html_id_without_brackets_or_dots() =>
        Assert.Equal("felt-guardians-1-email", CaseForm.InputId("guardians[1].email"));

    [Fact]
    public void Cancelling_a_case_on_its_page_without_the_confirmation_sends_no_request()
    {
        var (request, errors) = CaseForm.Read(new CancelCase().Form, Form(("reason", "Registrert ved en feil.")), typeof(ReasonRequest));

        Assert.Null(request);
        Assert.Equal(["Kryss av for å bekrefte. Ingenting er gjort ennå."], errors["confirmed"]);
    }

    [Fact]
    public void A_confirmed_cancellation_becomes_the_request_the_API_takes_without_the_confirmation()
    {
        var (request, errors) = CaseForm.Read(new CancelCase().Form, Form(("reason", "Registrert ved en feil."), ("confirmed", CaseForm.Yes)), typeof(ReasonRequest));

        Assert.Empty(errors);
        Assert.Equal("Registrert ved en feil.", Assert.IsType<ReasonRequest>(request).Reason);
    }

    private static FormCollection Form(params (string Name, string Value)[] values) =>
        new(values.GroupBy(v => v.Name).ToDictionary(g => g.Key, g => new StringValues([.. g.Select(v => v.Value)])));
}
