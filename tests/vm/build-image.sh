#!/usr/bin/env bash
# Builds the Debian 12 guest of the VM test tier (tests/vm/README.md) and prints the directory
# that holds it (disk.raw, vmlinuz, initrd.img). Run as root. The result is cached under
# $BURROW_VM_CACHE (default /var/cache/burrow-vm) in a directory named by a hash of the build
# inputs (this script and tests/vm/image/), so a second call with the same inputs is instant.
# The build happens in a temporary directory renamed into place when complete: a killed build
# leaves no half-made image, only a .build-* directory the next build removes.
#
#   bash tests/vm/build-image.sh          # progress on stderr, the image directory on stdout
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${BURROW_VM_CACHE:-/var/cache/burrow-vm}"
mirror="${BURROW_VM_MIRROR:-http://deb.debian.org/debian}"
# The guest's user: the same name as the host tests' user, with the first uid Debian hands out.
guest_user=burrowtest
# What the guest needs: systemd as PID 1 with logind and a user bus; the kernel (its
# initramfs has virtio; 9p loads as a module from the root file system); burrow's helpers
# (uidmap, passt, slirp4netns); busybox for scripts; the fixture registry; podman with its
# runtimes for side-by-side benchmarks; hyperfine to run them; jq for cases that read JSON.
# The kernel comes from bookworm-backports: burrow mounts overlays with `lowerdir+`, which needs
# Linux 6.8 or newer (bookworm's own kernel is 6.1).
kernel=linux-image-amd64/bookworm-backports
packages=(
    systemd-sysv udev dbus dbus-user-session libpam-systemd kmod initramfs-tools
    uidmap passt slirp4netns busybox-static docker-registry curl ca-certificates procps iproute2
    podman crun runc conmon catatonit fuse-overlayfs hyperfine jq
)

log() { printf 'build-image.sh: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

[ "$(id -u)" = 0 ] || die "run this as root (debootstrap and chroot need it)"
command -v debootstrap >/dev/null || die "debootstrap is missing; install it with: apt-get install debootstrap (or bash tests/fixtures/setup.sh --packages)"
command -v mkfs.ext4 >/dev/null || die "mkfs.ext4 is missing; install it with: apt-get install e2fsprogs"

key="$(
    {
        printf '%s\n' "$mirror" "$kernel" "${packages[@]}"
        cat "${BASH_SOURCE[0]}"
        find "$here/image" -type f -print0 | sort -z | xargs -0 sha256sum | sed "s|$here/||"
    } | sha256sum | cut -c1-16
)"
final="$cache/$key"
# A used image's directory is touched, so that pruning (below) keeps the recently used ones.
if [ -f "$final/disk.raw" ]; then
    touch "$final"
    echo "$final"
    exit 0
fi

mkdir -p "$cache"
# One build at a time: a second caller waits here and then finds the image made.
exec 9>"$cache/.lock"
flock 9
if [ -f "$final/disk.raw" ]; then
    echo "$final"
    exit 0
fi
# Unmounts whatever a build left mounted below a directory, then removes it, never crossing
# into another file system.
remove_build() {
    local dir="$1" target
    [ -e "$dir" ] || return 0
    findmnt -rn -o TARGET | { grep -F "$dir/" || true; } | sort -r | while read -r target; do
        umount -l "$target" || true
    done
    rm -rf --one-file-system "$dir"
}
# Builds that were killed.
for old in "$cache"/.build-*; do
    [ -e "$old" ] && remove_build "$old"
done

stage="$(mktemp -d "$cache/.build-XXXXXX")"
trap 'remove_build "$stage"' EXIT
root="$stage/root"

