using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.DevIdentityProvider;

/// <summary>OpenIddict's applications, authorizations and tokens, in the provider's own database.</summary>
public sealed class IdentityProviderDbContext(DbContextOptions<IdentityProviderDbContext> options) : DbContext(options);
