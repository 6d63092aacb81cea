using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Operations;

/// <summary>Publishing the workflow definitions as a deployment step.</summary>
public sealed class PublishWorkflowsCommandTests
{
    [Fact]
    public async Task Publish_workflows_publishes_a_new_definition_by_name_and_version_once_and_then_says_it_is_published_already()
    {
        var database = await TestPostgres.CreateDatabaseAsync("publish");
        Assert.Equal(0, (await HostCommand.RunAsync(database, ["migrate"])).ExitCode);

        var first = await HostCommand.RunAsync(database, ["publish-workflows"]);
        var second = await HostCommand.RunAsync(database, ["publish-workflows"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Published bekymringssamtale version 1.", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("bekymringssamtale is published already as version 1.", second.Output, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM workflow.definitions", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
