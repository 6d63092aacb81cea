using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Domain.Coordination;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Domain.Measures;
using BekymringssamtaleService.Domain.Resources;
using BekymringssamtaleService.Domain.Retention;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Domain.Units;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using BekymringssamtaleService.Web.Features.Cases.ListCases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace BekymringssamtaleService.Web.Data;

public sealed class ServiceDbContext(DbContextOptions<ServiceDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The hosts' shared key ring: a cookie or form protected by one host is read by every other.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();


    public DbSet<PoliceDistrict> PoliceDistricts => Set<PoliceDistrict>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<Measure> Measures => Set<Measure>();
    public DbSet<ConcernCase> Cases => Set<ConcernCase>();

    /// <summary>The words of the youths' names the case search looks up; written by a trigger on <c>cases</c>, read only here.</summary>
    public DbSet<CaseNameWord> CaseNameWords => Set<CaseNameWord>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<BookableResource> BookableResources => Set<BookableResource>();
    public DbSet<Mapping> Mappings => Set<Mapping>();
    public DbSet<AgreedMeasure> AgreedMeasures => Set<AgreedMeasure>();
    public DbSet<CaseEntry> CaseEntries => Set<CaseEntry>();
    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();
    public DbSet<Letter> Letters => Set<Letter>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<RetentionRun> RetentionRuns => Set<RetentionRun>();

    /// <summary>The Liaisons' coordination compartment: read and written only by Features/Coordination.</summary>
    public DbSet<CoordinationDecision> CoordinationDecisions => Set<CoordinationDecision>();

    public DbSet<CoordinationEntry> CoordinationEntries => Set<CoordinationEntry>();

    public DbSet<CoordinationTask> CoordinationTasks => Set<CoordinationTask>();

    /// <summary>The workflow engine's instances and tasks, read-only here: the engine owns and migrates them.</summary>
    public DbSet<WorkflowInstanceRow> WorkflowInstances => Set<WorkflowInstanceRow>();

    public DbSet<WorkflowTaskRow> WorkflowTasks => Set<WorkflowTaskRow>();

    public DbSet<WorkflowJournalRow> WorkflowJournal => Set<WorkflowJournalRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PoliceDistrict>(district =>
        {
            district.HasKey(d => d.Code);
            district.Property(d => d.Code).HasMaxLength(40);
            district.Property(d => d.Name).HasMaxLength(200);
            district.HasMany(d => d.Units).WithOne().HasForeignKey(u => u.DistrictCode);
        });

        modelBuilder.Entity<Unit>(unit =>
        {
            unit.HasKey(u => u.Code);
            unit.Property(u => u.Code).HasMaxLength(40);
            unit.Property(u => u.Name).HasMaxLength(200);
            unit.Property(u => u.Version).IsRowVersion();
            unit.Ignore(u => u.IsActive);
        });

        modelBuilder.Entity<StaffMember>(staff =>
        {
            staff.ToTable("staff_members");
            staff.HasKey(s => s.Id);
            staff.Property(s => s.Id).HasMaxLength(40);
            staff.Property(s => s.DisplayName).HasMaxLength(200);
            staff.Property(s => s.Email).HasMaxLength(254);
            staff.PrimitiveCollection(s => s.Roles).ElementType().HasConversion<string>();
            staff.PrimitiveCollection(s => s.UnitCodes);
            staff.Property(s => s.ExternalSubject).HasMaxLength(200);
            staff.HasIndex(s => s.ExternalSubject).IsUnique();
            staff.Property(s => s.Version).IsRowVersion();
            staff.Ignore(s => s.IsActive);
        });

        modelBuilder.Entity<Measure>(measure =>
        {
            measure.HasKey(m => m.Code);
            measure.Property(m => m.Code).HasMaxLength(40);
            measure.ComplexProperty(m => m.Name);
            measure.ComplexProperty(m => m.Description);
            measure.Property(m => m.ResponsibleAgencyType).HasConversion<string>().HasMaxLength(40);
            measure.Property(m => m.ConsentSharing).HasConversion<string>().HasMaxLength(20);
        });

        modelBuilder.Entity<ConcernCase>(concernCase =>
        {
            concernCase.ToTable("cases");
            concernCase.HasKey(c => c.Id);
            concernCase.Property(c => c.Number).UseIdentityAlwaysColumn();
            concernCase.HasIndex(c => c.Number).IsUnique();
            concernCase.Property(c => c.UnitCode).HasMaxLength(40);
            concernCase.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitCode);
            concernCase.Property(c => c.Source).HasConversion<string>().HasMaxLength(40);
            concernCase.Property(c => c.ConcernText).HasMaxLength(4000);
            concernCase.Property(c => c.OffenceReference).HasMaxLength(40);
            concernCase.Property(c => c.NoGuardianReason).HasMaxLength(1000);
            concernCase.Property(c => c.ResponsibleOfficerId).HasMaxLength(40);
            concernCase.Property(c => c.RegisteredBy).HasMaxLength(40);
            concernCase.HasIndex(c => c.ResponsibleOfficerId);
            concernCase.OwnsOne(c => c.Youth, youth =>
            {
                youth.Ignore(y => y.FullName);
                youth.Property(y => y.NationalIdNumber).HasMaxLength(11);
                youth.Property(y => y.GivenName).HasMaxLength(200);
                youth.Property(y => y.FamilyName).HasMaxLength(200);
                youth.Property(y => y.Email).HasMaxLength(254);
                youth.Property(y => y.Address).HasMaxLength(400);
                youth.Property(y => y.Phone).HasMaxLength(40);
                youth.Property(y => y.Language).HasConversion<string>().HasMaxLength(2);
            });
            concernCase.OwnsMany(c => c.Guardians, guardian =>
            {
                guardian.ToTable("guardians");
                guardian.WithOwner().HasForeignKey("CaseId");
                guardian.HasKey(g => g.Id);
                guardian.Property(g => g.Name).HasMaxLength(200);
                guardian.Property(g => g.Email).HasMaxLength(254);
                guardian.Property(g => g.Address).HasMaxLength(400);
                guardian.Property(g => g.Language).HasConversion<string>().HasMaxLength(2);
            });
        });

        modelBuilder.Entity<Meeting>(meeting =>
        {
            meeting.HasOne<ConcernCase>().WithMany().HasForeignKey(m => m.CaseId);
            meeting.Property(m => m.Place).HasMaxLength(300);
            meeting.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            meeting.OwnsMany(m => m.ExtraParticipants, participant =>
            {
                participant.ToJson();
                participant.Property(p => p.Sharing).HasConversion<string>();
            });
            meeting.Ignore(m => m.EndsAt);
            meeting.HasIndex(m => new { m.CaseId, m.Status });
            meeting.HasOne<BookableResource>().WithMany().HasForeignKey(m => m.RoomId);
            meeting.HasOne<BookableResource>().WithMany().HasForeignKey(m => m.InterpreterId);

            // The calendar, the free times and the clash check read meetings by time (a week, a day, an overlapping window).
            meeting.HasIndex(m => m.StartsAt);
        });

        modelBuilder.Entity<BookableResource>(resource =>
        {
            resource.ToTable("bookable_resources");
            resource.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitCode);
            resource.Property(r => r.UnitCode).HasMaxLength(40);
            resource.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            resource.Property(r => r.Name).HasMaxLength(200);
            resource.Ignore(r => r.IsActive);
            resource.HasIndex(r => new { r.UnitCode, r.Kind, r.Name }).IsUnique();
        });

        modelBuilder.Entity<Mapping>(mapping =>
        {
            mapping.HasKey(m => new { m.CaseId, m.Version });
            mapping.HasOne<ConcernCase>().WithMany().HasForeignKey(m => m.CaseId);
            mapping.OwnsMany(m => m.Factors, factor =>
            {
                factor.ToJson();
                factor.Property(f => f.Domain).HasConversion<string>();
            });
            mapping.Property(m => m.OverallConcern).HasConversion<string>().HasMaxLength(20);
            mapping.Property(m => m.SignedBy).HasMaxLength(40);
        });

        modelBuilder.Entity<AgreedMeasure>(measure =>
        {
            measure.HasOne<ConcernCase>().WithMany().HasForeignKey(m => m.CaseId);
            measure.HasOne<Measure>().WithMany().HasForeignKey(m => m.MeasureCode);
            measure.Property(m => m.MeasureCode).HasMaxLength(40);
            measure.Property(m => m.Responsible).HasMaxLength(200);
            measure.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            measure.Property(m => m.AgreedBy).HasMaxLength(40);
        });

        modelBuilder.Entity<ConsentRecord>(consent =>
        {
            consent.ToTable("consent_records", table =>
            {
                // A consent names exactly one person; a duty to inform names a legal ground and concerns child welfare only.
                table.HasCheckConstraint(
                    "ck_consent_records_who",
                    "(kind = 'Consent' AND legal_ground IS NULL AND (by_youth <> (guardian_id IS NOT NULL))) OR "
                    + "(kind = 'DutyToInform' AND legal_ground IS NOT NULL AND NOT by_youth AND guardian_id IS NULL AND sharing = 'ChildWelfare' AND withdrawn_on IS NULL)");
            });
            consent.HasOne<ConcernCase>().WithMany().HasForeignKey(c => c.CaseId);
            consent.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            consent.Property(c => c.Sharing).HasConversion<string>().HasMaxLength(20);
            consent.Property(c => c.LegalGround).HasConversion<string>().HasMaxLength(40);
            consent.Property(c => c.RecordedBy).HasMaxLength(40);
            consent.Property(c => c.WithdrawnBy).HasMaxLength(40);
            consent.Ignore(c => c.Person);
            consent.Ignore(c => c.IsWithdrawn);
            consent.HasIndex(c => new { c.CaseId, c.Sharing });
        });

        modelBuilder.Entity<CaseEntry>(entry =>
        {
            entry.ToTable("case_entries");
            entry.HasOne<ConcernCase>().WithMany().HasForeignKey(e => e.CaseId);
            entry.Property(e => e.Step).HasMaxLength(60);
            entry.Property(e => e.RecordedBy).HasMaxLength(40);
            entry.Property(e => e.Details).HasColumnType("jsonb").HasConversion(
                details => JsonSerializer.Serialize(details, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Web)!,
                new ValueComparer<Dictionary<string, string>>(
                    (left, right) => left!.Count == right!.Count && !left.Except(right).Any(),
                    details => details.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    details => new Dictionary<string, string>(details)));
            entry.HasIndex(e => new { e.CaseId, e.RecordedAt });
        });

        modelBuilder.Entity<Letter>(letter =>
        {
            letter.HasOne<ConcernCase>().WithMany().HasForeignKey(l => l.CaseId);
            letter.Property(l => l.Kind).HasConversion<string>().HasMaxLength(40);
            letter.Property(l => l.Recipient).HasMaxLength(40);
            letter.Property(l => l.RecipientName).HasMaxLength(200);
            letter.Property(l => l.Channel).HasConversion<string>().HasMaxLength(10);
            letter.Property(l => l.RecipientEmail).HasMaxLength(254);
            letter.Property(l => l.RecipientAddress).HasMaxLength(400);
            letter.Property(l => l.PostedBy).HasMaxLength(40);
            letter.Property(l => l.Language).HasConversion<string>().HasMaxLength(2);
            letter.Property(l => l.Subject).HasMaxLength(200);
            letter.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
            letter.Property(l => l.ServerReply).HasMaxLength(500);
            letter.HasIndex(l => l.Status, "failed").HasDatabaseName("ix_letters_failed").HasFilter("status = 'Failed'");
            letter.Ignore(l => l.MessageId);
            letter.HasIndex(l => new { l.ExecutionId, l.Recipient }).IsUnique();
            letter.HasIndex(l => new { l.CaseId, l.CreatedAt });
            // The letters still to send, oldest first, as the relay claims them; due time and lease ride along, so
            // an idle round's "anything due?" is answered from the index alone.
            letter.HasIndex(l => l.CreatedAt, "due").HasDatabaseName("ix_letters_due").HasFilter("status = 'Pending'")
                .IncludeProperties(l => new { l.NextAttemptAt, l.LeaseExpiresAt });
        });

        modelBuilder.Entity<AccessLogEntry>(entry =>
        {
            entry.ToTable("access_log");
            entry.Property(e => e.StaffId).HasMaxLength(40);
            entry.Property(e => e.UnitCode).HasMaxLength(40);
            entry.Property(e => e.Action).HasMaxLength(60);
            entry.Property(e => e.Purpose).HasMaxLength(60);
            entry.Property(e => e.StatedPurpose).HasMaxLength(500);
            entry.HasIndex(e => e.CaseId);
            // The auditor's searches, newest first: all entries, or one member of staff's.
            entry.HasIndex(e => new { e.At, e.Id });
            entry.HasIndex(e => new { e.StaffId, e.At });
        });

        modelBuilder.Entity<CoordinationDecision>(decision =>
        {
            decision.HasKey(d => d.CaseId);
            decision.HasOne<ConcernCase>().WithMany().HasForeignKey(d => d.CaseId);
            decision.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(20);
            decision.Property(d => d.LiaisonId).HasMaxLength(40);
            decision.Property(d => d.DecidedBy).HasMaxLength(40);
            decision.Property(d => d.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<CoordinationEntry>(entry =>
        {
            entry.HasOne<ConcernCase>().WithMany().HasForeignKey(e => e.CaseId);
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.PstReference).HasMaxLength(40);
            entry.Property(e => e.Summary).HasMaxLength(4000);
            entry.Property(e => e.Classification).HasConversion<string>().HasMaxLength(30);
            entry.Property(e => e.RecordedBy).HasMaxLength(40);
            entry.HasIndex(e => new { e.CaseId, e.RecordedAt });
        });

        modelBuilder.Entity<CoordinationTask>(task =>
        {
            task.HasOne<ConcernCase>().WithMany().HasForeignKey(t => t.CaseId);
            task.Property(t => t.Title).HasMaxLength(200);
            task.Property(t => t.CreatedBy).HasMaxLength(40);
            task.Property(t => t.DoneBy).HasMaxLength(40);
            // Completing updates only a task still open: of two Liaisons at once, the second finds it done.
            task.Property(t => t.DoneAt).IsConcurrencyToken();
            task.HasIndex(t => new { t.CaseId, t.DueOn }).HasFilter("done_at IS NULL");
        });

        modelBuilder.Entity<RetentionRun>(run => run.ToTable("retention_runs"));

        modelBuilder.Entity<CaseNameWord>(word =>
        {
            // The table, its index and the trigger that fills it are the migration's SQL (CaseNameWords).
            word.ToTable("case_name_words", table => table.ExcludeFromMigrations());
            word.HasKey(w => new { w.CaseId, w.Word });
        });

        modelBuilder.Entity<WorkflowInstanceRow>(instance =>
        {
            instance.ToTable("instances", "workflow", table => table.ExcludeFromMigrations());
            instance.HasKey(i => i.Id);
            instance.Property(i => i.Data).HasColumnType("jsonb");
        });

        modelBuilder.Entity<WorkflowTaskRow>(task =>
        {
            task.ToTable("tasks", "workflow", table => table.ExcludeFromMigrations());
            task.HasKey(t => t.Id);
            task.Property(t => t.Status).HasConversion(status => status.WireName(), name => UserTaskStatusNames.FromWireName(name));
        });

        modelBuilder.Entity<WorkflowJournalRow>(journal =>
        {
            journal.ToTable("journal", "workflow", table => table.ExcludeFromMigrations());
            journal.HasKey(j => j.Id);
        });
    }
}
