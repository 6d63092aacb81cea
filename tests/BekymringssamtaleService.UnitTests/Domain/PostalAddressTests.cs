using BekymringssamtaleService.Domain.Cases;

namespace BekymringssamtaleService.UnitTests.Domain;

public sealed class PostalAddressTests
{
    [Fact]
    public void An_address_with_street_postcode_and_place_gives_the_lines_of_the_envelope()
    {
        var address = PostalAddress.Parse(" Storgata 12 ,  0184   Oslo ");

        Assert.NotNull(address);
        Assert.Equal(["Storgata 12", "0184 Oslo"], address.Lines);
        Assert.Equal(("0184", "Oslo"), (address.Postcode, address.Place));
    }

    [Fact]
    public void A_c_o_line_and_a_post_box_are_street_lines_and_a_place_may_have_several_words()
    {
        var address = PostalAddress.Parse("c/o Hansen, Postboks 12, 9990 Båtsfjord Sentrum");

        Assert.Equal(["c/o Hansen", "Postboks 12", "9990 Båtsfjord Sentrum"], address?.Lines);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Storgata 12")] // no postcode or place
    [InlineData("0184 Oslo")] // no street
    [InlineData("Storgata 12, Oslo")] // no postcode
    [InlineData("Storgata 12, 0184")] // no place
    [InlineData("Storgata 12, 184 Oslo")] // a postcode has four digits
    [InlineData("Flat 3, 22 Queen Street, Edinburgh EH2 1JX")] // not a Norwegian address
    [InlineData("Storgata 12, 12, 0184 Oslo")] // a street line with no letters
    [InlineData("A, B, C, D, 0184 Oslo")] // more lines than the window has room for
    public void An_incomplete_address_is_not_a_postal_address(string? text)
    {
        Assert.Null(PostalAddress.Parse(text));
    }
}
