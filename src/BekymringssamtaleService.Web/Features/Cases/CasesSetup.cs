using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Cases;
using BekymringssamtaleService.Web.Features.Cases.AgreeMeasures;
using BekymringssamtaleService.Web.Features.Cases.ApproveFetch;
using BekymringssamtaleService.Web.Features.Cases.ApproveTrack;
using BekymringssamtaleService.Web.Features.Cases.CancelMeeting;
using BekymringssamtaleService.Web.Features.Cases.ChooseTrack;
using BekymringssamtaleService.Web.Features.Cases.Close;
using BekymringssamtaleService.Web.Features.Cases.Invite;
using BekymringssamtaleService.Web.Features.Cases.ListCases;
using BekymringssamtaleService.Web.Features.Cases.PauseResume;
using BekymringssamtaleService.Web.Features.Cases.RecordAttendance;
using BekymringssamtaleService.Web.Features.Cases.RecordEscalation;
using BekymringssamtaleService.Web.Features.Cases.RecordFollowUp;
using BekymringssamtaleService.Web.Features.Cases.RecordMapping;
using BekymringssamtaleService.Web.Features.Cases.RecordReply;
using BekymringssamtaleService.Web.Features.Cases.Register;
using BekymringssamtaleService.Web.Features.Cases.Reschedule;
using BekymringssamtaleService.Web.Features.Cases.ScheduleFollowUp;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;

namespace BekymringssamtaleService.Web.Features.Cases;

public static class CasesSetup
{
    /// <summary>Registration, the steps of a case (each a use case with its own folder), and the readers.</summary>
    public static WebApplicationBuilder AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CaseSettings>()
            .BindConfiguration(CaseSettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<CaseGate>();
        builder.Services.AddScoped<CaseSteps>();
        builder.Services.AddScoped<RegisterCase>();
        builder.Services.AddScoped<MeetingTimeRules>();
        builder.Services.AddScoped<CaseReader>();
        builder.Services.AddScoped<CaseList>();
        builder.Services.AddScoped<Forms.CaseFormChoicesLoader>();
        AddStep<ChooseTrack.ChooseTrack>(builder.Services);
        AddStep<ApproveTrack.ApproveTrack>(builder.Services);
        AddStep<Invite.Invite>(builder.Services);
        AddStep<RecordReply.RecordReply>(builder.Services);
        AddStep<Reschedule.Reschedule>(builder.Services);
        AddStep<CancelMeeting.CancelMeeting>(builder.Services);
        AddStep<RecordAttendance.RecordAttendance>(builder.Services);
        AddStep<RecordEscalation.RecordEscalation>(builder.Services);
        AddStep<ApproveFetch.ApproveFetch>(builder.Services);
        AddStep<RecordMapping.RecordMapping>(builder.Services);
        AddStep<AgreeMeasures.AgreeMeasures>(builder.Services);
        AddStep<ScheduleFollowUp.ScheduleFollowUp>(builder.Services);
        AddStep<RecordFollowUp.RecordFollowUp>(builder.Services);
        AddStep<Close.Close>(builder.Services);
        AddStep<PauseCase>(builder.Services);
        AddStep<ResumeCase>(builder.Services);
        AddStep<CancelCase.CancelCase>(builder.Services);
        return builder;
    }

    private static void AddStep<TStep>(IServiceCollection services)
        where TStep : class, ICaseStep
    {
        services.AddScoped<TStep>();
        services.AddScoped<ICaseStep>(provider => provider.GetRequiredService<TStep>());
    }

    /// <summary>The case endpoints of /api/v1. Each step's endpoint calls the same handler as its page.</summary>
    public static void MapCasesApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Saker");
        cases.MapPost("/", CaseEndpoints.RegisterAsync).WithName("RegisterCase").WithSummary("Registrer en bekymring")
            .Produces<CaseCreated>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        cases.MapGet("/", CaseEndpoints.ListAsync).WithName("ListCases").WithSummary("Saker i egne enheter (keyset-paging)")
            .Produces<CasePage>();
        cases.MapGet("/{id:guid}", CaseEndpoints.GetAsync).WithName("GetCase").WithSummary("Én sak med tillatte handlinger")
            .Produces<CaseDetails>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
        cases.MapGet("/{id:guid}/timeline", CaseEndpoints.TimelineAsync).WithName("GetCaseTimeline").WithSummary("Sakens historikk")
            .Produces<IReadOnlyList<TimelineItem>>().ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("/{id:guid}/letters", CaseEndpoints.LettersAsync).WithName("GetCaseLetters").WithSummary("Brevene slik de ble sendt")
            .Produces<IReadOnlyList<LetterView>>().ProducesProblem(StatusCodes.Status404NotFound);

        MapStep<ChooseTrack.ChooseTrack, ChooseTrackRequest>(cases);
        MapStep<ApproveTrack.ApproveTrack, ApprovalRequest>(cases);
        MapStep<Invite.Invite, InviteRequest>(cases);
        MapStep<RecordReply.RecordReply, RecordReplyRequest>(cases);
        MapStep<Reschedule.Reschedule, RescheduleRequest>(cases);
        MapStep<CancelMeeting.CancelMeeting, ReasonRequest>(cases);
        MapStep<RecordAttendance.RecordAttendance, RecordAttendanceRequest>(cases);
        MapStep<RecordEscalation.RecordEscalation, RecordEscalationRequest>(cases);
        MapStep<ApproveFetch.ApproveFetch, ApprovalRequest>(cases);
        MapStep<RecordMapping.RecordMapping, RecordMappingRequest>(cases);
        MapStep<AgreeMeasures.AgreeMeasures, AgreeMeasuresRequest>(cases);
        MapStep<ScheduleFollowUp.ScheduleFollowUp, ScheduleFollowUpRequest>(cases);
        MapStep<RecordFollowUp.RecordFollowUp, RecordFollowUpRequest>(cases);
        MapStep<Close.Close, CloseRequest>(cases);
        MapStep<PauseCase, ReasonRequest>(cases);
        MapStep<ResumeCase, ResumeRequest>(cases);
        MapStep<CancelCase.CancelCase, ReasonRequest>(cases);

        api.MapGet("/measures", CaseEndpoints.MeasuresAsync).WithTags("Tiltak").WithName("ListMeasures").WithSummary("Tiltakskatalogen")
            .Produces<IReadOnlyList<MeasureView>>();
    }

    private static void MapStep<TStep, TRequest>(RouteGroupBuilder cases)
        where TStep : CaseStep<TRequest>
        where TRequest : class
    {
        using var scope = ((IEndpointRouteBuilder)cases).ServiceProvider.CreateScope();
        var step = scope.ServiceProvider.GetRequiredService<TStep>();
        cases.MapPost($"/{{id:guid}}/{step.Slug}", CaseEndpoints.StepAsync<TStep, TRequest>)
            .WithName(typeof(TStep).Name)
            .WithSummary(step.Title)
            .Produces<StepTaken>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
