using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// The rules every request obeys, whatever the operation, checked on the request as read (API body or page form)
/// before anything else looks at it, so that a new request type is covered without a line of its own:
/// <list type="bullet">
/// <item>text: no invalid characters (a lone surrogate, U+FFFD that the form reader leaves of invalid UTF-8), no
/// control characters (NUL …), line breaks and tabs only in <see cref="FreeTextAttribute"/> properties; at most
/// <c>[MaxLength]</c> characters, else <see cref="ShortText"/> (one line) or <see cref="LongText"/> (free text);</item>
/// <item>lists: at most <c>[MaxLength]</c> items, else <see cref="MostItems"/>;</item>
/// <item>numbers: within <c>[Range]</c> where the property has one;</item>
/// <item>dates and times: within the years <see cref="EarliestYear"/>–<see cref="LatestYear"/>, so no date arithmetic can overflow.</item>
/// </list>
/// The field errors are keyed by JSON path ("guardians[0].name"), in Norwegian. <see cref="RequestSchemaTransformer"/>
/// documents the same limits in the OpenAPI document.
/// </summary>
public static class RequestRules
{
    public const int ShortText = 200;
    public const int LongText = 4000;
    public const int MostItems = 10;
    public const int EarliestYear = 1900;
    public const int LatestYear = 2100;

    /// <summary>The OpenAPI pattern of a one-line text: no control characters at all.</summary>
    public const string OneLinePattern = @"^[^\u0000-\u001F\u007F-\u009F\u2028\u2029]*$";

    /// <summary>The OpenAPI pattern of free text: no control characters but line breaks and tabs.</summary>
    public const string FreeTextPattern = @"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$";

    // Request types are small trees; this only stops a type that refers to itself.
    private const int DeepestNesting = 16;

    /// <summary>The field errors of the request; empty when it obeys every rule.</summary>
    public static IReadOnlyDictionary<string, string[]> Check(object request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckObject(request, "", errors, 0);
        return errors;
    }

    public static bool IsFreeText(ICustomAttributeProvider? property) => Attribute<FreeTextAttribute>(property) is not null;

    /// <summary>The most characters of a text property, or the most items of a list property.</summary>
    public static int MaxLengthOf(ICustomAttributeProvider? property, bool list) =>
        Attribute<MaxLengthAttribute>(property)?.Length ?? (list ? MostItems : IsFreeText(property) ? LongText : ShortText);

    private static void CheckObject(object request, string path, Dictionary<string, string[]> errors, int depth)
    {
        if (depth > DeepestNesting)
        {
            throw new InvalidOperationException($"The request type {request.GetType().Name} nests deeper than {DeepestNesting} levels.");
        }

        foreach (var property in ApiJson.Options.GetTypeInfo(request.GetType()).Properties.Where(p => p.Get is not null))
        {
            var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            CheckValue(property.Get!(request), property.AttributeProvider, field, errors, depth);
        }
    }

    private static void CheckValue(object? value, ICustomAttributeProvider? property, string field, Dictionary<string, string[]> errors, int depth)
    {
        var problem = value switch
        {
            null => null,
            string text => TextProblem(text, property),
            DateOnly date => YearProblem(date.Year),
            DateTimeOffset moment => YearProblem(moment.Year),
            DateTime moment => YearProblem(moment.Year),
            Enum choice => Enum.IsDefined(choice.GetType(), choice) ? null : "Verdien er ikke en av de gyldige.",
            int or long or short or decimal or double => RangeProblem(value, property),
            IList list => ListProblem(list, property, field, errors, depth),
            _ when value.GetType().IsClass => CheckNested(value, field, errors, depth),
            _ => null,
        };
        if (problem is not null)
        {
            errors[field] = [problem];
        }
    }

    private static string? TextProblem(string text, ICustomAttributeProvider? property)
    {
        var freeText = IsFreeText(property);
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (char.IsHighSurrogate(character) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(character) || character is '\uFFFD' or '\uFFFE' or '\uFFFF')
            {
                return "Teksten har et ugyldig tegn (feil tegnkoding).";
            }
            else if (character is '\n' or '\r' or '\t' or '\u2028' or '\u2029')
            {
                if (!freeText)
                {
                    return "Feltet kan bare ha én linje: fjern linjeskift og tabulatorer.";
                }
            }
            else if (char.IsControl(character))
            {
                return "Teksten kan ikke ha kontrolltegn.";
            }
        }

        var maxLength = MaxLengthOf(property, list: false);
        return text.Length > maxLength ? $"Teksten kan være høyst {maxLength} tegn." : null;
    }

    private static string? YearProblem(int year) =>
        year is < EarliestYear or > LatestYear ? $"Datoen må ligge mellom år {EarliestYear} og {LatestYear}." : null;

    private static string? RangeProblem(object number, ICustomAttributeProvider? property) =>
        Attribute<RangeAttribute>(property) is { } range && !range.IsValid(number)
            ? string.Create(CultureInfo.InvariantCulture, $"Verdien må være mellom {range.Minimum} og {range.Maximum}.")
            : null;

    private static string? ListProblem(IList list, ICustomAttributeProvider? property, string field, Dictionary<string, string[]> errors, int depth)
    {
        var mostItems = MaxLengthOf(property, list: true);
        if (list.Count > mostItems)
        {
            return $"Listen kan ha høyst {mostItems} elementer.";
        }

        for (var index = 0; index < list.Count; index++)
        {
            // An item has no attributes of its own: a text in a list is one line of ordinary length.
            CheckValue(list[index], null, $"{field}[{index}]", errors, depth + 1);
        }

        return null;
    }

    private static string? CheckNested(object value, string field, Dictionary<string, string[]> errors, int depth)
    {
        CheckObject(value, field, errors, depth + 1);
        return null;
    }

    private static T? Attribute<T>(ICustomAttributeProvider? property)
        where T : Attribute =>
        property?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault();
}
