#!/usr/bin/env bash
# cgroup costs, in the VM tier's guest (systemd user session, cgroup v2), burrow beside podman:
#   bash tests/vm/run.sh bench/vm-cgroups.sh
# 1. `run` with its systemd scope against `--cgroups disabled` (target: the scope adds <= 5 ms);
#    podman's two ways beside it for scale;
# 2. `stats --no-stream` of 10 running containers, burrow against podman (target: >= 5x faster).
# The guest runs under TCG (no KVM on the CI host): absolute times are many times a real
# machine's, for both tools alike; the ratios are what compares.
set -euo pipefail
img="${BURROW_TEST_REGISTRY:-127.0.0.1:5000}/busybox:latest"
runs="${BENCH_RUNS:-20}"
burrow pull -q "$img" >/dev/null
podman pull -q --tls-verify=false "$img" >/dev/null

hyperfine --warmup 3 --runs "$runs" --export-json /tmp/run.json \
    -n 'burrow run (scope)' "burrow run --rm $img true" \
    -n 'burrow run --cgroups disabled' "burrow run --rm --cgroups disabled $img true" \
    -n 'podman run (scope)' "podman run --rm $img true" \
    -n 'podman run --cgroups disabled' "podman run --rm --cgroups disabled $img true" >&2

ids=()
for i in $(seq 10); do
    ids+=("$(burrow run -d "$img" sleep 1000)")
    podman run -d --name "bench$i" "$img" sleep 1000 >/dev/null
done
hyperfine --warmup 2 --runs "$runs" --export-json /tmp/stats.json \
    -n 'burrow stats --no-stream' 'burrow stats --no-stream' \
    -n 'podman stats --no-stream' 'podman stats --no-stream' >&2
burrow rm -f -t 0 "${ids[@]}" >/dev/null
podman rm -f -t 0 $(seq -f 'bench%g' 10) >/dev/null

ms() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .mean * 1000' "$1"; }
scope="$(ms /tmp/run.json 'burrow run (scope)')"
bare="$(ms /tmp/run.json 'burrow run --cgroups disabled')"
pscope="$(ms /tmp/run.json 'podman run (scope)')"
pbare="$(ms /tmp/run.json 'podman run --cgroups disabled')"
bstats="$(ms /tmp/stats.json 'burrow stats --no-stream')"
pstats="$(ms /tmp/stats.json 'podman stats --no-stream')"
awk -v s="$scope" -v b="$bare" -v ps="$pscope" -v pb="$pbare" -v bs="$bstats" -v pst="$pstats" 'BEGIN {
    printf "run with a scope:        burrow %.1f ms, --cgroups disabled %.1f ms: the scope adds %.1f ms\n", s, b, s - b
    printf "podman, for scale:       podman %.1f ms, --cgroups disabled %.1f ms: the scope adds %.1f ms\n", ps, pb, ps - pb
    printf "run (scope) vs podman:   %.1fx faster\n", ps / s
    printf "stats --no-stream of 10: burrow %.1f ms, podman %.1f ms: %.1fx faster\n", bs, pst, pst / bs
}'
