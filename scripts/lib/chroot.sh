# shellcheck shell=bash
# Chroot helpers shared by the real-server test tiers (scripts/pagure, scripts/synapse); sourced by
# their lib.sh, which first sets:
#   CHROOT_ROOT     the chroot directory
#   CHROOT_NAME     the tier's name in messages (pagure, synapse)
#   CHROOT_PIDFILE  where start.sh records the server's PID
# and may set CHROOT_ENV (extra VAR=value words for in_chroot's environment).

# Runs a command inside the chroot with a clean environment (nothing from the host's PATH, pyenv
# or PYTHON* variables leaks in).
in_chroot() {
  # shellcheck disable=SC2086 # CHROOT_ENV is VAR=value words, split on purpose
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    ${CHROOT_ENV:-} chroot "$CHROOT_ROOT" "$@"
}

is_mounted() { # absolute path
  awk -v p="$1" '$5 == p { found = 1 } END { exit !found }' /proc/self/mountinfo
}

# Every mount point at or under the chroot, deepest first.
mounts_under_root() {
  awk -v r="$CHROOT_ROOT" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

# Mounts /proc, and /dev only when the chroot's /dev lacks a usable /dev/null. Records what this
# process mounted in CHROOT_MOUNTED (for umount_own_fs).
CHROOT_MOUNTED=()
mount_chroot_fs() {
  if ! is_mounted "$CHROOT_ROOT/proc"; then
    mkdir -p "$CHROOT_ROOT/proc"
    mount -t proc proc "$CHROOT_ROOT/proc" || return 1
    CHROOT_MOUNTED+=("$CHROOT_ROOT/proc")
  fi
  if [ ! -c "$CHROOT_ROOT/dev/null" ] && ! is_mounted "$CHROOT_ROOT/dev"; then
    mkdir -p "$CHROOT_ROOT/dev"
    mount --bind /dev "$CHROOT_ROOT/dev" || return 1
    CHROOT_MOUNTED+=("$CHROOT_ROOT/dev")
  fi
}

# Unmounts only what this process mounted (a running server keeps its /proc).
umount_own_fs() {
  local m rc=0
  for m in "${CHROOT_MOUNTED[@]}"; do
    is_mounted "$m" || continue
    umount "$m" 2>/dev/null || umount -l "$m" || { echo "$CHROOT_NAME: could not unmount $m" >&2; rc=1; }
  done
  CHROOT_MOUNTED=()
  return $rc
}

# Unmounts everything at or under the chroot (lazy as a last resort).
umount_chroot_fs() {
  local m rc=0
  [ -d "$CHROOT_ROOT" ] || return 0
  for m in $(mounts_under_root); do
    umount "$m" 2>/dev/null || umount -l "$m" || { echo "$CHROOT_NAME: could not unmount $m" >&2; rc=1; }
  done
  return $rc
}

# Prints the PID of the server started by start.sh while it is alive.
server_pid() {
  local pid
  [ -f "$CHROOT_PIDFILE" ] || return 1
  pid=$(cat "$CHROOT_PIDFILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# True if the PID runs inside this chroot (never a recycled PID of something else).
is_chroot_pid() { # pid
  [ "$(readlink "/proc/$1/root" 2>/dev/null)" = "$CHROOT_ROOT" ]
}

# Seconds since a `date +%s.%N` stamp, with one decimal.
elapsed_since() { # stamp
  awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

# fail and step for a tier's setup.sh (which sets LOG): messages "<tier> setup: …", and on failure
# the tail of the setup log.
setup_fail() { # step, why
  echo "$CHROOT_NAME setup: $1 failed: $2" >&2
  if [ -s "$LOG" ]; then
    echo "--- last lines of $LOG ---" >&2
    tail -n 25 "$LOG" >&2
  fi
  exit 1
}

# Runs a setup step with its output in the log; on failure, setup_fail with the exit code.
setup_step() { # name, command...
  local name=$1 rc=0
  shift
  echo "$CHROOT_NAME setup: $name" >&2
  echo "=== $(date -u +%FT%TZ) $name: $*" >>"$LOG"
  "$@" >>"$LOG" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || setup_fail "$name" "command exited with status $rc: $*"
}
