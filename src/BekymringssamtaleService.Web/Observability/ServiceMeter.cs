using System.Diagnostics.Metrics;

namespace BekymringssamtaleService.Web.Observability;

/// <summary>
/// The service's one meter, <c>BekymringssamtaleService</c>: every figure operators watch (letters, timers, incidents,
/// workflow steps) is an instrument on it. Made by the host's meter factory, so a test can listen to one host's meter.
/// </summary>
public sealed class ServiceMeter(IMeterFactory factory)
{
    public const string Name = "BekymringssamtaleService";

    public Meter Meter { get; } = factory.Create(Name);
}
