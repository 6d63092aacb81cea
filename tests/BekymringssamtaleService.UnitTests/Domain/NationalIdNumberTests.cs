using BekymringssamtaleService.Domain.People;

namespace BekymringssamtaleService.UnitTests.Domain;

public sealed class NationalIdNumberTests
{
    private static readonly DateOnly MaySeventeenth2010 = new(2010, 5, 17);

    [Theory]
    [InlineData("17051051254", 2010, 5, 17)] // fødselsnummer
    [InlineData("57051050020", 2010, 5, 17)] // D-number: day + 40
    [InlineData("03091050160", 2010, 9, 3)]
    [InlineData("03891050045", 2010, 9, 3)] // synthetic test number: month + 80
    [InlineData("03091020172", 1910, 9, 3)] // individual number 201: born in the 1900s
    public void A_number_with_both_check_digits_right_is_accepted_for_its_birth_date(string number, int year, int month, int day)
    {
        Assert.Null(NationalIdNumber.Problem(number, new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData("1705105125")]
    [InlineData("170510512545")]
    [InlineData("17051O51254")]
    [InlineData("17 05105125")]
    public void A_number_that_is_not_eleven_digits_is_refused(string number)
    {
        Assert.Equal("Fødselsnummeret må ha 11 siffer.", NationalIdNumber.Problem(number, MaySeventeenth2010));
    }

    [Theory]
    [InlineData("17051051255")] // second check digit wrong
    [InlineData("17051051264")] // first check digit wrong
    [InlineData("17051051354")] // an individual digit changed
    public void A_number_with_a_wrong_check_digit_is_refused(string number)
    {
        Assert.Equal("Fødselsnummeret er ikke gyldig (kontrollsifrene stemmer ikke).", NationalIdNumber.Problem(number, MaySeventeenth2010));
    }

    [Fact]
    public void A_number_whose_individual_number_names_another_century_is_refused()
    {
        Assert.Equal("Fødselsnummeret passer ikke med fødselsdatoen.", NationalIdNumber.Problem("03091020172", new DateOnly(2010, 9, 3)));
    }

    [Fact]
    public void A_valid_number_for_another_birth_date_is_refused()
    {
        Assert.Equal("Fødselsnummeret passer ikke med fødselsdatoen.", NationalIdNumber.Problem("17051051254", new DateOnly(2010, 5, 18)));
    }

    [Theory]
    [InlineData("2008-11-25", "2026-11-25", 18)]
    [InlineData("2008-11-26", "2026-11-25", 17)]
    [InlineData("2008-02-29", "2026-02-28", 17)]
    [InlineData("2008-02-29", "2026-03-01", 18)]
    public void Age_counts_whole_years_on_the_day(string birthDate, string day, int expected)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal(expected, Age.On(DateOnly.Parse(birthDate, culture), DateOnly.Parse(day, culture)));
    }

    [Fact]
    public void A_youth_is_a_child_until_the_eighteenth_birthday()
    {
        Assert.True(Age.IsChild(new DateOnly(2008, 11, 26), new DateOnly(2026, 11, 25)));
        Assert.False(Age.IsChild(new DateOnly(2008, 11, 25), new DateOnly(2026, 11, 25)));
    }
}
