using MailRouting.Signatures;

namespace MailRouting.Tests.Signatures;

public sealed class SignatureHtmlTests
{
    [Fact]
    public void Clean_AFormWithFields_IsRemoved_AndSaysSo()
    {
        var (html, removed) = SignatureHtml.Clean(
            "<p>Jane</p><form action=\"https://evil.test/\"><input name=\"password\" type=\"password\"><button>Log in</button></form><textarea>x</textarea>");

        Assert.Equal("<p>Jane</p>", html);
        Assert.Equal(["the tag button", "the tag form", "the tag input", "the tag textarea"], removed);
    }

    [Fact]
    public void Clean_FormattingLinksAndImagesByUrlOrInline_Stay()
    {
        const string signature = "<table><tbody><tr><td><b>Jane</b> <a href=\"https://acme.test\">Acme</a></td>" +
            "<td><img src=\"https://acme.test/logo.png\"><img src=\"cid:logo@acme.test\"><img src=\"data:image/png;base64,iVBORw0KGgo=\"></td></tr></tbody></table>";

        var (html, removed) = SignatureHtml.Clean(signature);

        Assert.Equal(signature, html);
        Assert.Empty(removed);
    }

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<a>x</a>")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\">", "<img src=\"x\">")]
    [InlineData("<iframe src=\"https://evil.test\"></iframe><p>x</p>", "<p>x</p>")]
    public void Clean_ScriptsAndOtherDocuments_Go(string dirty, string clean)
    {
        Assert.Equal(clean, SignatureHtml.Clean(dirty).Html);
    }
}
