using System.ComponentModel.DataAnnotations;
using BekymringssamtaleService.Domain.Coordination;
using BekymringssamtaleService.Web.Api;

namespace BekymringssamtaleService.Web.Features.Coordination;

/// <summary>Reading the compartment: why, in the Liaison's own words (logged with the read; no case content).</summary>
public sealed class ReadCompartmentRequest
{
    public const int PurposeLength = 500;

    [MaxLength(PurposeLength)]
    public string? Purpose { get; set; }
}

/// <summary>
/// Flag the case as a radicalisation concern (<c>flagged</c>, naming the Liaison others are told to ask: yourself when
/// left out), or decide that no coordination is needed (<c>notNeeded</c>). <see cref="Version"/> is the version of the
/// decision you read (left out when there was none): a decision changed meanwhile answers 409.
/// </summary>
public sealed class DecideCoordinationRequest
{
    public CoordinationOutcome? Decision { get; set; }

    [MaxLength(40)]
    public string? LiaisonId { get; set; }

    [Range(1, int.MaxValue)]
    public int? Version { get; set; }
}

/// <summary>A contact with PST or a request from PST, on a flagged case; a request needs PST's reference.</summary>
public sealed class AddCoordinationEntryRequest
{
    public CoordinationEntryKind? Kind { get; set; }
    public DateOnly? OccurredOn { get; set; }

    [MaxLength(40)]
    public string? PstReference { get; set; }

    [FreeText]
    public string? Summary { get; set; }

    public SecurityClassification? Classification { get; set; }
}

/// <summary>A coordination task on a flagged case, due on a day from today on.</summary>
public sealed class AddCoordinationTaskRequest
{
    public string? Title { get; set; }
    public DateOnly? DueOn { get; set; }
}
