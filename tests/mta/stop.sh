#!/usr/bin/env bash
# Stops the private Postfix + Dovecot started by start.sh DIR.
set -u
dir=$(realpath -m "${1:?usage: stop.sh DIR}")
PATH="$PATH:/usr/sbin:/sbin"
[ -f "$dir/postfix/main.cf" ] && postfix -c "$dir/postfix" stop >/dev/null 2>&1
if [ -f "$dir/dovecot/run/master.pid" ]; then
  kill "$(cat "$dir/dovecot/run/master.pid")" 2>/dev/null
fi
exit 0
