#!/usr/bin/env bash
# Runs the benchmarks (all, or the part named: pipeline, oauth, resolver, pages), writes each part's raw results to
# bench/results/PART.json and regenerates the README's tables and bench/results/latest.md from those files.
# Installs what the baselines need: the harness MTA (tests/install.sh), PHP with Debian's PHPMailer, and nodemailer.
# Must run as root (the harness Postfix and Dovecot). Extra arguments go to the benchmark program, e.g. --rounds 5.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/install.sh
command -v php >/dev/null && [ -f /usr/share/php/libphp-phpmailer/autoload.php ] \
  || DEBIAN_FRONTEND=noninteractive apt-get install -y -q php-cli libphp-phpmailer >/dev/null
(cd bench/peers && npm ci --no-audit --no-fund --silent)
dotnet build bench/MailRouting.Benchmarks -c Release --nologo -v q
dotnet run -c Release --no-build --project bench/MailRouting.Benchmarks -- "$@"
