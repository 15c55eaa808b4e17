using MailRouting.Users;

namespace MailRouting.Web.Forms;

/// <summary>A user's numbers for signatures as the Profile and account pages post them (bound as "Contact").</summary>
public sealed class ContactForm
{
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public string? Fax { get; set; }

    public static ContactForm From(ContactInput stored) => new() { Phone = stored.Phone, Mobile = stored.Mobile, Fax = stored.Fax };

    public ContactInput ToInput() => new(Phone, Mobile, Fax);
}
