#!/bin/bash
# Runs a command chrooted into an isolated root for the boot-script tests. The root keeps its own /etc, /opt, /var,
# /tmp and /root, and /usr/local from ROOT/.usr-local (directories the test made and reads afterwards); the host's /usr
# and any --ro directory (the Python that carries the AWS CLI) are bound into it read-only, with /dev/null, zero, random
# and urandom and a read-only /proc; nothing else of the host's file system is visible. It must run in a mount namespace
# of its own, so that every mount vanishes with the process:
#
#   unshare --mount --propagation private -- bash enter-root.sh --host-ns "$(readlink /proc/self/ns/mnt)" ROOT \
#     [--ro DIR]... -- COMMAND [ARG]...
set -euo pipefail
die() { echo "enter-root.sh: $*" >&2; exit 2; }
[[ ${1:-} == --host-ns ]] || die "usage: --host-ns NS ROOT [--ro DIR]... -- COMMAND..."
host_ns=$2
root=$3
shift 3
readonly_dirs=()
while [[ $# -gt 0 && $1 != -- ]]; do
  case $1 in
    --ro) readonly_dirs+=("$2"); shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
[[ ${1:-} == -- ]] || die "missing -- before the command"
shift
# Never mount in the caller's namespace: the binds would outlive the test and sit under a directory it deletes.
[[ "$(readlink /proc/self/ns/mnt)" != "$host_ns" ]] || die "not in a mount namespace of its own; run it under unshare --mount"
[[ -d $root/usr && -d $root/.usr-local ]] || die "$root is not an isolated root made by the tests"

mount --bind -o ro /usr "$root/usr"
mount --bind "$root/.usr-local" "$root/usr/local"
for dir in "${readonly_dirs[@]}"; do
  mkdir -p "$root$dir"
  mount --bind -o ro "$dir" "$root$dir"
done
for dev in null zero random urandom; do
  [[ -e $root/dev/$dev ]] || touch "$root/dev/$dev"
  mount --bind "/dev/$dev" "$root/dev/$dev"
done
# A read-only /proc for /dev/fd (process substitution) and /proc/self: nothing in the root can change a kernel setting.
mount -t proc -o ro proc "$root/proc"
for fd in fd:/proc/self/fd stdin:/proc/self/fd/0 stdout:/proc/self/fd/1 stderr:/proc/self/fd/2; do
  [[ -L $root/dev/${fd%%:*} ]] || ln -s "${fd#*:}" "$root/dev/${fd%%:*}"
done
exec chroot "$root" "$@"
