#!/usr/bin/env bash
# Boots the VM test tier's Debian 12 guest (tests/vm/README.md) once and runs a script in it as
# the user burrowtest in a real logind session; the script's output streams to this stdout,
# and this exits with the script's exit status. Run as root.
#
#   bash tests/vm/run.sh GUEST_SCRIPT [ARGS...]
#
# GUEST_SCRIPT runs in the guest from the repository, shared read-only at /mnt/repo (a script
# outside the repository is copied in). In it: burrow on PATH (/usr/local/bin/burrow, a copy of
# BURROW_VM_BINARY, default ${CARGO_TARGET_DIR:-target}/release/burrow), the host registry's
# fixtures served on 127.0.0.1:5000 (BURROW_TEST_REGISTRY), XDG_RUNTIME_DIR and the user's bus.
#
# Exit status: the script's; 124 when the guest did not finish within BURROW_VM_TIMEOUT
# seconds (default 900; QEMU is killed); 125 when the tier itself failed (the message says how,
# with the end of the guest's console). BURROW_VM_KEEP=1 keeps the work directory (console log).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
timeout_s="${BURROW_VM_TIMEOUT:-900}"
memory_mb="${BURROW_VM_MEMORY:-2048}"
cpus="${BURROW_VM_CPUS:-2}"
registry_data="${BURROW_VM_REGISTRY_DATA:-/var/tmp/burrow-registry}"
binary="${BURROW_VM_BINARY:-${CARGO_TARGET_DIR:-$repo/target}/release/burrow}"

log() { printf 'run.sh: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 125
}

[ $# -ge 1 ] || die "usage: tests/vm/run.sh GUEST_SCRIPT [ARGS...]"
script="$1"
shift
[ -f "$script" ] || die "no guest script at $script"
[ "$(id -u)" = 0 ] || die "run this as root (the image build and the guest's shares need it)"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 is missing; install it with: apt-get install qemu-system-x86 (or bash tests/fixtures/setup.sh --packages)"
[ -x "$binary" ] || die "no burrow binary at $binary; build it with: cargo build --release --features failpoints (or set BURROW_VM_BINARY)"
[ -d "$registry_data/docker" ] || die "no registry storage at $registry_data; run: bash tests/fixtures/setup.sh (or set BURROW_VM_REGISTRY_DATA)"

# BURROW_VM_IMAGE names an image directory to boot instead of build-image.sh's.
if [ -n "${BURROW_VM_IMAGE:-}" ]; then
    image="$BURROW_VM_IMAGE"
    [ -f "$image/disk.raw" ] || die "no guest image in BURROW_VM_IMAGE=$image (disk.raw is missing)"
else
    image="$(bash "$here/build-image.sh")" || die "the guest image could not be built; see the messages above"
fi

work="$(mktemp -d "${TMPDIR:-/var/tmp}/burrow-vm-run.XXXXXX")"
qemu_pid=
cleanup() {
    [ -z "$qemu_pid" ] || kill -TERM "$qemu_pid" 2>/dev/null || true
    if [ "${BURROW_VM_KEEP:-}" = 1 ]; then
        log "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'log "interrupted; stopping the guest"; exit 130' INT TERM

# The staging share: burrow and the command line (NUL-separated, as the runner reads it).
stage="$work/run"
mkdir -p "$stage"
install -m 0755 "$binary" "$stage/burrow"
script_abs="$(realpath "$script")"
case "$script_abs" in
"$repo"/*) guest_script="/mnt/repo/${script_abs#"$repo"/}" ;;
*)
    install -m 0755 "$script_abs" "$stage/script"
    guest_script=/mnt/run/script
    ;;
esac
if [ -x "$script_abs" ]; then
    printf '%s\0' "$guest_script" "$@" >"$stage/cmd"
else
    printf '%s\0' /bin/bash "$guest_script" "$@" >"$stage/cmd"
fi

# The registry's storage goes in as a disk of its own: served from 9p it made the guest's
# kernel lock up under TCG. mkfs.ext4 -d copies a tree without mounting anything.
size_mb=$(($(du -sm "$registry_data" | cut -f1) * 5 / 4 + 64))
mkfs.ext4 -q -L burrow-registry -d "$registry_data" "$work/registry.raw" "${size_mb}M" >"$work/mkfs.log" 2>&1 || {
    cat "$work/mkfs.log" >&2
    die "could not copy the registry storage $registry_data into a disk image"
}

# The script's output arrives on a virtio serial port written to a FIFO that cat copies to our
# stdout as it comes. Holding the FIFO open ourselves means cat ends exactly when we close it
# after QEMU is gone, whether or not QEMU ever opened it.
mkfifo "$work/out"
cat "$work/out" &
cat_pid=$!
exec 3>"$work/out"
: >"$work/status"

log "booting the guest (timeout ${timeout_s}s)"
started=$SECONDS
set +e
TMPDIR="$work" timeout --kill-after=10 "$timeout_s" qemu-system-x86_64 \
    -accel tcg -cpu max -smp "$cpus" -m "$memory_mb" \
    -nodefaults -display none -no-reboot -nic none \
    -kernel "$image/vmlinuz" -initrd "$image/initrd.img" \
    -append "root=/dev/vda rw console=ttyS0 panic=1 quiet systemd.show_status=1" \
    -drive "file=$image/disk.raw,format=raw,if=virtio,snapshot=on" \
    -drive "file=$work/registry.raw,format=raw,if=virtio,snapshot=on" \
    -fsdev "local,id=repo,path=$repo,security_model=none,readonly=on" \
    -device virtio-9p-pci,fsdev=repo,mount_tag=repo \
    -fsdev "local,id=run,path=$stage,security_model=none,readonly=on" \
    -device virtio-9p-pci,fsdev=run,mount_tag=run \
    -serial "file:$work/console.log" \
    -device virtio-serial-pci \
    -chardev "file,id=out,path=$work/out" -device virtserialport,chardev=out,name=burrow.out \
    -chardev "file,id=status,path=$work/status" -device virtserialport,chardev=status,name=burrow.status \
    </dev/null >"$work/qemu.log" 2>&1 &
qemu_pid=$!
wait "$qemu_pid"
qemu_status=$?
qemu_pid=
set -e
exec 3>&-
wait "$cat_pid" || true

console_tail() {
    log "the last lines of the guest's console:"
    tail -n "${1:-40}" "$work/console.log" | sed 's/^/  console: /' >&2 || true
    if [ -s "$work/qemu.log" ]; then
        sed 's/^/  qemu: /' "$work/qemu.log" >&2
    fi
}

if [ "$qemu_status" = 124 ] || [ "$qemu_status" = 137 ]; then
    console_tail
    log "error: the guest did not finish within ${timeout_s}s (BURROW_VM_TIMEOUT); QEMU was killed"
    exit 124
fi
status="$(head -n 1 "$work/status")"
log "the guest booted, ran the script and powered off in $((SECONDS - started))s"
if ! [[ "$status" =~ ^[0-9]+$ ]]; then
    console_tail
    die "the guest stopped without reporting the script's exit status (QEMU exited with $qemu_status)"
fi
exit "$status"
