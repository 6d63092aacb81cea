using System.Globalization;
using BekymringssamtaleService.Domain.Cases;
using Microsoft.Extensions.Options;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>What a printed letter shows: the stored text of the letter, and what the envelope and letterhead need.</summary>
public sealed record PrintableLetter(
    string RecipientName,
    PostalAddress Address,
    string SenderDistrict,
    string SenderUnit,
    string CaseNumber,
    DateOnly Date,
    LetterLanguage Language,
    string Subject,
    string Text);

/// <summary>
/// Lays a letter out as an A4 PDF for a window envelope (C5 or DL with the window on the left, DIN 5008 form B, as
/// Posten and the rest of Europe use): the sender's return line and the recipient's name and postal address inside
/// the window, the letterhead above it, the date and the case number to its right, and the letter's text below,
/// continued on further pages as needed. Nothing is on the page that the e-mail letter does not say, apart from the
/// address, the date and the case number.
/// </summary>
public sealed class LetterPrinter
{
    /// <summary>The window of the envelope on the folded A4 page, in millimetres from the page's top left corner.</summary>
    public static readonly (double Left, double Top, double Width, double Height) Window = (20, 45, 85, 45);

    private const double PageHeight = 297;
    private const double Left = 20;
    private const double Right = 190;
    private const double BodyTop = 100;
    private const double ContinuedTop = 25;
    private const double Bottom = 270;
    private const double InfoLeft = 125;

    private readonly XFont _letterhead;
    private readonly XFont _small;
    private readonly XFont _address;
    private readonly XFont _heading;
    private readonly XFont _body;

    /// <summary>The fonts are installed before the first one is made.</summary>
    public LetterPrinter(IOptions<LetterPrintSettings> settings)
    {
        LetterFonts.Install(settings.Value);
        _letterhead = new XFont(LetterFonts.Family, 14, XFontStyleEx.Bold);
        _small = new XFont(LetterFonts.Family, 8);
        _address = new XFont(LetterFonts.Family, 10);
        _heading = new XFont(LetterFonts.Family, 12, XFontStyleEx.Bold);
        _body = new XFont(LetterFonts.Family, 10);
    }

