using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>Published versions: a changed definition is a new version, instances stay on theirs until migrated.</summary>
public sealed class PublicationTests(EngineDatabase db) : IClassFixture<EngineDatabase>
{
    /// <summary>A workflow of its own, so that its second version does not change what the other tests start.</summary>
    private const string VersionOne = """
        name: migrating
        title: Migrering
        initial: Waiting
        states:
          - name: Waiting
            title: Venter
          - name: Working
            title: I arbeid
          - name: Done
            title: Ferdig
            final: true
        triggers:
          - name: Begin
            title: Begynn
            from: [Waiting]
            to: Working
            roles: [Officer]
          - name: Note
            title: Notat
            from: [Working]
            stay: true
            roles: [Officer]
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Running_instances_stay_on_their_version_and_a_dry_run_lists_what_a_migration_would_do()
    {
        await db.Engine.Definitions.PublishAsync([db.Loader.Load("migrating.yaml", VersionOne)], Token);
        var waiting = await db.Engine.Transitions.StartAsync("migrating", ProbeWorkflow.Unit, [], ProbeWorkflow.Officer, Token);
        var working = await db.Engine.Transitions.StartAsync("migrating", ProbeWorkflow.Unit, [], ProbeWorkflow.Officer, Token);
        await db.Engine.Transitions.FireAsync(working, "Begin", [], ProbeWorkflow.Officer, Token);
        var versionTwo = VersionOne
            .Replace("  - name: Working\n    title: I arbeid\n", "", StringComparison.Ordinal)
            .Replace("    to: Working", "    to: Done", StringComparison.Ordinal)
            .Replace("    from: [Working]", "    from: [Waiting]", StringComparison.Ordinal);
        var published = Assert.Single(await db.Engine.Definitions.PublishAsync([db.Loader.Load("migrating.yaml", versionTwo)], Token));

        var dryRun = await db.Engine.Migration.MigrateAsync("migrating", published.Version, dryRun: true, ProbeWorkflow.Officer, Token);

        Assert.Equal(2, published.Version);
        Assert.Equal([waiting], dryRun.Moved.Select(item => item.InstanceId));
        Assert.Equal("Versjon 2 mangler steget Working.", Assert.Single(dryRun.Refused).Refusal);
        Assert.Equal(1, await DefinitionVersionAsync(waiting));
        Assert.Equal(new FireOutcome.Fired("Working", "Working", 3), await db.Engine.Transitions.FireAsync(working, "Note", [], ProbeWorkflow.Officer, Token));

        var migration = await db.Engine.Migration.MigrateAsync("migrating", 2, dryRun: false, ProbeWorkflow.Officer, Token);

        Assert.Equal([waiting], migration.Moved.Select(item => item.InstanceId));
        Assert.Equal(2, await DefinitionVersionAsync(waiting));
        Assert.Equal(1, await DefinitionVersionAsync(working));
        Assert.Equal(["started migrating", "migrated 1->2"], await db.JournalAsync(waiting));
        Assert.Equal(new FireOutcome.Fired("Waiting", "Done", 3), await db.Engine.Transitions.FireAsync(waiting, "Begin", [], ProbeWorkflow.Officer, Token));
    }

    [Fact]
    public async Task Publishing_the_same_definition_again_makes_no_new_version()
    {
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM workflow.definitions WHERE name = 'probe'");

        var again = await db.Engine.Definitions.PublishAsync([db.Loader.Load("probe.yaml", ProbeWorkflow.Definition)], Token);
        var restarted = await db.StartEngineAsync();

        Assert.Equal(1, Assert.Single(again).Version);
        Assert.Equal(1, restarted.Definitions.Latest("probe").Version);
        Assert.Equal(1L, before);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM workflow.definitions WHERE name = 'probe'"));
    }

    private Task<int> DefinitionVersionAsync(Guid instance) =>
        db.ScalarAsync<int>("SELECT d.version FROM workflow.instances i JOIN workflow.definitions d ON d.id = i.definition_id WHERE i.id = @id", instance);
}
