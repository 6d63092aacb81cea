namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// A request's free text (a note, a reason, a description of the concern): it may hold line breaks and tabs, and is
/// up to <see cref="RequestRules.LongText"/> characters unless the property's <c>[MaxLength]</c> says otherwise. Every
/// other string of a request is one line (names, addresses, e-mail addresses, places, references). See <see cref="RequestRules"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FreeTextAttribute : Attribute;
