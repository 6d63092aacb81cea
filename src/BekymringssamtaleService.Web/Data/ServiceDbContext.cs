using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Measures;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Data;

public sealed class ServiceDbContext(DbContextOptions<ServiceDbContext> options) : DbContext(options)
{
    public DbSet<PoliceDistrict> PoliceDistricts => Set<PoliceDistrict>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<Measure> Measures => Set<Measure>();
    public DbSet<ConcernCase> Cases => Set<ConcernCase>();

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
        });

        modelBuilder.Entity<Measure>(measure =>
        {
            measure.HasKey(m => m.Code);
            measure.Property(m => m.Code).HasMaxLength(40);
            measure.ComplexProperty(m => m.Name);
            measure.ComplexProperty(m => m.Description);
            measure.Property(m => m.ResponsibleAgencyType).HasConversion<string>().HasMaxLength(40);
        });

        modelBuilder.Entity<ConcernCase>(concernCase =>
        {
            concernCase.ToTable("cases");
            concernCase.HasKey(c => c.Id);
            concernCase.Property(c => c.UnitCode).HasMaxLength(40);
            concernCase.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitCode);
            concernCase.Property(c => c.Source).HasConversion<string>().HasMaxLength(40);
            concernCase.Property(c => c.ConcernText).HasMaxLength(4000);
            concernCase.Property(c => c.OffenceReference).HasMaxLength(40);
            concernCase.OwnsOne(c => c.Youth, youth =>
            {
                youth.Property(y => y.GivenName).HasMaxLength(200);
                youth.Property(y => y.FamilyName).HasMaxLength(200);
                youth.Property(y => y.Email).HasMaxLength(254);
                youth.Property(y => y.Phone).HasMaxLength(40);
                youth.Property(y => y.Language).HasConversion<string>().HasMaxLength(2);
            });
            concernCase.OwnsMany(c => c.Guardians, guardian =>
            {
                guardian.ToTable("guardians");
                guardian.WithOwner().HasForeignKey("CaseId");
                guardian.Property<int>("Id");
                guardian.HasKey("Id");
                guardian.Property(g => g.Name).HasMaxLength(200);
                guardian.Property(g => g.Email).HasMaxLength(254);
                guardian.Property(g => g.Address).HasMaxLength(400);
                guardian.Property(g => g.Language).HasConversion<string>().HasMaxLength(2);
            });
        });
    }
}
