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
    public async Task Running_instances_stay_on_their_version_and_a_plan_lists_what_a_migration_would_do()
    {
        await db.Engine.Definitions.PublishAsync([db.Loader.Load("migrating.yaml", VersionOne)], Token);
        var waiting = await db.Engine.Transitions.StartAsync("migrating", ProbeWorkflow.Unit, [], ProbeWorkflow.Officer, Token);
        var working = await db.Engine.Transitions.StartAsync("migrating", ProbeWorkflow.Unit, [], ProbeWorkflow.Officer, Token);
        await db.Engine.Transitions.FireAsync(working, "Begin", [], ProbeWorkflow.Officer, Token);
        var versionTwo = VersionOne
            .Replace("  - name: Working\n    title: I arbeid\n", "", StringComparison.Ordinal)
            .Replace("    to: Working", "    to: Done", StringComparison.Ordinal)
            .Replace("    from: [Working]", "    from: [Waiting]", StringComparison.Ordinal);
        var publication = Assert.Single(await db.Engine.Definitions.PublishAsync([db.Loader.Load("migrating.yaml", versionTwo)], Token));

        var plan = await db.Engine.Migration.PlanAsync("migrating", publication.Published.Version, Token);

        Assert.True(publication.IsNew);
        Assert.Equal(2, publication.Published.Version);
        Assert.Equal([waiting], plan.Movable.Select(item => item.InstanceId));
        Assert.Equal("version 2 has no state Working", Assert.Single(plan.Unmovable).Refusal);
        Assert.Equal(1, await DefinitionVersionAsync(waiting));
        Assert.Equal(new FireOutcome.Fired("Working", "Working", 3), await db.Engine.Transitions.FireAsync(working, "Note", [], ProbeWorkflow.Officer, Token));

        var migration = await db.Engine.Migration.MigrateAsync(plan, ProbeWorkflow.Officer, _ => { }, Token);
        var again = await db.Engine.Migration.PlanAsync("migrating", 2, Token);

        Assert.Equal([waiting], migration.Movable.Select(item => item.InstanceId));
        Assert.Equal(2, await DefinitionVersionAsync(waiting));
        Assert.Equal(1, await DefinitionVersionAsync(working));
        Assert.Equal(["started migrating", "migrated 1->2"], await db.JournalAsync(waiting));
        Assert.Equal([working], again.Items.Select(item => item.InstanceId));
        Assert.Equal(new FireOutcome.Fired("Waiting", "Done", 3), await db.Engine.Transitions.FireAsync(waiting, "Begin", [], ProbeWorkflow.Officer, Token));
    }

    [Fact]
    public async Task An_instance_waiting_at_a_task_the_new_version_lacks_stays_where_it_is_and_a_moved_one_gets_a_new_row_version()
    {
        var versionOne = VersionOne.Replace("migrating", "tasked", StringComparison.Ordinal).Replace(
            "    title: I arbeid\n",
            "    title: I arbeid\n    tasks:\n      - name: Check\n        title: Kontroller\n        candidateRole: Officer\n        due: P1D\n",
            StringComparison.Ordinal);
        await db.Engine.Definitions.PublishAsync([db.Loader.Load("tasked.yaml", versionOne)], Token);
        var waiting = await db.Engine.Transitions.StartAsync("tasked", ProbeWorkflow.Unit, [], ProbeWorkflow.Officer, Token);
        var working = await db.Engine.Transitions.StartAsync("tasked", ProbeWorkflow.Unit, [], ProbeWorkflow.Officer, Token);
        await db.Engine.Transitions.FireAsync(working, "Begin", [], ProbeWorkflow.Officer, Token);
        await db.Engine.Definitions.PublishAsync([db.Loader.Load("tasked.yaml", VersionOne.Replace("migrating", "tasked", StringComparison.Ordinal))], Token);

        var plan = await db.Engine.Migration.PlanAsync("tasked", 2, Token);
        var moved = await db.Engine.Migration.MigrateAsync(plan, ProbeWorkflow.Officer, _ => { }, Token);

        var refused = Assert.Single(moved.Unmovable);
        Assert.Equal((working, "version 2 has no task Check in the state Working"), (refused.InstanceId, refused.Refusal));
        Assert.Equal(["task Check"], refused.WaitingAt);
        Assert.Equal(1, await DefinitionVersionAsync(working));
        Assert.Equal(2, await DefinitionVersionAsync(waiting));
        // A trigger fired with the instance as it was read before the move loses its race, as against another trigger.
        Assert.Equal(2, await db.VersionAsync(waiting));
    }

    [Fact]
    public async Task Publishing_the_same_definition_again_makes_no_new_version()
    {
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM workflow.definitions WHERE name = 'probe'");

        var again = await db.Engine.Definitions.PublishAsync([db.Loader.Load("probe.yaml", ProbeWorkflow.Definition)], Token);
        var restarted = await db.StartEngineAsync();

        Assert.Equal((1, false), (Assert.Single(again).Published.Version, Assert.Single(again).IsNew));
        Assert.Equal(1, restarted.Definitions.Latest("probe").Version);
        Assert.Equal(1L, before);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM workflow.definitions WHERE name = 'probe'"));
    }

    private Task<int> DefinitionVersionAsync(Guid instance) =>
        db.ScalarAsync<int>("SELECT d.version FROM workflow.instances i JOIN workflow.definitions d ON d.id = i.definition_id WHERE i.id = @id", instance);
}
