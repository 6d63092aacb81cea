namespace BekymringssamtaleService.Domain.Cases;

/// <summary>How a case's running number is shown to people and in letters ("BS-1042").</summary>
public static class CaseNumbers
{
    public static string Format(long number) => $"BS-{number}";
}
