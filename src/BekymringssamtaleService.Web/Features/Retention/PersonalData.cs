using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Retention;

/// <summary>
/// Deletes the personal data and free text of cases: names, addresses, e-mail addresses, national ID numbers, phone
/// numbers, the concern, reasons and notes, letters' texts, the mapping's assessments and the workflow data's text
/// inputs. What anonymous statistics need stays: the case's unit, source, dates, steps and outcome, the youth's birth
/// year, the number of guardians, meetings and letters, the measures' codes, dates and statuses, the mapping's
/// domains and level, the tasks, the consent records (persons by id, sharings, dates), the coordination decisions, and the journal and access log whole (they hold ids and codes only). One statement
/// per table that holds personal data about a case: a new such table adds its statement here. (The words of the
/// names the search looks up, <c>case_name_words</c>, follow the names by a trigger: emptied with them.)
/// </summary>
public static class PersonalData
{
    public static async Task DeleteAsync(ServiceDbContext db, Guid[] caseIds, string[] freeTextInputs, CancellationToken cancellationToken)
    {
        if (caseIds.Length == 0)
        {
            return;
        }

        FormattableString[] statements =
        [
            $"""
            UPDATE cases SET youth_given_name = '', youth_family_name = '',
                youth_birth_date = make_date(extract(year FROM youth_birth_date)::int, 1, 1),
                youth_national_id_number = NULL, youth_email = NULL, youth_address = NULL, youth_phone = NULL,
                concern_text = '', no_guardian_reason = NULL, offence_reference = NULL
            WHERE id = ANY ({caseIds})
            """,
            $"UPDATE guardians SET name = '', email = NULL, address = '' WHERE case_id = ANY ({caseIds})",
            $"UPDATE meetings SET place = '', extra_participants = '[]' WHERE case_id = ANY ({caseIds})",
            $$"""
            UPDATE mappings SET
                factors = (SELECT coalesce(jsonb_agg(factor || '{"Risk": null, "Protective": null}'), '[]') FROM jsonb_array_elements(factors) AS factor)
            WHERE case_id = ANY ({{caseIds}})
            """,
            $"UPDATE agreed_measures SET responsible = '' WHERE case_id = ANY ({caseIds})",
            $"UPDATE case_entries SET details = '{{}}' WHERE case_id = ANY ({caseIds})",
            $"""
            UPDATE letters SET recipient_name = '', recipient_email = NULL, recipient_address = NULL,
                text_body = '', html_body = '', calendar = NULL, server_reply = NULL
            WHERE case_id = ANY ({caseIds})
            """,
            // The coordination compartment: what the Liaison wrote, and what the mapping's radicalisation notes moved into.
            $"UPDATE coordination_entries SET summary = '', pst_reference = NULL WHERE case_id = ANY ({caseIds})",
            $"UPDATE coordination_tasks SET title = '' WHERE case_id = ANY ({caseIds})",
            $"UPDATE workflow.tasks SET note = NULL WHERE instance_id = ANY ({caseIds})",
            $"UPDATE workflow.instances SET data = data - {freeTextInputs}::text[] WHERE id = ANY ({caseIds})",
        ];
        foreach (var statement in statements)
        {
            await db.Database.ExecuteSqlAsync(statement, cancellationToken);
        }
    }
}
