using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.AddMeasure;
using BekymringssamtaleService.Web.Features.Cases.AgreeMeasures;
using BekymringssamtaleService.Web.Features.Cases.ApproveFetch;
using BekymringssamtaleService.Web.Features.Cases.ApproveTrack;
using BekymringssamtaleService.Web.Features.Cases.BookFollowUp;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.CancelMeeting;
using BekymringssamtaleService.Web.Features.Cases.ChooseTrack;
using BekymringssamtaleService.Web.Features.Cases.Close;
using BekymringssamtaleService.Web.Features.Cases.Consents;
using BekymringssamtaleService.Web.Features.Cases.Invite;
using BekymringssamtaleService.Web.Features.Cases.InviteAgain;
using BekymringssamtaleService.Web.Features.Cases.LettersByPost;
using BekymringssamtaleService.Web.Features.Cases.ListCases;
using BekymringssamtaleService.Web.Features.Cases.Measures;
using BekymringssamtaleService.Web.Features.Cases.PauseResume;
using BekymringssamtaleService.Web.Features.Cases.RecordAttendance;
using BekymringssamtaleService.Web.Features.Cases.RecordEscalation;
using BekymringssamtaleService.Web.Features.Cases.RecordFollowUp;
using BekymringssamtaleService.Web.Features.Cases.RecordMapping;
using BekymringssamtaleService.Web.Features.Cases.RecordReply;
using BekymringssamtaleService.Web.Features.Cases.Register;
using BekymringssamtaleService.Web.Features.Cases.Reschedule;
using BekymringssamtaleService.Web.Features.Cases.ScheduleFollowUp;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Cases.UpdateMeasureStatus;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;

namespace BekymringssamtaleService.Web.Features.Cases;

public static class CasesSetup
{
    /// <summary>The steps of a case, each with its request type: registered and mapped from this one list, so none has a page without an endpoint.</summary>
    private static readonly IReadOnlyList<StepRegistration> Steps =
    [
        StepRegistration.Of<ChooseTrack.ChooseTrack, ChooseTrackRequest>(),
        StepRegistration.Of<ApproveTrack.ApproveTrack, ApprovalRequest>(),
        StepRegistration.Of<Invite.Invite, InviteRequest>(),
        StepRegistration.Of<RecordReply.RecordReply, RecordReplyRequest>(),
        StepRegistration.Of<Reschedule.Reschedule, RescheduleRequest>(),
        StepRegistration.Of<CancelMeeting.CancelMeeting, ReasonRequest>(),
        StepRegistration.Of<InviteAgain.InviteAgain, InviteAgainRequest>(),
        StepRegistration.Of<RecordAttendance.RecordAttendance, RecordAttendanceRequest>(),
        StepRegistration.Of<RecordEscalation.RecordEscalation, RecordEscalationRequest>(),
        StepRegistration.Of<ApproveFetch.ApproveFetch, ApprovalRequest>(),
        StepRegistration.Of<RecordMapping.RecordMapping, RecordMappingRequest>(),
        StepRegistration.Of<AgreeMeasures.AgreeMeasures, AgreeMeasuresRequest>(),
        StepRegistration.Of<AddMeasure.AddMeasure, AddMeasureRequest>(),
        StepRegistration.Of<UpdateMeasureStatus.UpdateMeasureStatus, UpdateMeasureStatusRequest>(),
        StepRegistration.Of<ScheduleFollowUp.ScheduleFollowUp, ScheduleFollowUpRequest>(),
        StepRegistration.Of<BookFollowUp.BookFollowUp, BookFollowUpRequest>(),
        StepRegistration.Of<RecordFollowUp.RecordFollowUp, RecordFollowUpRequest>(),
        StepRegistration.Of<Close.Close, CloseRequest>(),
        StepRegistration.Of<PauseCase, ReasonRequest>(),
        StepRegistration.Of<ResumeCase, ResumeRequest>(),
        StepRegistration.Of<CancelCase.CancelCase, ReasonRequest>(),
        StepRegistration.WithOwnRoutes<RecordConsent.RecordConsent>(),
        StepRegistration.WithOwnRoutes<WithdrawConsent.WithdrawConsent>(),
        StepRegistration.WithOwnRoutes<RecordDutyToInform.RecordDutyToInform>(),
    ];

