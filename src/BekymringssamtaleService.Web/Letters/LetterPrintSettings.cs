namespace BekymringssamtaleService.Web.Letters;

/// <summary>The section "Letters:Print": where the fonts of the printed letters are (Debian's fonts-dejavu-core).</summary>
public sealed class LetterPrintSettings
{
    public const string SectionName = "Letters:Print";

    /// <summary>The folder with <c>DejaVuSans.ttf</c> and <c>DejaVuSans-Bold.ttf</c>; the host does not start without them.</summary>
    public string FontFolder { get; init; } = "/usr/share/fonts/truetype/dejavu";

    /// <summary>A font file the printed letters need, in <see cref="FontFolder"/>.</summary>
    public string FontFile(bool bold) => Path.Combine(FontFolder, bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");

    public bool HasFonts => File.Exists(FontFile(bold: false)) && File.Exists(FontFile(bold: true));
}
