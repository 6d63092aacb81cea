using PdfSharp.Fonts;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// The fonts of the printed letters, from files on disk: PDFsharp finds no system fonts on Linux by itself. Every
/// typeface asked for resolves to DejaVu Sans, regular or bold, which has every Norwegian letter. PDFsharp's resolver
/// is one per process and must be set before the first PDF, so it is installed once, by the first host that prints.
/// </summary>
public sealed class LetterFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "regular";
    private const string Bold = "bold";

    private static readonly Lock Installing = new();

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private LetterFonts(LetterPrintSettings settings)
    {
        _regular = File.ReadAllBytes(settings.FontFile(bold: false));
        _bold = File.ReadAllBytes(settings.FontFile(bold: true));
    }

    public static void Install(LetterPrintSettings settings)
    {
        lock (Installing)
        {
            GlobalFontSettings.FontResolver ??= new LetterFonts(settings);
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[] GetFont(string faceName) => faceName == Bold ? _bold : _regular;
}
