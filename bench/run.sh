#!/usr/bin/env bash
# Side-by-side benchmarks of burrow and podman, both rootless, same registry, same images.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman and hyperfine installed):
#   bash bench/run.sh [path/to/burrow]
# Every command runs as the unprivileged test user; storage is fresh for every pull.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
user="${BURROW_TEST_USER:-burrowtest}"
registry="${BURROW_TEST_REGISTRY:-127.0.0.1:5000}"
bin_src="${1:-target/release/burrow}"

for tool in podman hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install $tool)" >&2; exit 1; }
done
[ -x "$bin_src" ] || { echo "no burrow binary at $bin_src: run cargo build --release" >&2; exit 1; }

work="$(mktemp -d /tmp/burrow-bench.XXXXXX)"
chmod 0755 "$work"
# Storage holds files owned by the test user's subordinate IDs; root removes it all at the end.
trap 'rm -rf "$work"' EXIT
install -m 0755 "$bin_src" "$work/burrow"
mkdir -p "$work/home/.config/containers" "$work/results"
cat > "$work/home/.config/containers/registries.conf" <<EOF
unqualified-search-registries = ["$registry"]
[[registry]]
location = "$registry"
insecure = true
EOF
chown -R "$user:" "$work/home" "$work/results"

as_user() { runuser -u "$user" -- env -i HOME="$work/home" PATH=/usr/bin:/bin:/usr/sbin:/sbin \
    CONTAINERS_REGISTRIES_CONF="$work/home/.config/containers/registries.conf" "$@"; }

# Each pull gets a brand-new store behind a symlink; old stores are deleted only at the end.
# (Deleting a store right before the next run makes ext4's inode allocator skip every
# recently freed inode, which slows whichever tool runs next and measures the disk, not the tool.)
B="$work/burrow --root $work/home/b"
P="podman --root $work/home/p --runroot $work/home/prun --storage-driver overlay --cgroup-manager cgroupfs --events-backend none"
reset_b="ln -sfn \$(mktemp -d $work/home/b.XXXXXX) $work/home/b"
reset_p="ln -sfn \$(mktemp -d $work/home/p.XXXXXX) $work/home/p"

echo "== pull of big:latest (~50 MB, 6 gzip layers), fresh storage each run"
as_user hyperfine --warmup 1 --runs 5 --export-json "$work/results/pull.json" \
    --prepare "$reset_b" -n burrow "$B pull -q $registry/big:latest" \
    --prepare "$reset_p" -n podman "$P pull -q --tls-verify=false $registry/big:latest"

echo "== images with 10 images"
as_user sh -c "$reset_b; $reset_p"
for i in 0 1 2 3 4 5 6 7 8 9; do
    as_user $B pull -q "$registry/many/img$i:latest" >/dev/null
    as_user $P pull -q --tls-verify=false "$registry/many/img$i:latest" >/dev/null
done
as_user hyperfine -N --warmup 5 --runs 50 --export-json "$work/results/images.json" \
    -n burrow "$B images" -n podman "$P images"

echo "== --version"
as_user hyperfine -N --warmup 10 --runs 200 --export-json "$work/results/version.json" \
    -n burrow "$work/burrow --version" -n podman "podman --version"

python3 - "$work/results" <<'EOF'
import json, sys, os
print()
print(f"{'benchmark':<12} {'burrow ms':>10} {'podman ms':>10} {'podman/burrow':>14}")
for name in ["pull", "images", "version"]:
    data = json.load(open(os.path.join(sys.argv[1], name + ".json")))["results"]
    times = {r["command"]: r["mean"] * 1000 for r in data}
    b, p = times["burrow"], times["podman"]
    print(f"{name:<12} {b:>10.2f} {p:>10.2f} {p / b:>13.1f}x")
EOF
