using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Commands;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Email;
using BekymringssamtaleService.Web.Features;
using BekymringssamtaleService.Web.Features.Audit;
using BekymringssamtaleService.Web.Features.Cases;
using BekymringssamtaleService.Web.Features.Coordination;
using BekymringssamtaleService.Web.Features.Retention;
using BekymringssamtaleService.Web.Features.StaffRegister;
using BekymringssamtaleService.Web.Features.Start;
using BekymringssamtaleService.Web.Features.Statistics;
using BekymringssamtaleService.Web.Features.Tasks;
using BekymringssamtaleService.Web.Health;
using BekymringssamtaleService.Web.Jobs;
using BekymringssamtaleService.Web.Letters;
using BekymringssamtaleService.Web.Observability;
using BekymringssamtaleService.Web.Security;
using BekymringssamtaleService.Web.Seeding;

if (OperationsCommands.RequestedWithoutSettings(args))
{
    return await OperationsCommands.RunWithoutSettingsAsync(args);
}

var builder = WebApplication.CreateBuilder(OperationsCommands.HostArguments(args));

builder.Services.AddSingleton(TimeProvider.System);
builder.AddStructuredLogging();
builder.AddTelemetry();
builder.AddDatabase();
builder.AddKeyRing();
builder.AddProxyHeaders();
builder.AddWorkflows();
builder.AddLetters();
builder.AddCases();
builder.AddTasks();
builder.AddMyDay();
builder.AddStatistics();
builder.AddCoordination();
builder.AddAudit();
builder.AddStaffRegister();
builder.AddSeeding();
builder.AddStaffAuthentication();
builder.AddSecureCookies();
builder.AddEmail();
builder.AddJobs();
builder.AddRetention();
builder.AddHealth();
builder.AddApi();
builder.AddDashboard();

var app = builder.Build();
if (OperationsCommands.Requested(args))
{
    return await OperationsCommands.RunAsync(app.Services, args);
}

app.UseProxyHeaders();
app.UseSecurityHeaders();
app.UseDashboardErrorPages();
app.UseApiProblemDetails();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealth();
app.MapJobDashboard();
var api = app.MapApi();
api.MapCasesApi();
api.MapTasksApi();
api.MapCoordinationApi();
api.MapAuditApi();
app.MapDashboard();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests that host the application.</summary>
public partial class Program;