    public byte[] Print(PrintableLetter letter, DateTimeOffset createdAt)
    {
        using var document = new PdfDocument();
        document.Info.Title = letter.Subject;
        document.Info.Author = "Politiet";
        document.Info.CreationDate = createdAt.UtcDateTime;
        var words = Words.Of(letter.Language);

        var pages = new List<PdfPage>();
        var page = NewPage(document, pages);
        var gfx = XGraphics.FromPdfPage(page);
        try
        {
            DrawFirstPageHead(gfx, letter, words);
            var y = BodyTop;
            gfx.DrawString(letter.Subject, _heading, XBrushes.Black, Point(Left, y));
            y += 9;
            foreach (var line in Layout(gfx, letter.Text))
            {
                if (y + line.Height > Bottom)
                {
                    gfx.Dispose();
                    page = NewPage(document, pages);
                    gfx = XGraphics.FromPdfPage(page);
                    y = ContinuedTop;
                }

                if (line.Bullet)
                {
                    gfx.DrawString("•", _body, XBrushes.Black, Point(Left + 2, y));
                }

                gfx.DrawString(line.Text, _body, XBrushes.Black, Point(line.Indent, y));
                y += line.Height;
            }
        }
        finally
        {
            gfx.Dispose();
        }

        for (var number = 1; number <= pages.Count; number++)
        {
            using var footer = XGraphics.FromPdfPage(pages[number - 1]);
            var text = string.Format(CultureInfo.InvariantCulture, words.PageOf, number, pages.Count);
            footer.DrawString(text, _small, XBrushes.Black, new XRect(Mm(Left), Mm(PageHeight - 12), Mm(Right - Left), Mm(4)), XStringFormats.Center);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private void DrawFirstPageHead(XGraphics gfx, PrintableLetter letter, Words words)
    {
        gfx.DrawString("POLITIET", _letterhead, XBrushes.Black, Point(Left, 20));
        gfx.DrawString(letter.SenderDistrict, _small, XBrushes.Black, Point(Left, 26));
        gfx.DrawString(letter.SenderUnit, _small, XBrushes.Black, Point(Left, 30));

        // The return line sits at the top of the window, the recipient below it, all inside the window's 85 × 45 mm.
        var returnLine = FitToWindow(gfx, $"Politiet, {letter.SenderUnit}");
        gfx.DrawString(returnLine, _small, XBrushes.Black, Point(Window.Left + 2, Window.Top + 4));
        gfx.DrawLine(XPens.Black, Mm(Window.Left + 2), Mm(Window.Top + 5.5), Mm(Window.Left + Window.Width - 2), Mm(Window.Top + 5.5));
        var y = Window.Top + 13;
        foreach (var line in new[] { letter.RecipientName }.Concat(letter.Address.Lines))
        {
            gfx.DrawString(FitToWindow(gfx, line, _address), _address, XBrushes.Black, Point(Window.Left + 2, y));
            y += 4.6;
        }

        var culture = CultureInfo.GetCultureInfo(words.Culture);
        gfx.DrawString($"{words.Date}: {letter.Date.ToString(words.DateFormat, culture)}", _address, XBrushes.Black, Point(InfoLeft, Window.Top + 13));
        gfx.DrawString($"{words.OurReference}: {letter.CaseNumber}", _address, XBrushes.Black, Point(InfoLeft, Window.Top + 17.6));
    }

    /// <summary>A line that would run past the window is shortened rather than hidden by the envelope.</summary>
    private string FitToWindow(XGraphics gfx, string text, XFont? font = null)
    {
        font ??= _small;
        var width = Mm(Window.Width - 4);
        while (text.Length > 1 && gfx.MeasureString(text, font).Width > width)
        {
            text = text[..^1];
        }

        return text;
    }

    /// <summary>The text's lines wrapped to the page's width: "- " lines become bullets, a blank line a paragraph's space.</summary>
    private IEnumerable<PrintedLine> Layout(XGraphics gfx, string text)
    {
        const double lineHeight = 5;
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
        {
            if (line.Length == 0)
            {
                yield return new PrintedLine("", Left, lineHeight / 2, Bullet: false);
                continue;
            }

            var bullet = line.StartsWith("- ", StringComparison.Ordinal);
            var indent = bullet ? Left + 6 : Left;
            var first = true;
            foreach (var wrapped in Wrap(gfx, bullet ? line[2..] : line, Mm(Right - indent)))
            {
                yield return new PrintedLine(wrapped, indent, lineHeight, bullet && first);
                first = false;
            }
        }
    }

    private IEnumerable<string> Wrap(XGraphics gfx, string text, double width)
    {
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : $"{current} {word}";
            if (current.Length > 0 && gfx.MeasureString(candidate, _body).Width > width)
            {
                yield return current;
                candidate = word;
            }

            current = candidate;
        }

        yield return current;
    }

    private static PdfPage NewPage(PdfDocument document, List<PdfPage> pages)
    {
        var page = document.AddPage();
        page.Size = PageSize.A4;
        pages.Add(page);
        return page;
    }

    private static double Mm(double millimetres) => XUnit.FromMillimeter(millimetres).Point;

    private static XPoint Point(double leftMm, double baselineMm) => new(Mm(leftMm), Mm(baselineMm));

    /// <summary>One printed line; its indent and height in millimetres.</summary>
    private sealed record PrintedLine(string Text, double Indent, double Height, bool Bullet);

    /// <summary>The few words the printed page adds around the letter, in the recipient's language.</summary>
    private sealed record Words(string Culture, string Date, string DateFormat, string OurReference, string PageOf)
    {
        public static Words Of(LetterLanguage language) => language switch
        {
            LetterLanguage.Nn => new("nn-NO", "Dato", "d. MMMM yyyy", "Vår referanse", "Side {0} av {1}"),
            LetterLanguage.En => new("en-GB", "Date", "d MMMM yyyy", "Our reference", "Page {0} of {1}"),
            _ => new("nb-NO", "Dato", "d. MMMM yyyy", "Vår referanse", "Side {0} av {1}"),
        };
    }
}
