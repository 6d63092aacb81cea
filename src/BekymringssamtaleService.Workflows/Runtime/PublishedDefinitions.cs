using System.Collections.Concurrent;
using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// Published versions: a definition whose content hash is new becomes the next version of its workflow; running
/// instances keep the version they started with, which is read back from the stored text when needed.
/// </summary>
public sealed class PublishedDefinitions(NpgsqlDataSource database, WorkflowDefinitionLoader loader, TimeProvider time)
{
    private readonly ConcurrentDictionary<int, PublishedDefinition> _byId = new();
    private readonly ConcurrentDictionary<string, PublishedDefinition> _latest = new(StringComparer.Ordinal);

    /// <summary>
    /// Publishes each definition unless a version with the same content exists, and makes it the current one of its
    /// workflow; answers, per definition, its version and whether this call published it.
    /// </summary>
    public async Task<IReadOnlyList<Publication>> PublishAsync(IEnumerable<WorkflowDefinition> definitions, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Hosts and commands publishing together take turns, so versions stay 1, 2, 3 …
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('workflow.definitions'))", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var publications = new List<Publication>();
        foreach (var definition in definitions)
        {
            // The SELECT after the INSERT sees the table as it was before the statement: it finds the version only when
            // the content had been published already.
            await using var command = new NpgsqlCommand(
                """
                WITH inserted AS (
                    INSERT INTO workflow.definitions (name, version, content_hash, content, published_at)
                    SELECT @name, COALESCE(MAX(version), 0) + 1, @hash, @content, @now FROM workflow.definitions WHERE name = @name
                    ON CONFLICT (name, content_hash) DO NOTHING
                    RETURNING id, version)
                SELECT id, version, true FROM inserted
                UNION ALL
                SELECT id, version, false FROM workflow.definitions WHERE name = @name AND content_hash = @hash
                """,
                connection,
                transaction);
            command.Parameters.AddWithValue("name", definition.Name);
            command.Parameters.AddWithValue("hash", definition.ContentHash);
            command.Parameters.AddWithValue("content", definition.Source);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            publications.Add(new Publication(new PublishedDefinition(reader.GetInt32(0), reader.GetInt32(1), definition), reader.GetBoolean(2)));
        }

        await transaction.CommitAsync(cancellationToken);
        publications.ForEach(publication => MakeCurrent(publication.Published));
        return publications;
    }

    /// <summary>
    /// Makes the published versions of these definitions the current ones, publishing nothing: for a host outside
    /// Development, where publishing is a deployment step. Answers the definitions that have no published version.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> UsePublishedAsync(IEnumerable<WorkflowDefinition> definitions, CancellationToken cancellationToken)
    {
        var unpublished = new List<WorkflowDefinition>();
        foreach (var definition in definitions)
        {
            await using var command = database.CreateCommand("SELECT id, version FROM workflow.definitions WHERE name = @name AND content_hash = @hash");
            command.Parameters.AddWithValue("name", definition.Name);
            command.Parameters.AddWithValue("hash", definition.ContentHash);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                MakeCurrent(new PublishedDefinition(reader.GetInt32(0), reader.GetInt32(1), definition));
            }
            else
            {
                unpublished.Add(definition);
            }
        }

        return unpublished;
    }

    /// <summary>The published version of the workflow by its number, or null when it has none such.</summary>
    public async Task<PublishedDefinition?> FindAsync(string workflow, int version, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT id FROM workflow.definitions WHERE name = @name AND version = @version");
        command.Parameters.AddWithValue("name", workflow);
        command.Parameters.AddWithValue("version", version);
        return await command.ExecuteScalarAsync(cancellationToken) is int id ? await GetAsync(id, cancellationToken) : null;
    }

    /// <summary>Every published version with the number of instances on it, newest first per workflow.</summary>
    public async Task<IReadOnlyList<PublishedVersion>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            SELECT d.id, d.name, d.version, d.content_hash, d.published_at, count(i.id)
            FROM workflow.definitions d LEFT JOIN workflow.instances i ON i.definition_id = d.id
            GROUP BY d.id ORDER BY d.name, d.version DESC
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<PublishedVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new PublishedVersion(
                reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5)));
        }

        return versions;
    }

    private void MakeCurrent(PublishedDefinition current)
    {
        _byId[current.Id] = current;
        _latest[current.Definition.Name] = current;
    }

    public PublishedDefinition Latest(string name) =>
        _latest.TryGetValue(name, out var definition) ? definition : throw new InvalidOperationException($"The workflow {name} is not published.");

    public async Task<PublishedDefinition> GetAsync(int id, CancellationToken cancellationToken)
    {
        if (_byId.TryGetValue(id, out var known))
        {
            return known;
        }

        await using var command = database.CreateCommand("SELECT name, version, content FROM workflow.definitions WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"No published workflow definition has the id {id}.");
        }

        var definition = loader.Load($"{reader.GetString(0)} version {reader.GetInt32(1)}", reader.GetString(2));
        return _byId.GetOrAdd(id, new PublishedDefinition(id, reader.GetInt32(1), definition));
    }
}

public sealed record PublishedDefinition(int Id, int Version, WorkflowDefinition Definition);

/// <summary>A definition's published version, and whether publishing it made that version (false: it was there already).</summary>
public sealed record Publication(PublishedDefinition Published, bool IsNew);

public sealed record PublishedVersion(int Id, string Name, int Version, string ContentHash, DateTimeOffset PublishedAt, long Instances);
