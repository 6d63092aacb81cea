namespace BekymringssamtaleService.Domain.Cases;

/// <summary>The language a recipient gets letters in.</summary>
public enum LetterLanguage
{
    Nb,
    Nn,
    En,
}
