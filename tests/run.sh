#!/usr/bin/env bash
# Runs every test: installs the real MTA (Postfix + Dovecot) when missing, then the whole solution's tests.
# Ends with one line "N passed, N failed". Extra arguments go to dotnet test (e.g. --filter ...).
set -uo pipefail
cd "$(dirname "$0")/.."

bash tests/install.sh || { echo "0 passed, 1 failed"; exit 1; }

results=$(mktemp -d)
dotnet test MailRouting.sln --logger trx --results-directory "$results" "$@"
status=$?

count() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{ sum += $1 } END { print sum + 0 }'; }
passed=$(count passed); failed=$(count failed)
passed=${passed:-0}; failed=${failed:-0}
# A build error or a crashed test host leaves no counts behind; it must not read as green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
rm -rf "$results"
echo "$passed passed, $failed failed"
exit "$status"
