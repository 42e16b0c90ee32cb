#!/usr/bin/env bash
# Side-by-side benchmarks of detached containers, burrow against podman, both rootless:
# `ps` with 20 running containers, `exec CTR true`, `run -d` until the container runs, the
# memory of a container's monitor against conmon's, and the CPU 100 idle monitors use.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, conmon, hyperfine):
#   bash bench/detached.sh [path/to/burrow]
# podman runs with --network none, burrow's only network, so neither starts a network helper.
# shellcheck disable=SC2086
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

echo "== 20 running containers each"
for i in $(seq 20); do
    as_user $B run -d --name "b$i" "$image" sleep 100000 >/dev/null
    as_user $P run -d --network none --name "p$i" "$image" sleep 100000 >/dev/null
done

echo "== ps with 20 running containers"
as_user hyperfine -N --warmup 3 --runs 30 --export-json "$work/results/ps.json" \
    -n burrow "$B ps" -n podman "$P ps"

echo "== exec CTR true"
as_user hyperfine -N --warmup 3 --runs 30 --export-json "$work/results/exec.json" \
    -n burrow "$B exec b1 true" -n podman "$P exec p1 true"

echo "== run -d --rm busybox true (returns once the container's process runs)"
as_user hyperfine -N --warmup 3 --runs 20 --export-json "$work/results/rund.json" \
    -n burrow "$B run -d --rm $image true" \
    -n podman "$P run -d --rm --network none $image true"

echo "== monitor memory: VmRSS of burrow's monitors and of conmon, 20 containers each"
rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
for i in $(seq 20); do
    rss "$(as_user $B inspect --format '{{.State.ConmonPid}}' "b$i")" >>"$work/results/rss-monitor"
    rss "$(as_user $P inspect --format '{{.State.ConmonPid}}' "p$i")" >>"$work/results/rss-conmon"
done

echo "== CPU of 100 idle burrow monitors over 10 s"
for i in $(seq 21 100); do
    as_user $B run -d --name "b$i" "$image" sleep 100000 >/dev/null
done
monitors=$(for i in $(seq 100); do as_user $B inspect --format '{{.State.ConmonPid}}' "b$i"; done)
ticks() { for pid in $monitors; do awk '{print $14 + $15}' "/proc/$pid/stat"; done | paste -sd+ | bc; }
before=$(ticks)
sleep 10
after=$(ticks)
echo $((after - before)) >"$work/results/idle-ticks"

python3 - "$work/results" <<'PY'
import json, os, statistics, sys
results = sys.argv[1]

def means(name):
    return {r["command"]: r["mean"] * 1000 for r in json.load(open(os.path.join(results, name + ".json")))["results"]}

def median_kib(name):
    return statistics.median(int(l) for l in open(os.path.join(results, name)))

print()
print(f"{'benchmark':<28} {'burrow':>10} {'podman':>10} {'podman/burrow':>14}")
for label, name in [("ps, 20 running (ms)", "ps"), ("exec CTR true (ms)", "exec"), ("run -d --rm true (ms)", "rund")]:
    m = means(name)
    print(f"{label:<28} {m['burrow']:>10.2f} {m['podman']:>10.2f} {m['podman'] / m['burrow']:>13.1f}x")
b, c = median_kib("rss-monitor"), median_kib("rss-conmon")
print(f"{'monitor RSS (KiB, median)':<28} {b:>10.0f} {c:>10.0f} {c / b:>13.1f}x   (burrow-monitor vs conmon)")
ticks = int(open(os.path.join(results, "idle-ticks")).read())
print(f"{'100 idle monitors, 10 s':<28} {ticks:>10} clock ticks of CPU (user+system, all monitors)")
PY
