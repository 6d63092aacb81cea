using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>A rendered letter: the same words as plain text and as simple, accessible HTML.</summary>
public sealed record RenderedLetter(string Subject, string Text, string Html);

public static class LetterRendering
{
    private static readonly TemplateOptions Options = new();

    // Only markup characters are escaped: Norwegian letters stay as they are.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Renders the body with the model (nested dictionaries and lists) and derives the HTML from the text.</summary>
    public static RenderedLetter Render(ParsedLetter letter, IReadOnlyDictionary<string, object?> model, string language)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }

        var text = Tidy(letter.Body.Render(context, NullEncoder.Default));
        return new RenderedLetter(letter.Subject, text, ToHtml(letter.Subject, text, language));
    }

    // Optional paragraphs can leave runs of blank lines behind; a letter has one blank line between paragraphs.
    private static string Tidy(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.TrimEnd());
        var tidy = new StringBuilder();
        var blank = true;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (!blank)
                {
                    tidy.Append('\n');
                }

                blank = true;
                continue;
            }

            tidy.Append(line).Append('\n');
            blank = false;
        }

        return tidy.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Paragraphs become &lt;p&gt; (line breaks kept), runs of "- " lines become lists; everything is escaped.</summary>
    public static string ToHtml(string subject, string text, string language)
    {
        var html = new StringBuilder();
        html.Append(CultureInvariant($"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{Encoder.Encode(subject)}</title></head><body>"));
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = paragraph.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var inList = false;
            var openText = new List<string>();
            foreach (var line in lines)
            {
                var isItem = line.StartsWith("- ", StringComparison.Ordinal);
                if (isItem && !inList)
                {
                    FlushText();
                    html.Append("<ul>");
                    inList = true;
                }
                else if (!isItem && inList)
                {
                    html.Append("</ul>");
                    inList = false;
                }

                if (isItem)
                {
                    html.Append("<li>").Append(Encoder.Encode(line[2..])).Append("</li>");
                }
                else
                {
                    openText.Add(Encoder.Encode(line));
                }
            }

            if (inList)
            {
                html.Append("</ul>");
            }

            FlushText();

            void FlushText()
            {
                if (openText.Count > 0)
                {
                    html.Append("<p>").Append(string.Join("<br>", openText)).Append("</p>");
                    openText.Clear();
                }
            }
        }

        return html.Append("</body></html>").ToString();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