# debootstrap makes a minimal base; apt in the chroot installs the rest, since debootstrap's own
# resolver does not follow virtual packages (podman needs a container-network-stack).
log "debootstrapping a minimal Debian 12 into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" </dev/null >"$stage/debootstrap.log" 2>&1 || {
    tail -n 30 "$stage/debootstrap.log" >&2
    [ -f "$root/debootstrap/debootstrap.log" ] && tail -n 30 "$root/debootstrap/debootstrap.log" >&2
    die "debootstrap of Debian 12 from $mirror failed; see its messages above"
}

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@" </dev/null; }
# The guest boots straight from a virtio disk: an initramfs of just those modules is made
# much faster than Debian's default one of most drivers.
mkdir -p "$root/etc/initramfs-tools/conf.d" "$root/usr/share/initramfs-tools/modules.d"
printf 'MODULES=list\nRESUME=none\n' >"$root/etc/initramfs-tools/conf.d/burrow-vm"
printf '%s\n' virtio_pci virtio_blk ext4 crc32c_generic >"$root/usr/share/initramfs-tools/modules.d/burrow-vm"
# Packages' services are not started in the chroot.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
echo "deb $mirror bookworm-backports main" >"$root/etc/apt/sources.list.d/backports.list"
log "installing ${#packages[@]} packages and $kernel in the guest (a few minutes)"
{ in_root apt-get update && in_root apt-get install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confold "${packages[@]}" "$kernel"; } >"$stage/apt.log" 2>&1 || {
    tail -n 40 "$stage/apt.log" >&2
    die "installing the guest's packages from $mirror failed; see apt's messages above"
}
umount "$root/proc"
rm -f "$root/usr/sbin/policy-rc.d" "$root/etc/resolv.conf"
in_root apt-get clean

log "configuring the guest"
echo burrow-vm >"$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 burrow-vm\n' >"$root/etc/hosts"
# The fixture registry's storage: a second disk that tests/vm/run.sh makes for each run.
printf '/dev/vda / ext4 rw,relatime 0 1\nLABEL=burrow-registry /var/lib/burrow-registry ext4 rw,nofail,x-systemd.device-timeout=60s 0 0\n' >"$root/etc/fstab"
mkdir -p "$root/var/lib/burrow-registry"
cp -a "$here/image/files/." "$root/"
chmod 0755 "$root/usr/local/libexec/burrow-vm/runner"

# The user with a home, subordinate ids and lingering (what `loginctl enable-linger` writes),
# so its systemd manager runs from boot on.
in_root useradd --create-home --shell /bin/bash --uid 1000 -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 "$guest_user"
echo "$guest_user:100000:65536" >"$root/etc/subuid"
echo "$guest_user:100000:65536" >"$root/etc/subgid"
mkdir -p "$root/var/lib/systemd/linger"
touch "$root/var/lib/systemd/linger/$guest_user"
# Short names and the guest registry, as tests/fixtures/setup.sh sets up on the host.
mkdir -p "$root/home/$guest_user/.config/containers"
printf 'unqualified-search-registries = ["127.0.0.1:5000"]\n\n[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n' \
    >"$root/home/$guest_user/.config/containers/registries.conf"
in_root chown -R "$guest_user:" "/home/$guest_user"

# Debian's registry would serve an empty store on :5000; burrow-registry serves the fixtures.
in_root systemctl mask docker-registry.service 2>/dev/null
in_root systemctl enable burrow-registry.service burrow-vm-net.service burrow-vm.service 2>/dev/null
in_root systemctl set-default multi-user.target 2>/dev/null
# Nothing a test boot needs, and each costs seconds under TCG (podman's command line works
# without its API service).
for unit in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service \
    fstrim.timer man-db.timer dpkg-db-backup.timer podman.service podman.socket \
    podman-auto-update.service podman-auto-update.timer podman-restart.service \
    podman-clean-transient.service systemd-timesyncd.service modprobe@drm.service \
    modprobe@efi_pstore.service; do
    in_root systemctl mask "$unit" >/dev/null 2>&1 || true
done
# A root password nobody needs; the console is for reading.
in_root passwd -l root >/dev/null

cp -L "$root/vmlinuz" "$stage/vmlinuz"
cp -L "$root/initrd.img" "$stage/initrd.img"
rm -rf "$root"/var/lib/apt/lists/*

log "writing the disk image"
# mkfs.ext4 -d copies the tree with owners, modes and links: no loop device, no mount.
remaining="$(findmnt -rn -o TARGET | grep -F "$root/" || true)"
[ -z "$remaining" ] || die "something is still mounted below $root: $remaining"
mkfs.ext4 -q -L burrow-vm -d "$root" "$stage/disk.raw" 4G >"$stage/mkfs.log" 2>&1 || {
    cat "$stage/mkfs.log" >&2
    die "mkfs.ext4 could not write the guest's disk image"
}
rm -rf --one-file-system "$root"
rm -f "$stage/debootstrap.log" "$stage/apt.log" "$stage/mkfs.log"

mv "$stage" "$final"
# Images of other inputs: this one and the two used last stay (another worktree may build
# from other inputs).
ls -1dt "$cache"/*/ | tail -n +4 | while read -r old; do
    rm -rf --one-file-system "$old"
done
trap - EXIT
log "image ready in $final"
echo "$final"
