using BekymringssamtaleService.Web.Features.Audit;

namespace BekymringssamtaleService.UnitTests.Audit;

public sealed class AccessLogCsvTests
{
    [Theory]
    [InlineData("read", "read")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+47 99", "'+47 99")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tSkjult", "'\tSkjult")]
    [InlineData("Ble spurt; svarte nei", "\"Ble spurt; svarte nei\"")]
    [InlineData("Sa \"nei\"", "\"Sa \"\"nei\"\"\"")]
    [InlineData("to\nlinjer", "\"to\nlinjer\"")]
    [InlineData("=A1;B1", "\"'=A1;B1\"")]
    [InlineData("", "")]
    public void A_field_is_quoted_where_Excel_needs_it_and_a_formula_becomes_text(string value, string written)
    {
        Assert.Equal(written, AccessLogCsv.Field(value));
    }
}
