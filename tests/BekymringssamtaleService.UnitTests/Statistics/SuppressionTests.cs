using BekymringssamtaleService.Web.Features.Statistics;

namespace BekymringssamtaleService.UnitTests.Statistics;

public sealed class SuppressionTests
{
    [Fact]
    public void A_count_under_five_is_shown_as_under_five_and_the_next_smallest_is_hidden_so_the_total_does_not_give_it_away()
    {
        var table = UnitStatistics.Table("t", "Etter kilde", "Kilde", 22, [("Skole", 12), ("PST", 3), ("Patrulje", 7)]);

        Assert.Equal(["12", "<5", "skjult"], table.Rows.Select(row => row.Text));
        Assert.Equal("22", table.Total.Text);
        Assert.Equal([12, null, null], table.Rows.Select(row => row.Value));
    }

    [Fact]
    public void Two_counts_under_five_hide_nothing_more_and_a_total_under_five_hides_itself()
    {
        var twoSmall = UnitStatistics.Table("t", "Spor", "Spor", 10, [("Frivillig", 6), ("Pålegg", 1), ("Ikke valgt", 3)]);
        var small = UnitStatistics.Table("t", "Spor", "Spor", 3, [("Frivillig", 2), ("Pålegg", 1)]);

        Assert.Equal(["6", "<5", "<5"], twoSmall.Rows.Select(row => row.Text));
        Assert.Equal(["<5", "<5"], small.Rows.Select(row => row.Text));
        Assert.Equal("<5", small.Total.Text);
    }

    [Fact]
    public void Counts_of_five_and_more_are_shown_as_they_are()
    {
        var table = UnitStatistics.Table("t", "Måned", "Måned", 13, [("januar 2026", 5), ("februar 2026", 8)]);

        Assert.Equal(["5", "8"], table.Rows.Select(row => row.Text));
        Assert.Equal("13", table.Total.Text);
    }
}
