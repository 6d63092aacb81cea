using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Features.Cases.Access;

namespace BekymringssamtaleService.UnitTests.Cases;

public sealed class CaseAccessTests
{
    public static TheoryData<Role, string, CaseAccessDecision> Matrix => new()
    {
        { Role.Officer, "OSLO-SENTRUM", CaseAccessDecision.Allowed },
        { Role.Lead, "OSLO-SENTRUM", CaseAccessDecision.Allowed },
        { Role.Liaison, "OSLO-SENTRUM", CaseAccessDecision.Allowed },
        { Role.Officer, "VEST-BERGEN", CaseAccessDecision.NotFound },
        { Role.Lead, "VEST-BERGEN", CaseAccessDecision.NotFound },
        { Role.Admin, "OSLO-SENTRUM", CaseAccessDecision.NotFound },
        { Role.Auditor, "OSLO-SENTRUM", CaseAccessDecision.NotFound },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Caseworkers_read_the_cases_of_their_own_units_and_for_everyone_else_the_case_does_not_exist(
        Role role, string caseUnit, CaseAccessDecision expected) =>
        Assert.Equal(expected, CaseAccess.ToCase([role], ["OSLO-SENTRUM"], caseUnit, CaseAccess.CaseworkRoles));

    [Theory]
    [InlineData(Role.Liaison, CaseAccessDecision.Allowed)]
    [InlineData(Role.Officer, CaseAccessDecision.NotFound)]
    [InlineData(Role.Lead, CaseAccessDecision.NotFound)]
    public void A_route_for_liaisons_only_does_not_exist_for_the_other_casework_roles_of_the_unit(Role role, CaseAccessDecision expected) =>
        Assert.Equal(expected, CaseAccess.ToCase([role], ["OSLO-SENTRUM"], "OSLO-SENTRUM", [Role.Liaison]));

    [Theory]
    [InlineData(Role.Officer, "OSLO-SENTRUM", CaseAccessDecision.Allowed)]
    [InlineData(Role.Officer, "VEST-BERGEN", CaseAccessDecision.Forbidden)]
    [InlineData(Role.Lead, "OSLO-SENTRUM", CaseAccessDecision.Forbidden)]
    [InlineData(Role.Admin, "OSLO-SENTRUM", CaseAccessDecision.Forbidden)]
    public void Only_an_officer_registers_and_only_in_their_own_unit(Role role, string unit, CaseAccessDecision expected) =>
        Assert.Equal(expected, CaseAccess.ToRegister([role], ["OSLO-SENTRUM"], unit));

    [Theory]
    [InlineData(Role.Lead, true)]
    [InlineData(Role.Officer, false)]
    [InlineData(Role.Liaison, false)]
    [InlineData(Role.Admin, false)]
    [InlineData(Role.Auditor, false)]
    public void Only_a_lead_oversees_the_tasks_escalated_for_being_overdue(Role role, bool oversees) =>
        Assert.Equal(oversees, CaseAccess.MayOverseeEscalatedTasks([role]));
}