    /// <summary>Registration, the steps of a case (each a use case with its own folder), and the readers.</summary>
    public static WebApplicationBuilder AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CaseSettings>()
            .BindConfiguration(CaseSettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<CaseGate>();
        builder.Services.AddScoped<CaseScope>();
        builder.Services.AddScoped<CaseSteps>();
        builder.Services.AddScoped<RegisterCase>();
        builder.Services.AddScoped<MeetingTimeRules>();
        builder.Services.AddScoped<FreeTimes>();
        builder.Services.AddScoped<Calendar.WeekCalendar>();
        builder.Services.AddScoped<AgreedMeasureRows>();
        builder.Services.AddScoped<CaseReader>();
        builder.Services.AddScoped<CaseList>();
        builder.Services.AddScoped<CaseListChoices>();
        builder.Services.AddScoped<ConsentList>();
        builder.Services.AddScoped<Forms.CaseFormChoicesLoader>();
        builder.Services.AddLettersByPost();
        foreach (var step in Steps)
        {
            step.Register(builder.Services);
        }

        builder.Services.AddHostedService(provider => new StepTriggerCheck(
            provider.GetRequiredService<WorkflowCatalog>().Get(CaseWorkflow.Name), provider.GetRequiredService<IServiceScopeFactory>()));
        return builder;
    }

    /// <summary>The classes of the steps the host registers.</summary>
    public static IReadOnlyList<Type> StepTypes => [.. Steps.Select(step => step.StepType)];

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
            .AllowOutsideCaseScope("Enheten står i innholdet: RegisterCase avgjør rolle × enhet (CaseAccess.ToRegister) når det er lest.")
            .Produces<CaseCreated>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        cases.MapGet("/", CaseEndpoints.ListAsync).WithName("ListCases").WithSummary("Saker i egne enheter: søk på saksnummer, navn og fødselsdato, filtre, sortering og antall per steg")
            .Produces<CasePage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        cases.MapGet("/{id:guid}", CaseEndpoints.GetAsync).WithName("GetCase").WithSummary("Én sak med tillatte handlinger")
            .Produces<CaseDetails>().ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("/{id:guid}/timeline", CaseEndpoints.TimelineAsync).WithName("GetCaseTimeline").WithSummary("Sakens historikk")
            .Produces<IReadOnlyList<TimelineItem>>().ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("/{id:guid}/letters", CaseEndpoints.LettersAsync).WithName("GetCaseLetters").WithSummary("Brevene slik de ble sendt")
            .Produces<IReadOnlyList<LetterView>>().ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapLettersByPost();
        cases.MapConsents();

        foreach (var step in Steps)
        {
            step.Map(cases);
        }

        api.MapGet("/measures", CaseEndpoints.MeasuresAsync).WithTags("Tiltak").WithName("ListMeasures").WithSummary("Tiltakskatalogen")
            .AllowOutsideCaseScope("Tiltakskatalogen er felles for alle og har ikke noe saksinnhold.")
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

    private sealed record StepRegistration(Type StepType, Action<IServiceCollection> Register, Action<RouteGroupBuilder> Map)
    {
        public static StepRegistration Of<TStep, TRequest>()
            where TStep : CaseStep<TRequest>
            where TRequest : class =>
            new(typeof(TStep), AddStep<TStep>, MapStep<TStep, TRequest>);

        /// <summary>A step whose API routes are not /{id}/{slug} (they name a record of the case): mapped by its feature.</summary>
        public static StepRegistration WithOwnRoutes<TStep>()
            where TStep : class, ICaseStep =>
            new(typeof(TStep), AddStep<TStep>, _ => { });
    }
}
