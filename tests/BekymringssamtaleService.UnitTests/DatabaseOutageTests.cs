using System.Net.Sockets;
using BekymringssamtaleService.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BekymringssamtaleService.UnitTests;

public sealed class DatabaseOutageTests
{
    [Theory]
    [InlineData("08006")] // connection_failure
    [InlineData("08001")] // sqlclient_unable_to_establish_sqlconnection
    [InlineData("57P01")] // admin_shutdown: the server is stopping
    [InlineData("57P02")] // crash_shutdown
    [InlineData("57P03")] // cannot_connect_now: the server is starting or stopping
    [InlineData("53300")] // too_many_connections
    public void A_server_that_is_gone_restarting_or_full_is_an_outage_and_its_error_answer_proves_nothing_took_effect(string sqlState)
    {
        var failure = Postgres(sqlState);

        Assert.True(DatabaseOutage.IsOutage(failure));
        Assert.True(DatabaseOutage.HadNoEffect(failure));
        Assert.Equal(sqlState, DatabaseOutage.Code(DatabaseOutage.Find(failure)!));
    }

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("40001")] // serialization_failure: transient, but about the request
    [InlineData("40P01")] // deadlock_detected
    [InlineData("42P01")] // undefined_table
    public void An_error_about_the_request_is_no_outage(string sqlState) =>
        Assert.False(DatabaseOutage.IsOutage(Postgres(sqlState)));

    [Fact]
    public void A_refused_connection_is_an_outage_in_which_nothing_was_sent()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(DatabaseOutage.IsOutage(refused));
        Assert.True(DatabaseOutage.HadNoEffect(refused));
        Assert.Equal("socket:ConnectionRefused", DatabaseOutage.Code(DatabaseOutage.Find(refused)!));
    }

    [Fact]
    public void A_connection_that_broke_while_an_answer_was_awaited_is_an_outage_whose_statement_may_have_taken_effect()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());

        Assert.True(DatabaseOutage.IsOutage(broken));
        Assert.False(DatabaseOutage.HadNoEffect(broken));
        Assert.False(DatabaseOutage.TimedOut(broken));
    }

    [Fact]
    public void A_timeout_is_an_outage_not_to_be_waited_for_again()
    {
        var timeout = new NpgsqlException("The operation has timed out", new TimeoutException());

        Assert.True(DatabaseOutage.IsOutage(timeout));
        Assert.True(DatabaseOutage.TimedOut(timeout));
    }

    [Fact]
    public void An_outage_is_found_inside_what_EF_Core_wraps_it_in()
    {
        Assert.True(DatabaseOutage.IsOutage(new DbUpdateException("save failed", Postgres("57P01"))));
        Assert.True(DatabaseOutage.IsOutage(new RetryLimitExceededException("retries spent", Postgres("57P03"))));
        Assert.True(DatabaseOutage.IsOutage(new InvalidOperationException("transient failure", new NpgsqlException("broken", new IOException()))));
    }

    [Fact]
    public void A_database_failure_wrapped_by_the_job_client_is_not_called_an_outage_because_the_step_before_it_may_have_committed() =>
        Assert.False(DatabaseOutage.IsOutage(new BackgroundJobClientException("Background job creation failed.", Postgres("57P01"))));

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
