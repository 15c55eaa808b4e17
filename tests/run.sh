#!/usr/bin/env bash
# Runs every test: installs the real MTA (Postfix + Dovecot), PostgreSQL and Chromium when missing, then the whole
# solution's tests, the integration tests once on SQLite and once on PostgreSQL.
# Ends with one line "N passed, N failed, N skipped". A skipped test, a test that never ran (a crashed or hung test host), or a
# run with no test at all counts as a failure, so the line cannot be green by accident. Extra arguments go to dotnet test
# (e.g. --filter ...).
set -uo pipefail
cd "$(dirname "$0")/.."

bash tests/install.sh || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

if ! dotnet build MailRouting.sln --nologo -v quiet; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

results=$(mktemp -d)
listed=0
status=0
# One pass: what should run (the listed tests, so a host that dies early cannot hide the ones it never reached), then the run.
# A test that hangs is stopped after 10 minutes; the host's remaining tests then count as not run.
pass() {
  local name=$1 target=$2 database=$3; shift 3
  local n
  n=$(MAILROUTING_TEST_DATABASE=$database dotnet test "$target" --no-build --list-tests "$@" 2>/dev/null | grep -c '^    ')
  listed=$(( listed + n ))
  MAILROUTING_TEST_DATABASE=$database dotnet test "$target" --no-build --logger trx --results-directory "$results/$name" \
    --blame-hang-timeout 10m --blame-hang-dump-type none "$@" || status=$?
}

# Every test project, the integration tests on SQLite; then the integration tests again on PostgreSQL (a private cluster
# the tests start on a free port and remove afterwards).
pass sqlite MailRouting.sln Sqlite "$@"
pass postgresql tests/MailRouting.IntegrationTests PostgreSql "$@"

count() { grep -ho "<Counters [^>]*" "$results"/*/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{ sum += $1 } END { print sum + 0 }'; }
# A skipped test is in "total" but not in "executed".
passed=$(count passed); failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) )); skipped=$(( $(count total) - $(count executed) ))
rm -rf "$results"

ran=$(( passed + failed + skipped ))
notrun=$(( listed > ran ? listed - ran : 0 ))
problems=()
[ "$ran" -eq 0 ] && problems+=("no test ran")
[ "$skipped" -gt 0 ] && problems+=("$skipped skipped (a skipped test is not a pass)")
[ "$notrun" -gt 0 ] && problems+=("$notrun of $listed listed tests never ran")
# A crashed test host leaves no counts behind; it must not read as green.
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && problems+=("dotnet test exited $status")
if [ ${#problems[@]} -gt 0 ]; then
  echo "tests/run.sh: $(IFS=';'; echo "${problems[*]}")"
  failed=$(( failed + skipped + notrun ))
  [ "$failed" -eq 0 ] && failed=1
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
