#!/usr/bin/env bash
# A local inbox for the Internal server's mail: smtp4dev (a .NET tool from the repository's manifest), on loopback only,
# keeping its messages in memory. Usage: bash tools/smtp4dev.sh [SMTP_PORT] [WEB_PORT]   (defaults 2525 and 5081)
# Then run the app with the Internal server pointed at it:
#   Mail__Internal__Port=2525 dotnet run --project src/MailRouting.Web
# and read what it sends at http://127.0.0.1:5081 (smtp4dev's web inbox; its API is under /api/messages).
set -euo pipefail
cd "$(dirname "$0")/.."

smtp=${1:-2525}
web=${2:-5081}
dotnet tool restore >/dev/null
# IMAP and POP3 are not needed; they get ports next to the SMTP one so that nothing else is disturbed.
exec dotnet smtp4dev --urls="http://127.0.0.1:$web" --smtpport="$smtp" --imapport="$((smtp + 1))" --pop3port="$((smtp + 2))" \
  --bindaddress=127.0.0.1 --db="" --nousersettings
