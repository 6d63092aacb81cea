namespace BekymringssamtaleService.Domain.People;

public static class Age
{
    /// <summary>Whole years on the given day; a person born on 29 February turns a year older on 1 March in other years.</summary>
    public static int On(DateOnly birthDate, DateOnly day)
    {
        var years = day.Year - birthDate.Year;
        var birthday = birthDate is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(day.Year)
            ? new DateOnly(day.Year, 3, 1)
            : birthDate.AddYears(years);
        return birthday > day ? years - 1 : years;
    }

    /// <summary>Politiloven § 13 concerns children: under 18 on the day the concern is registered.</summary>
    public static bool IsChild(DateOnly birthDate, DateOnly day) => On(birthDate, day) < 18;
}
