using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace BekymringssamtaleService.Web.Jobs;

public static class JobsSetup
{
    public const string DashboardPath = "/hangfire";

    /// <summary>Hangfire's tables, installed by the owner role with the rest of the schema (<see cref="DatabasePreparation"/>).</summary>
    public const string StorageSchema = "hangfire";

    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobSettings>()
            .BindConfiguration(JobSettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var settings = builder.Configuration.GetSection(JobSettings.SectionName).Get<JobSettings>() ?? new JobSettings();
        var connectionString = builder.Configuration.ConnectionString();

        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = StorageSchema,
            // The everyday role may not create tables: the schema is prepared with the migrations.
            PrepareSchemaIfNecessary = false,
            // LISTEN/NOTIFY wakes a worker as soon as a job is enqueued; polling is the fallback.
            EnableLongPolling = true,
            QueuePollInterval = settings.PollingInterval,
        };

        // This host's own storage, registered before AddHangfire (which then keeps it): Hangfire would otherwise hand
        // every host in the process the static JobStorage.Current, i.e. whichever host was configured last.
        builder.Services.AddSingleton<JobStorage>(new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        builder.Services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        if (settings.RunServer)
        {
            builder.Services.AddHangfireServer(server =>
            {
                server.WorkerCount = settings.WorkerCount;
                server.SchedulePollingInterval = settings.PollingInterval;
            });
            builder.Services.AddHostedService<DueWorkPump>();
        }

        builder.Services.AddHostedService<RetiredRecurringJobs>();
        builder.Services.AddScoped<SendOperationsTestMail>();
        return builder;
    }

    /// <summary>The job dashboard, for administrators only (the endpoint's policy decides; Hangfire's own filter is off).</summary>
    public static void MapJobDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            DashboardTitle = "Jobber",
            DisplayStorageConnectionString = false,
            AppPath = "/",
        }).RequireAuthorization(Policies.Admin);
}
