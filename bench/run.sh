#!/usr/bin/env bash
# Runs the benchmarks (all, or the part named: pipeline, oauth, transports, instances, memory, resolver, pages),
# writes each part's raw results to bench/results/PART.json and regenerates the tables of docs/performance.md and
# bench/results/latest.md from those files.
# Installs what the baselines need: the harness MTA and PostgreSQL (tests/install.sh), PHP with Debian's PHPMailer, and
# nodemailer.
# Must run as root (the harness Postfix and Dovecot). Extra arguments go to the benchmark program, e.g. --rounds 5.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/install.sh
command -v php >/dev/null && [ -f /usr/share/php/libphp-phpmailer/autoload.php ] \
  || DEBIAN_FRONTEND=noninteractive apt-get install -y -q php-cli libphp-phpmailer >/dev/null
(cd bench/peers && npm ci --no-audit --no-fund --silent)
dotnet build bench/MailRouting.Benchmarks -c Release --nologo -v q

# A private PostgreSQL cluster for the instances part, with the server's default durability settings, removed at the end.
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pgdir=$(mktemp -d /tmp/mailrouting-bench-pg-XXXXXX)
chown postgres: "$pgdir"
runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --no-locale >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
  -o "-p 33432 -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=400" start >/dev/null
trap 'runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null; rm -rf "$pgdir"' EXIT
export MAILROUTING_BENCH_POSTGRES="Host=127.0.0.1;Port=33432;Username=postgres"

dotnet run -c Release --no-build --project bench/MailRouting.Benchmarks -- "$@"
