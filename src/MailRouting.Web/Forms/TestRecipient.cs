using MailRouting.Validation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MailRouting.Web.Forms;

/// <summary>The optional recipient of a test message on the test forms.</summary>
public static class TestRecipient
{
    /// <summary>Empty is fine (the test then stops after signing in); anything else must be an address.</summary>
    public static bool IsAcceptable(this ModelStateDictionary modelState, string field, string? recipient)
    {
        if (string.IsNullOrEmpty(recipient) || EmailAddresses.IsValid(recipient))
        {
            return true;
        }

        modelState.AddModelError(field, $"'{recipient}' is not a valid email address.");
        return false;
    }
}
