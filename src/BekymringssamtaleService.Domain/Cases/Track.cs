namespace BekymringssamtaleService.Domain.Cases;

/// <summary>How the youth is called to the conversation (politiloven § 13).</summary>
public enum Track
{
    /// <summary>Frivillig innkalling: the usual track; the family may decline.</summary>
    Voluntary,

    /// <summary>Pålegg om oppmøte: needs an offence reference and a Lead's approval.</summary>
    AttendanceOrder,
}

/// <summary>A track as the workflow file (<c>set: { track: voluntary }</c>), the workflow data and the API write it.</summary>
public static class TrackNames
{
    public static string WireName(this Track track) => track switch
    {
        Track.Voluntary => "voluntary",
        Track.AttendanceOrder => "attendanceOrder",
        _ => throw new ArgumentOutOfRangeException(nameof(track), track, null),
    };

    /// <summary>The track of a wire name; null for none or an unknown one.</summary>
    public static Track? FromWireName(string? name) => name switch
    {
        "voluntary" => Track.Voluntary,
        "attendanceOrder" => Track.AttendanceOrder,
        _ => null,
    };
}
