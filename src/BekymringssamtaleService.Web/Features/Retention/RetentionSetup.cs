using Hangfire;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Features.Retention;

public static class RetentionSetup
{
    /// <summary>The retention periods (validated at start) and the nightly job that blocks and empties cases.</summary>
    public static WebApplicationBuilder AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionSettings>()
            .BindConfiguration(RetentionSettings.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RetentionSettings>, RetentionSettingsValidation>();
        builder.Services.AddScoped<RetentionJob>();
        builder.Services.AddHostedService<RetentionSchedule>();
        return builder;
    }

    /// <summary>Keeps the nightly job scheduled; registered after the database is prepared (<see cref="Data.DatabasePreparation"/>).</summary>
    private sealed class RetentionSchedule(IRecurringJobManager recurringJobs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            RetentionJob.Schedule(recurringJobs);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
