#!/usr/bin/env bash
# Side-by-side container benchmarks of burrow and podman, both rootless, same image:
# `run --rm busybox true`, the bare OCI runtime on a prepared bundle (the floor), create + rm,
# and peak RSS of one `run --rm`.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, hyperfine and GNU time):
#   bash bench/run-containers.sh [path/to/burrow]
# Every command runs as the unprivileged test user with its own HOME under a throwaway work dir.
# $B and $P are command prefixes that must split into words.
# shellcheck disable=SC2086
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

echo "== run --rm busybox true"
as_user hyperfine -N --warmup 3 --runs 30 --export-json "$work/results/run.json" \
    -n burrow "$B run --rm $image true" \
    -n burrow-no-rm "$B run $image true" \
    -n podman "$P run --rm $image true" \
    -n podman-net-none "$P run --rm --network none $image true"

echo "== floor: the OCI runtime alone on a prepared busybox bundle"
bundle="$home/bundle"
as_user sh -c "id=\$($P create $image true) && $P export \$id | tar -x -C $bundle/rootfs && $P rm \$id >/dev/null"
as_user sh -c "cd $bundle && runc spec --rootless"
python3 - "$bundle/config.json" <<'EOF'
import json, sys
config = json.load(open(sys.argv[1]))
config["process"]["args"] = ["true"]
config["process"]["terminal"] = False
json.dump(config, open(sys.argv[1], "w"), indent=2)
EOF
# Without --keep, `runc run` deletes the container when it exits, so hyperfine's strictly
# sequential runs can reuse one ID; the state root lives in this work dir, so no other run sees it.
floor=(-n runc "runc --root $home/runc-state run -b $bundle floor")
if as_user crun --cgroup-manager=disabled --root "$home/crun-state" run -b "$bundle" probe 2>"$work/crun.err"; then
    floor+=(-n crun "crun --cgroup-manager=disabled --root $home/crun-state run -b $bundle floor")
else
    echo "crun skipped, it fails on this host: $(cat "$work/crun.err")"
fi
# One run first, so a runtime that cannot run here says why instead of failing inside hyperfine.
as_user runc --root "$home/runc-state" run -b "$bundle" probe-runc || {
    echo "runc cannot run the bundle on this host; see above" >&2
    exit 1
}
as_user hyperfine -N --warmup 3 --runs 50 --export-json "$work/results/floor.json" "${floor[@]}"

echo "== create + rm"
if as_user $B create --help >/dev/null 2>&1; then
    as_user hyperfine --warmup 3 --runs 30 --export-json "$work/results/create-rm.json" \
        -n burrow "id=\$($B create $image true) && $B rm \$id" \
        -n podman "id=\$($P create $image true) && $P rm \$id"
else
    echo "skipped: this burrow has no create command"
fi

echo "== peak RSS of run --rm busybox true (GNU time %M, 10 runs each)"
for _ in $(seq 10); do
    as_user /usr/bin/time -a -o "$work/results/rss-burrow" -f %M $B run --rm "$image" true
    as_user /usr/bin/time -a -o "$work/results/rss-podman" -f %M $P run --rm "$image" true
done

python3 - "$work/results" <<'EOF'
import json, os, statistics, sys
results = sys.argv[1]

def means(name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    return {r["command"]: r["mean"] * 1000 for r in json.load(open(path))["results"]}

def rss(tool):
    # GNU time reports KiB; the median hides the odd run that pays for a page-cache miss.
    return statistics.median(int(l) for l in open(os.path.join(results, "rss-" + tool))) / 1024

run, floor, create = means("run"), means("floor"), means("create-rm")
b, p, f = run["burrow"], run["podman"], floor["runc"]
print()
print(f"{'benchmark':<19} {'burrow':>10} {'podman':>10} {'podman/burrow':>14} {'floor ms':>9} {'burrow/floor':>13}")
print(f"{'run --rm (ms)':<19} {b:>10.2f} {p:>10.2f} {p / b:>13.1f}x {f:>9.2f} {b / f:>12.2f}x")
# burrow's default network is podman's `none` (loopback only); podman's default starts slirp4netns.
pn = run["podman-net-none"]
print(f"{'run --rm (net none)':<19} {b:>10.2f} {pn:>10.2f} {pn / b:>13.1f}x {f:>9.2f} {b / f:>12.2f}x")
print(f"{'run (ms)':<19} {run['burrow-no-rm']:>10.2f} {'-':>10} {'-':>14} {f:>9.2f} {run['burrow-no-rm'] / f:>12.2f}x")
if "crun" in floor:
    print(f"{'  (crun floor)':<19} {'':>10} {'':>10} {'':>14} {floor['crun']:>9.2f} {b / floor['crun']:>12.2f}x")
if create:
    cb, cp = create["burrow"], create["podman"]
    print(f"{'create+rm (ms)':<19} {cb:>10.2f} {cp:>10.2f} {cp / cb:>13.1f}x")
else:
    print(f"{'create+rm (ms)':<19} {'skipped: burrow has no create':>39}")
rb, rp = rss("burrow"), rss("podman")
print(f"{'peak RSS (MB)':<19} {rb:>10.1f} {rp:>10.1f} {rp / rb:>13.1f}x")
EOF
