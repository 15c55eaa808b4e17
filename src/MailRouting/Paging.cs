namespace MailRouting;

public static class Paging
{
    /// <summary>The page to show, between 1 and the last page (a page past the end shows the last one), and the rows before it.</summary>
    public static (int Page, int Skip) Window(int requested, int total, int pageSize)
    {
        var page = Math.Clamp(requested, 1, LastPage(total, pageSize));
        return (page, (page - 1) * pageSize);
    }

    /// <summary>How many pages <paramref name="total"/> rows fill; at least one, so an empty list still has a page.</summary>
    public static int LastPage(int total, int pageSize) => (int)Math.Max(1, ((long)total + pageSize - 1) / pageSize);
}
