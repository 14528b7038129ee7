# shellcheck shell=bash disable=SC2034  # (variables are used by the scripts that source this)
# Shared by setup.sh, start.sh, stop.sh and test.sh (sourced, not executed).
# Paths, logging, and the mount bookkeeping for the Synapse sid chroot.

SIGMEET_CACHE=${SIGMEET_CACHE:-/var/cache/sigmeet}
SYNAPSE_PORT=${SYNAPSE_PORT:-8008}
SYNAPSE_MIRROR=${SYNAPSE_MIRROR:-http://deb.debian.org/debian}
SYNAPSE_ROOT="$SIGMEET_CACHE/synapse-sid"
SYNAPSE_RUN="$SIGMEET_CACHE/synapse-run"
# Written last by setup.sh; its content is the setup recipe version below.
SYNAPSE_MARKER="$SYNAPSE_ROOT/.sigmeet-synapse-setup-done"
# Written after a complete debootstrap, so a rerun can keep the base system.
SYNAPSE_BASE_MARKER="$SYNAPSE_ROOT/.sigmeet-debootstrap-done"
SYNAPSE_SETUP_VERSION=1
SYNAPSE_SERVER_NAME=localhost
# Paths inside the chroot. The configuration directory (generated once by setup.sh: homeserver.yaml,
# the signing key, the secrets) is kept; the data directory (SQLite database, media) is recreated
# by every start.sh.
SYNAPSE_CONF_DIR=/etc/sigmeet-synapse
SYNAPSE_DATA_DIR=/var/lib/sigmeet-synapse

# Runs a command inside the chroot with a clean environment (nothing from the host's PATH, pyenv
# or PYTHON* variables leaks in).
in_chroot() {
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    chroot "$SYNAPSE_ROOT" "$@"
}

is_mounted() { # absolute path
  awk -v p="$1" '$5 == p { found = 1 } END { exit !found }' /proc/self/mountinfo
}

# Every mount point at or under the chroot, deepest first.
mounts_under_root() {
  awk -v r="$SYNAPSE_ROOT" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

# Mounts /proc, and /dev only when the chroot's /dev lacks a usable /dev/null. Records what this
# process mounted in SYNAPSE_MOUNTED (for umount_own_fs).
SYNAPSE_MOUNTED=()
mount_chroot_fs() {
  if ! is_mounted "$SYNAPSE_ROOT/proc"; then
    mkdir -p "$SYNAPSE_ROOT/proc"
    mount -t proc proc "$SYNAPSE_ROOT/proc" || return 1
    SYNAPSE_MOUNTED+=("$SYNAPSE_ROOT/proc")
  fi
  if [ ! -c "$SYNAPSE_ROOT/dev/null" ] && ! is_mounted "$SYNAPSE_ROOT/dev"; then
    mkdir -p "$SYNAPSE_ROOT/dev"
    mount --bind /dev "$SYNAPSE_ROOT/dev" || return 1
    SYNAPSE_MOUNTED+=("$SYNAPSE_ROOT/dev")
  fi
}

# Unmounts only what this process mounted (a running server keeps its /proc).
umount_own_fs() {
  local m rc=0
  for m in "${SYNAPSE_MOUNTED[@]}"; do
    is_mounted "$m" || continue
    umount "$m" 2>/dev/null || umount -l "$m" || { echo "synapse: could not unmount $m" >&2; rc=1; }
  done
  SYNAPSE_MOUNTED=()
  return $rc
}

# Unmounts everything at or under the chroot (lazy as a last resort).
umount_chroot_fs() {
  local m rc=0
  [ -d "$SYNAPSE_ROOT" ] || return 0
  for m in $(mounts_under_root); do
    umount "$m" 2>/dev/null || umount -l "$m" || { echo "synapse: could not unmount $m" >&2; rc=1; }
  done
  return $rc
}

# Prints the PID of the server started by start.sh while it is alive.
server_pid() {
  local pid
  [ -f "$SYNAPSE_RUN/synapse.pid" ] || return 1
  pid=$(cat "$SYNAPSE_RUN/synapse.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# True if the PID runs inside this chroot (never a recycled PID of something else).
is_chroot_pid() { # pid
  [ "$(readlink "/proc/$1/root" 2>/dev/null)" = "$SYNAPSE_ROOT" ]
}

# Seconds since a `date +%s.%N` stamp, with one decimal.
elapsed_since() { # stamp
  awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}
