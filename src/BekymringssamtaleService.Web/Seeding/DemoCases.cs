using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Register;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Seeding;

/// <summary>
/// Development only: registers the demo cases in seeds/demo-cases.json through the registration handler, as the
/// demo officer each names, once the workflows are published and only into an empty case register.
/// </summary>
public sealed partial class DemoCases(IServiceScopeFactory scopes, IOptions<SeedSettings> settings, ILogger<DemoCases> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.Value.LoadDemoData)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        if (await db.Cases.AnyAsync(cancellationToken))
        {
            return;
        }

        var register = scope.ServiceProvider.GetRequiredService<RegisterCase>();
        var seeds = await SeedFiles.ReadAsync<List<DemoCaseSeed>>(Path.GetFullPath(settings.Value.Folder), "demo-cases.json", cancellationToken);
        foreach (var seed in seeds)
        {
            var officer = await db.StaffMembers.AsNoTracking().SingleAsync(s => s.Id == seed.RegisteredBy, cancellationToken);
            var result = await register.HandleAsync(StaffClaims.CreatePrincipal(officer, CookieAuthenticationDefaults.AuthenticationScheme), seed.Case, cancellationToken);
            if (result is not StepResult.Done)
            {
                throw new InvalidDataException($"The demo case registered by {seed.RegisteredBy} in demo-cases.json was refused: {result.GetType().Name}.");
            }
        }

        LogSeeded(logger, seeds.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} demo cases")]
    private static partial void LogSeeded(ILogger logger, int count);
}
