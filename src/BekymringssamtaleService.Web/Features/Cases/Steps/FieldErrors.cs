using System.Net.Mail;

namespace BekymringssamtaleService.Web.Features.Cases.Steps;

/// <summary>Collects field errors with the house's Norwegian wording; nothing is saved while any exist.</summary>
public sealed class FieldErrors
{
    public const int ShortText = 200;
    public const int LongText = 4000;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public void Required(string field, string? value, int maxLength = ShortText)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Feltet må fylles ut.");
            return;
        }

        MaxLength(field, value, maxLength);
    }

    public void MaxLength(string field, string? value, int maxLength = ShortText)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"Teksten kan være høyst {maxLength} tegn.");
        }
    }

    public void Required<T>(string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            Add(field, "Feltet må fylles ut.");
        }
    }

    public void Email(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "Feltet må fylles ut.");
            }

            return;
        }

        if (value.Length > 254 || !MailAddress.TryCreate(value, out var address) || address.Address != value || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            Add(field, "E-postadressen er ikke gyldig.");
        }
    }

    public StepResult.Invalid ToResult() =>
        new(_errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal));
}
