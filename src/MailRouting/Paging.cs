namespace MailRouting;

public static class Paging
{
    /// <summary>The page to show, between 1 and the last page (a page past the end shows the last one), and the rows before it.</summary>
    public static (int Page, int Skip) Window(int requested, int total, int pageSize)
    {
        var last = (int)Math.Max(1, ((long)total + pageSize - 1) / pageSize);
        var page = Math.Clamp(requested, 1, last);
        return (page, (page - 1) * pageSize);
    }
}
