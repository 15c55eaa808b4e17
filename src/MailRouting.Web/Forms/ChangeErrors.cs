using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MailRouting.Web.Forms;

/// <summary>A change's field errors shown beside the form's fields: "host" becomes the error of Input.Host.</summary>
public static class ChangeErrors
{
    /// <param name="key">The form field a change's field is shown on; by default the one of that name under Input.</param>
    public static void AddChangeErrors(this ModelStateDictionary modelState, IReadOnlyDictionary<string, string[]>? errors,
        Func<string, string>? key = null)
    {
        foreach (var (field, messages) in errors ?? new Dictionary<string, string[]>())
        {
            modelState.AddModelError(key?.Invoke(field) ?? Under("Input", field), string.Join(" ", messages));
        }
    }

    /// <summary>The form field of a change's field under a prefix: ("Contact", "phone") is Contact.Phone; "" is the form's.</summary>
    public static string Under(string prefix, string field) =>
        field.Length == 0 ? "" : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
}
