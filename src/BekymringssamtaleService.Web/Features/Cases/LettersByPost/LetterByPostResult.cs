namespace BekymringssamtaleService.Web.Features.Cases.LettersByPost;

/// <summary>What became of a request about a letter by post; the page and the API show each alike.</summary>
public abstract record LetterByPostResult
{
    private LetterByPostResult()
    {
    }

    public sealed record Printed(byte[] Pdf, string FileName) : LetterByPostResult;

    /// <summary>The letter is posted: when, and by whom (the first officer who said so, however often it is said).</summary>
    public sealed record Posted(Guid LetterId, DateTimeOffset PostedAt, string PostedBy) : LetterByPostResult;

    /// <summary>The case has no letter with this id.</summary>
    public sealed record LetterNotFound : LetterByPostResult;

    /// <summary>The letter goes by e-mail: there is nothing to print or post.</summary>
    public sealed record SentByEmail : LetterByPostResult;

    public const string SentByEmailReason = "Brevet sendes på e-post. Bare brev til mottakere uten e-postadresse skrives ut og postlegges.";
}
