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

    /// <summary>Publishes each definition unless a version with the same content exists; returns what is now current.</summary>
    public async Task<IReadOnlyList<PublishedDefinition>> PublishAsync(IEnumerable<WorkflowDefinition> definitions, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Hosts starting together publish one after another, so versions stay 1, 2, 3 …
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('workflow.definitions'))", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var published = new List<PublishedDefinition>();
        foreach (var definition in definitions)
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO workflow.definitions (name, version, content_hash, content, published_at)
                SELECT @name, COALESCE(MAX(version), 0) + 1, @hash, @content, @now FROM workflow.definitions WHERE name = @name
                ON CONFLICT (name, content_hash) DO NOTHING;
                SELECT id, version FROM workflow.definitions WHERE name = @name AND content_hash = @hash;
                """,
                connection,
                transaction);
            command.Parameters.AddWithValue("name", definition.Name);
            command.Parameters.AddWithValue("hash", definition.ContentHash);
            command.Parameters.AddWithValue("content", definition.Source);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            // The INSERT returns no rows; the reader starts at the SELECT's.
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var current = new PublishedDefinition(reader.GetInt32(0), reader.GetInt32(1), definition);
            _byId[current.Id] = current;
            _latest[definition.Name] = current;
            published.Add(current);
        }

        await transaction.CommitAsync(cancellationToken);
        return published;
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

public sealed record PublishedVersion(int Id, string Name, int Version, string ContentHash, DateTimeOffset PublishedAt, long Instances);
