using System.Globalization;
using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Projects;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Intake;

/// <summary>An identity someone may send as, and how mail from it would go out right now.</summary>
public sealed record SenderChoice(string Key, string Label, SenderRef Ref, Resolution.Resolution Resolution);
