using Microsoft.EntityFrameworkCore;

namespace MailRouting.Data;

public static class UniqueRows
{
    /// <summary>
    /// Adds a row whose key says "this happened once" (a spent token, a taken slot) and saves it. Of two instances that
    /// try at the same moment the key lets one win, so the other learns it lost without a lock.
    /// </summary>
    /// <returns>False when the row was there already.</returns>
    public static async Task<bool> TryAddOnceAsync<T>(this MailRoutingDbContext db, T row, CancellationToken ct)
        where T : class
    {
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
