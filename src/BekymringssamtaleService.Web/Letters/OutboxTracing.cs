using System.Diagnostics;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>The outbox's spans: a batch of claimed letters and a span per letter sent, with ids, kinds and outcomes only.</summary>
public static class OutboxTracing
{
    public const string SourceName = "BekymringssamtaleService.Outbox";

    public const string Claimed = "bekymring.letters.claimed";
    public const string LetterId = "bekymring.letter.id";
    public const string Attempt = "bekymring.letter.attempt";
    public const string Outcome = "bekymring.outcome";
    public const string SmtpStatus = "bekymring.smtp.status_code";

    internal static readonly ActivitySource Source = new(SourceName);
}
