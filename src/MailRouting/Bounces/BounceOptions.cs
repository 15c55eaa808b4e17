using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MailRouting.Bounces;

/// <summary>The <c>Bounces</c> section: how mailboxes are read and when bounces suppress an address.</summary>
public sealed class BounceOptions
{
    public const string Section = "Bounces";

    /// <summary>How often a mailbox without IMAP IDLE is read, and how long an IDLE waits before reading
    /// anyway.</summary>
    [Range(5, 3600)]
    public int PollSeconds { get; set; } = 60;

    /// <summary>How many soft bounces within <see cref="SoftBounceDays"/> suppress an address.</summary>
    [Range(1, 100)]
    public int SoftBouncesToSuppress { get; set; } = 3;

    [Range(1, 365)]
    public int SoftBounceDays { get; set; } = 30;

    /// <summary>The folder bounces are moved to once read (created when missing); never deleted.</summary>
    [Required]
    [RegularExpression(@"^[^\r\n*%]{1,200}$",
        ErrorMessage = "Bounces:Folder must be a folder name of 1 to 200 characters, without * or %.")]
    public string Folder { get; set; } = "Bounces";

    /// <summary>The largest message fetched whole to be read; larger ones are left where they are.</summary>
    [Range(10_000, 50_000_000)]
    public int MaxMessageBytes { get; set; } = 2_000_000;

    /// <summary>The section, checked at start: a value out of range stops the app with the rule it breaks.</summary>
    public static BounceOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<BounceOptions>() ?? new BounceOptions();
        var problems = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), problems,
            validateAllProperties: true)
            ? options
            : throw new InvalidOperationException(string.Join(" ", problems.Select(p =>
                $"{Section}:{string.Join(",", p.MemberNames)}: {p.ErrorMessage}")));
    }
}
