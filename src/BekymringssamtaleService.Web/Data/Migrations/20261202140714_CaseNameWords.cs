using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <summary>
    /// The name search looks words up instead of matching parts of names: <c>case_name_words</c> holds each word of a
    /// youth's given and family name in lower case with the case's unit, and its index (unit, word in byte order,
    /// with the case id) answers "the unit's cases with a name word beginning with …" from the index alone. A common
    /// name at a million cases took a trigram scan of every unit's matches and a visit to each matching case to count
    /// them per step. A trigger on <c>cases</c> keeps the words: every insert (registration, demo data, COPY) and
    /// every change of the names or the unit (the deletion of personal data empties the names, and so the words).
    /// The separators are those of <c>CaseNameWord.Separators</c>. The trigram indexes go: nothing reads them now.
    /// </summary>
    public partial class CaseNameWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Cases are locked against writes for the migration's transaction, so none is added between the words
            // written here and the trigger that writes them from then on. The keys come after the rows: faster.
            migrationBuilder.Sql("""
                LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE;
                CREATE TABLE case_name_words (
                    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
                    unit_code varchar(40) NOT NULL,
                    word varchar(200) NOT NULL);
                INSERT INTO case_name_words (case_id, unit_code, word)
                SELECT DISTINCT c.id, c.unit_code, word
                FROM cases c, regexp_split_to_table(lower(c.youth_given_name || ' ' || c.youth_family_name), '[[:space:]''’,.-]+') AS word
                WHERE word <> '';
                ALTER TABLE case_name_words ADD PRIMARY KEY (case_id, word);
                CREATE INDEX ix_case_name_words_unit_word ON case_name_words (unit_code, word text_pattern_ops) INCLUDE (case_id);

                CREATE FUNCTION case_name_words_follow_names() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM case_name_words WHERE case_id = NEW.id;
                    INSERT INTO case_name_words (case_id, unit_code, word)
                    SELECT DISTINCT NEW.id, NEW.unit_code, word
                    FROM regexp_split_to_table(lower(NEW.youth_given_name || ' ' || NEW.youth_family_name), '[[:space:]''’,.-]+') AS word
                    WHERE word <> '';
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER case_name_words_follow_names
                    AFTER INSERT OR UPDATE OF youth_given_name, youth_family_name, unit_code ON cases
                    FOR EACH ROW EXECUTE FUNCTION case_name_words_follow_names();

                DROP INDEX ix_cases_youth_given_name_trgm;
                DROP INDEX ix_cases_youth_family_name_trgm;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_cases_youth_given_name_trgm ON cases USING gin (youth_given_name gin_trgm_ops);
                CREATE INDEX ix_cases_youth_family_name_trgm ON cases USING gin (youth_family_name gin_trgm_ops);
                DROP TRIGGER case_name_words_follow_names ON cases;
                DROP FUNCTION case_name_words_follow_names();
                DROP TABLE case_name_words;
                """);
        }
    }
}
