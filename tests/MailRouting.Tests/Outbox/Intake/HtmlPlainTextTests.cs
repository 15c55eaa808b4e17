using MailRouting.Outbox.Intake;


namespace MailRouting.Tests.Outbox.Intake;

public sealed class HtmlPlainTextTests
{
    [Fact]
    public void Paragraphs_LineBreaksAndLists_ReadAsTheyLook()
    {
        var text = HtmlPlainText.Of("<p>Hello <b>Anna</b>,</p>\n<p>your order:<br>two   items</p><ul><li>Chair</li><li>Desk</li></ul><p>Bye</p>");

        Assert.Equal("Hello Anna,\n\nyour order:\ntwo items\n\n• Chair\n• Desk\n\nBye", text);
    }

    [Fact]
    public void ALink_KeepsItsAddress_UnlessItsWordsAreTheAddress()
    {
        Assert.Equal("See the quote (https://acme.test/q/7).", HtmlPlainText.Of("See <a href=\"https://acme.test/q/7\">the quote</a>."));
        Assert.Equal("https://acme.test", HtmlPlainText.Of("<a href=\"https://acme.test\">https://acme.test</a>"));
    }

    [Fact]
    public void ScriptsStylesAndCharacterReferences_AreNotShownAsCode()
    {
        var text = HtmlPlainText.Of("<style>p { color: red }</style><p>Fish &amp; chips &lt;3</p><script>alert(1)</script>");

        Assert.Equal("Fish & chips <3", text);
    }
}
