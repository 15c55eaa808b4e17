#!/usr/bin/env bash
# Stops the private Postfix + Dovecot started by start.sh DIR, and waits until they are gone.
set -u
dir=$(realpath -m "${1:?usage: stop.sh DIR}")
PATH="$PATH:/usr/sbin:/sbin"
if [ -f "$dir/postfix/main.cf" ]; then
  postfix -c "$dir/postfix" stop >/dev/null 2>&1
  pid=$(cat "$dir/queue/pid/master.pid" 2>/dev/null | tr -d ' ')
  for _ in $(seq 1 50); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
if [ -f "$dir/dovecot/run/master.pid" ]; then
  pid=$(cat "$dir/dovecot/run/master.pid")
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
exit 0
