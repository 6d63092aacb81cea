namespace BekymringssamtaleService.SmtpSink;

/// <summary>Writes each message as an .eml file, named so that a listing sorts by arrival.</summary>
public sealed class DirectoryMailbox(string folder, TimeProvider time) : ISinkMailbox
{
    private long _sequence;

    public async Task StoreAsync(byte[] message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var name = $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{Interlocked.Increment(ref _sequence):D6}.eml";
        var partial = Path.Combine(folder, name + ".part");
        await File.WriteAllBytesAsync(partial, message, cancellationToken);
        File.Move(partial, Path.Combine(folder, name));
    }
}
