#!/usr/bin/env bash
# distrobox on burrow beside distrobox on podman: `distrobox enter box -- true` into a running
# box of debian-box:latest, both rootless as the test user, each with a HOME of its own (that
# is where distrobox keeps the box's home and each tool its storage).
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, distrobox and hyperfine):
#   bash bench/tools.sh [path/to/burrow]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
user="${BURROW_TEST_USER:-burrowtest}"
registry="${BURROW_TEST_REGISTRY:-127.0.0.1:5000}"
bin_src="${1:-target/release/burrow}"
image="$registry/debian-box:latest"

for tool in podman distrobox hyperfine; do
    command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install $tool)" >&2; exit 1; }
done
[ -x "$bin_src" ] || { echo "no burrow binary at $bin_src: run cargo build --release" >&2; exit 1; }

work="$(mktemp -d /tmp/burrow-bench-tools.XXXXXX)"
chmod 0755 "$work"
mkdir -p "$work/bin"
install -m 0755 "$bin_src" "$work/bin/burrow"
# burrow installed as podman, as the README's drop-in install does.
ln -s burrow "$work/bin/podman"

# One session per tool: a HOME with the local registry; podman's with runc and cgroupfs
# (its default crun refuses hybrid cgroup hosts, and there is no systemd user session).
for who in burrow podman; do
    mkdir -p "$work/$who/.config/containers"
    cat > "$work/$who/.config/containers/registries.conf" <<EOF
unqualified-search-registries = ["$registry"]
[[registry]]
location = "$registry"
insecure = true
EOF
done
printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' \
    > "$work/podman/.config/containers/containers.conf"
# Native overlay, as burrow's store (podman would pick vfs here).
printf '[storage]\ndriver = "overlay"\n' > "$work/podman/.config/containers/storage.conf"
chown -R "$user:" "$work/burrow" "$work/podman"

# as WHO CMD...: CMD as the test user in WHO's session; burrow's is the `podman` first on PATH.
as() {
    local who="$1" path=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
    shift
    [ "$who" = burrow ] && path="$work/bin:$path"
    (cd "$work/$who" && runuser -u "$user" -- env -i HOME="$work/$who" USER="$user" LOGNAME="$user" \
        SHELL=/bin/bash LANG=C.UTF-8 PATH="$path" "$@")
}

cleanup() {
    for who in burrow podman; do
        as "$who" distrobox rm box --force >/dev/null 2>&1 || true
    done
    # Storage holds files owned by the test user's subordinate IDs; root removes it.
    rm -rf "$work"
}
trap cleanup EXIT

for who in burrow podman; do
    as "$who" distrobox create -i "$image" -n box --yes --no-entry </dev/null >/dev/null
    # The first enter starts the box and waits for its init.
    as "$who" distrobox enter box -- true </dev/null
done

hyperfine --warmup 3 --runs 20 -N --export-markdown "$work/tools.md" \
    -n "burrow: distrobox enter box -- true" \
    "runuser -u $user -- env -i HOME=$work/burrow USER=$user LOGNAME=$user SHELL=/bin/bash PATH=$work/bin:/usr/bin:/bin distrobox enter box -- true" \
    -n "podman: distrobox enter box -- true" \
    "runuser -u $user -- env -i HOME=$work/podman USER=$user LOGNAME=$user SHELL=/bin/bash PATH=/usr/bin:/bin distrobox enter box -- true"
cat "$work/tools.md"
