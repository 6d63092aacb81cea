using System.Diagnostics.Metrics;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.Observability;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// What became of the outbox's attempts, counted by letter kind: sent, failed (tried again later, or given up and now an
/// incident) and rejected (the server refused the address for good). Tags are codes, never a recipient.
/// </summary>
public sealed class LetterMetrics
{
    public const string SentName = "bekymring.letters.sent";
    public const string FailedName = "bekymring.letters.failed";
    public const string RejectedName = "bekymring.letters.rejected";
    public const string KindTag = "bekymring.letter.kind";

    /// <summary>On a failed attempt: "retry" (another attempt is scheduled) or "incident" (that was the last one).</summary>
    public const string NextTag = "bekymring.letter.next";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _rejected;

    public LetterMetrics(ServiceMeter meter)
    {
        _sent = meter.Meter.CreateCounter<long>(SentName, "{letter}", "Letters the mail server accepted.");
        _failed = meter.Meter.CreateCounter<long>(FailedName, "{attempt}", "Attempts at a letter that failed for a passing reason: retried, or after the last attempt an incident.");
        _rejected = meter.Meter.CreateCounter<long>(RejectedName, "{letter}", "Letters whose address the mail server refused for good; the officers get a task.");
    }

    public void Sent(LetterKind kind) => _sent.Add(1, Kind(kind));

    public void Failed(LetterKind kind, bool lastAttempt) =>
        _failed.Add(1, Kind(kind), new KeyValuePair<string, object?>(NextTag, lastAttempt ? "incident" : "retry"));

    public void Rejected(LetterKind kind) => _rejected.Add(1, Kind(kind));

    private static KeyValuePair<string, object?> Kind(LetterKind kind) => new(KindTag, kind.ToString());
}
