using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;

namespace BekymringssamtaleService.Web.Auth;

/// <summary>
/// A program sends its bearer token with every request; the access log gets one sign-in per token and host, at the
/// token's first use there, rather than one per request. The host remembers the tokens it has logged until they expire.
/// </summary>
public sealed class BearerSignIns(TimeProvider time) : IDisposable
{
    private readonly MemoryCache _logged = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task FirstUseAsync(HttpContext context, string staffId, SecurityToken token)
    {
        // Who, and the token's validity: enough to tell one token of a person from the next.
        var key = $"{staffId}|{token.ValidFrom:O}|{token.ValidTo:O}";
        if (_logged.TryGetValue(key, out _))
        {
            return;
        }

        var expires = token.ValidTo > time.GetUtcNow().UtcDateTime ? new DateTimeOffset(token.ValidTo, TimeSpan.Zero) : time.GetUtcNow().AddMinutes(5);
        _logged.Set(key, true, new MemoryCacheEntryOptions { AbsoluteExpiration = expires, Size = 1 });
        await SignInLog.SignedInAsync(context, staffId);
    }

    public void Dispose() => _logged.Dispose();
}
