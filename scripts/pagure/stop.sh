#!/usr/bin/env bash
# Stops the Pagure server started by start.sh (by its PID file) and unmounts the chroot's /proc
# (and /dev). Safe to run when nothing is running. --quiet: say nothing when there is nothing to do.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true

if pid=$(server_pid); then
  # Only stop the PID if it really is our server (a chrooted python3), not a recycled PID.
  if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$PAGURE_ROOT" ]; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
      sleep 0.2
    fi
    echo "pagure stop: stopped server (pid $pid)" >&2
  else
    echo "pagure stop: pid $pid in $PAGURE_RUN/pagure.pid is not the chrooted server; not killing it" >&2
  fi
elif ! $quiet; then
  echo "pagure stop: no server running" >&2
fi
rm -f "$PAGURE_RUN/pagure.pid"

if ! umount_chroot_fs; then
  echo "pagure stop: unmount failed: something under $PAGURE_ROOT is still mounted" >&2
  exit 1
fi
