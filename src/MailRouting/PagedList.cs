namespace MailRouting;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Paging.LastPage(Total, PageSize);
}
