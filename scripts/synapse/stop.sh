#!/usr/bin/env bash
# Stops the Synapse started by start.sh (by its PID file), removes its synapse.json and unmounts
# the chroot's /proc (and /dev). Safe to run when nothing is running. --quiet: say nothing when
# there is nothing to do.
set -euo pipefail
# shellcheck source=scripts/synapse/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true

if pid=$(server_pid); then
  # Only stop the PID if it really is our server (a process inside the chroot), not a recycled PID.
  if is_chroot_pid "$pid"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
      sleep 0.2
    fi
    echo "synapse stop: stopped server (pid $pid)" >&2
  else
    echo "synapse stop: pid $pid in $SYNAPSE_RUN/synapse.pid is not the chrooted server; not killing it" >&2
  fi
elif ! $quiet; then
  echo "synapse stop: no server running" >&2
fi
# Without a server its synapse.json would only mislead the tests.
rm -f "$SYNAPSE_RUN/synapse.pid" "$SYNAPSE_RUN/synapse.json"

if ! umount_chroot_fs; then
  echo "synapse stop: unmount failed: something under $SYNAPSE_ROOT is still mounted" >&2
  exit 1
fi
