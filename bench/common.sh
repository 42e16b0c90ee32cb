# Shared setup of the side-by-side benchmarks: a throwaway work dir, the test user's HOME
# with the local registry, burrow and podman (as $B and $P, command prefixes that split into
# words) with the busybox image pulled, and podman's runtime chosen for this host.
# Sourced by the bench/*.sh scripts; expects set -euo pipefail and $1 = the burrow binary.
# shellcheck disable=SC2086,SC2034
cd "$(dirname "${BASH_SOURCE[0]}")/.."
user="${BURROW_TEST_USER:-burrowtest}"
registry="${BURROW_TEST_REGISTRY:-127.0.0.1:5000}"
bin_src="${1:-target/release/burrow}"
image="$registry/busybox:latest"

for tool in podman runc hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install $tool)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
[ -x "$bin_src" ] || { echo "no burrow binary at $bin_src: run cargo build --release" >&2; exit 1; }

work="$(mktemp -d /tmp/burrow-bench.XXXXXX)"
chmod 0755 "$work"
# Rootless podman leaves a pause process holding its user namespace; stop it at the end
# unless it was already running before this script.
pause_file="/tmp/podman-run-$(id -u "$user")/libpod/tmp/pause.pid"
pause_before="$(cat "$pause_file" 2>/dev/null || true)"
[ -n "$pause_before" ] && kill -0 "$pause_before" 2>/dev/null || pause_before=""
cleanup() {
    # Detached containers of either tool would outlive the work dir.
    if [ -n "${B:-}" ]; then as_user $B rm -a -f -t 0 >/dev/null 2>&1 || true; fi
    if [ -n "${P:-}" ]; then as_user $P rm -a -f -t 0 >/dev/null 2>&1 || true; fi
    # Storage and the bundle hold files owned by the test user's subordinate IDs; root removes them.
    rm -rf "$work"
    local pause
    pause="$(cat "$pause_file" 2>/dev/null || true)"
    if [ -z "$pause_before" ] && [ -n "$pause" ]; then kill "$pause" 2>/dev/null || true; fi
}
trap cleanup EXIT
install -m 0755 "$bin_src" "$work/burrow"
home="$work/home"
mkdir -p "$home/.config/containers" "$home/bundle/rootfs" "$work/results"
cat > "$home/.config/containers/registries.conf" <<EOF
unqualified-search-registries = ["$registry"]
[[registry]]
location = "$registry"
insecure = true
EOF
chown -R "$user:" "$home" "$work/results"

as_user() { runuser -u "$user" -- env -i HOME="$home" PATH=/usr/bin:/bin:/usr/sbin:/sbin \
    CONTAINERS_REGISTRIES_CONF="$home/.config/containers/registries.conf" "$@"; }

B="$work/burrow --root $home/b --runroot $home/brun"
P="podman --root $home/p --runroot $home/prun --storage-driver overlay --events-backend none"
as_user $B pull -q "$image" >/dev/null
as_user $P pull -q --tls-verify=false "$image" >/dev/null

# podman's default runtime (crun 1.8) refuses hosts with hybrid cgroup v1/v2 mounts; runc copes.
if as_user $P run --rm "$image" true >/dev/null 2>&1; then
    runtime="$(as_user $P info --format '{{.Host.OCIRuntime.Name}}') (podman's default)"
else
    P="$P --runtime /usr/sbin/runc --cgroup-manager=cgroupfs"
    as_user $P run --rm "$image" true || { echo "podman cannot run containers here, even with runc" >&2; exit 1; }
    runtime="runc with cgroupfs (the default runtime failed)"
fi
echo "podman runtime: $runtime"
