namespace BekymringssamtaleService.Domain.People;

/// <summary>
/// A Norwegian national identity number (fødselsnummer or D-number): eleven digits, the first six the birth date
/// (day + 40 for D-numbers, month + 40 or + 80 for synthetic test numbers), the next three the individual number that
/// also gives the century, the last two mod-11 check digits.
/// </summary>
public static class NationalIdNumber
{
    private static readonly int[] FirstCheckWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] SecondCheckWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>Null when the number is valid for the birth date; otherwise the reason, in Norwegian, for the form.</summary>
    public static string? Problem(string number, DateOnly birthDate)
    {
        if (number.Length != 11 || !number.All(char.IsAsciiDigit))
        {
            return "Fødselsnummeret må ha 11 siffer.";
        }

        var digits = number.Select(digit => digit - '0').ToArray();
        if (CheckDigit(digits, FirstCheckWeights) != digits[9] || CheckDigit(digits, SecondCheckWeights) != digits[10])
        {
            return "Fødselsnummeret er ikke gyldig (kontrollsifrene stemmer ikke).";
        }

        return BirthDateMatches(digits, birthDate) ? null : "Fødselsnummeret passer ikke med fødselsdatoen.";
    }

    // Mod 11: 11 - (weighted sum mod 11); 11 becomes 0, and 10 means no valid number has these digits.
    private static int CheckDigit(int[] digits, int[] weights)
    {
        var remainder = weights.Select((weight, index) => weight * digits[index]).Sum() % 11;
        return remainder == 0 ? 0 : 11 - remainder;
    }

    private static bool BirthDateMatches(int[] digits, DateOnly birthDate)
    {
        var day = (digits[0] * 10) + digits[1];
        var month = (digits[2] * 10) + digits[3];
        var year = (digits[4] * 10) + digits[5];
        if (day > 40)
        {
            day -= 40; // D-number
        }

        if (month > 80)
        {
            month -= 80; // synthetic number (test data)
        }
        else if (month > 40)
        {
            month -= 40; // synthetic number (test data)
        }

        return day == birthDate.Day && month == birthDate.Month && Century(digits, year) + year == birthDate.Year;
    }

    /// <summary>The individual number (digits 7–9) says the century; a combination that names none matches no year.</summary>
    private static int Century(int[] digits, int year)
    {
        var individual = (digits[6] * 100) + (digits[7] * 10) + digits[8];
        return individual switch
        {
            <= 499 => 1900,
            <= 749 when year >= 54 => 1800,
            >= 900 when year >= 40 => 1900,
            >= 500 when year <= 39 => 2000,
            _ => int.MinValue,
        };
    }
}
