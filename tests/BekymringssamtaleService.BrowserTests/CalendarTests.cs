using System.Globalization;
using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>Booking a conversation with a room by keyboard alone, a room's clash on the form, and the week calendar.</summary>
public sealed class CalendarTests(BrowserSession browser)
{
    private const string Room = "Samtalerom 2 (Grønland)";

    [Fact]
    public async Task An_officer_books_a_conversation_with_a_room_by_keyboard_alone_and_finds_it_in_the_calendar()
    {
        var page = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        var caseUrl = await ReadyToInviteAsync(page, "Tastatur");
        var start = BookingTimes.NextWeekdayAtTen().AddDays(21).AddHours(2);
        await page.GotoAsync($"{caseUrl}/invite");

        await TabToAsync(page, page.GetByLabel("Tidspunkt"));
        // Debian's chromium orders a date and time field's segments as en-US does (month, day, year; 12-hour clock) whatever
        // the page's language: the year takes up to six digits, so Tab moves on to the hour.
        await page.Keyboard.TypeAsync(start.ToString("MMddyyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(start.ToString("hhmm", CultureInfo.InvariantCulture) + (start.Hour < 12 ? "A" : "P"));
        await Assertions.Expect(page.GetByLabel("Tidspunkt")).ToHaveValueAsync(start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await TabToAsync(page, page.GetByLabel("Sted"));
        await page.Keyboard.TypeAsync("Politihuset, Grønlandsleiret 44");
        await TabToAsync(page, page.GetByRole(AriaRole.Checkbox, new() { Name = DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName }));
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByLabel("Rom (valgfritt)"));
        await page.Keyboard.TypeAsync("Samtalerom 2");
        await Assertions.Expect(page.GetByLabel("Rom (valgfritt)").Locator("option:checked")).ToHaveTextAsync(Room);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send innkalling" }));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Innkalt");
        await page.GotoAsync($"/kalender?uke={start:yyyy-MM-dd}");
        var meeting = page.GetByTestId("calendar-meeting").Filter(new() { Has = page.Locator($"a[href='{new Uri(caseUrl).AbsolutePath}']") });
        await Assertions.Expect(meeting).ToContainTextAsync(Room);
        await Assertions.Expect(meeting).ToContainTextAsync($"{start:HH:mm}–{start.AddMinutes(90):HH:mm}");
        await Assertions.Expect(meeting).ToContainTextAsync(DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName);
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(page, "kalender-week"));
    }

    [Fact]
    public async Task A_room_already_booked_is_named_on_the_invite_form_with_the_days_free_times_and_nothing_is_saved()
    {
        var page = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        var start = BookingTimes.NextWeekdayAtTen().AddDays(28);
        var first = await ReadyToInviteAsync(page, "Rommet");
        await InviteAsync(page, first, start, DemoUsers.OsloOfficer);
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Innkalt");
        var second = await ReadyToInviteAsync(page, "Kollisjon");

        await InviteAsync(page, second, start.AddMinutes(30), "betjent-oslo-2");

        var summary = page.GetByTestId("error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync($"Rommet {Room} er allerede booket til en samtale som overlapper dette tidspunktet.");
        await Assertions.Expect(page.GetByTestId("free-times")).ToContainTextAsync("Enhetens arbeidstid: mandag–fredag 08:00–16:00.");
        await Assertions.Expect(page.GetByTestId("free-time-list")).ToContainTextAsync($"{start.AddMinutes(90):HH:mm}–16:00");
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(page, "invite-room-clash"));
        await page.GotoAsync(second);
        await Assertions.Expect(page.GetByTestId("case-state")).Not.ToHaveTextAsync("Innkalt");
    }

    private static async Task<string> ReadyToInviteAsync(IPage page, string family)
    {
        var caseUrl = await RegistrationForm.RegisterAsync(page, family);
        await page.GotoAsync($"{caseUrl}/choose-track");
        await page.GetByLabel("Spor").SelectOptionAsync("voluntary");
        await page.GetByRole(AriaRole.Button, new() { Name = "Velg spor" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync("Velg spor: registrert.");
        return caseUrl;
    }

    private static async Task InviteAsync(IPage page, string caseUrl, DateTime start, string officer)
    {
        await page.GotoAsync($"{caseUrl}/invite");
        await page.GetByLabel("Tidspunkt").FillAsync(start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Sted").FillAsync("Politihuset, Grønlandsleiret 44");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = DemoUsers.Get(officer).DisplayName }).CheckAsync();
        await page.GetByLabel("Rom (valgfritt)").SelectOptionAsync(new SelectOptionValue { Label = Room });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send innkalling" }).ClickAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, as a keyboard user moves through the page.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail("Tab never reached the element.");
    }
}
