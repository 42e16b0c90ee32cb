#!/usr/bin/env bash
# Rootless networking side by side with podman (Debian's 4.3.1: slirp4netns with its port
# handler; it has no pasta): TCP throughput host -> container through a published port
# (iperf3), and what networking adds to a container's start over --network none.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, hyperfine, iperf3, passt):
#   bash bench/network.sh [path/to/burrow]
# Traffic stays on the host's loopback and the containers' namespaces.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
command -v iperf3 >/dev/null || { echo "bench needs iperf3 (apt-get install iperf3)" >&2; exit 1; }
seconds="${NET_BENCH_SECONDS:-5}"

# The busybox image has no iperf3: the host's, bound in read-only with its libraries.
host_bins=(-v /usr:/usr:ro -v /lib64:/lib64:ro -v /lib:/lib:ro)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Mean receive rate in Gbit/s of an iperf3 run against 127.0.0.1:$1.
throughput() {
    local port="$1" json
    for _ in $(seq 100); do
        if json="$(iperf3 -c 127.0.0.1 -p "$port" -t "$seconds" -J 2>/dev/null)" &&
            echo "$json" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if "error" not in d else 1)'; then
            echo "$json" | python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e9))'
            return
        fi
        sleep 0.1 # the server in the container is still starting
    done
    echo "iperf3 never connected to port $port" >&2
    exit 1
}

echo "== TCP throughput host -> container through a published port (iperf3, ${seconds}s)"
bport="$(free_port)"
as_user $B run -d --name iperf -p "$bport:5201" "${host_bins[@]}" "$image" /usr/bin/iperf3 -s >/dev/null
b_rate="$(throughput "$bport")"
as_user $B rm -f -t 0 iperf >/dev/null
sport="$(free_port)"
as_user $B run -d --name iperf --network slirp4netns -p "$sport:5201" "${host_bins[@]}" "$image" /usr/bin/iperf3 -s >/dev/null
s_rate="$(throughput "$sport")"
as_user $B rm -f -t 0 iperf >/dev/null
pport="$(free_port)"
as_user $P run -d --name iperf -p "$pport:5201" "${host_bins[@]}" "$image" /usr/bin/iperf3 -s >/dev/null
p_rate="$(throughput "$pport")"
as_user $P rm -f -t 0 iperf >/dev/null
echo "burrow (pasta):       $b_rate Gbit/s"
echo "burrow (slirp4netns): $s_rate Gbit/s"
# The ceiling: the same client and server over the host's loopback, no forwarder between.
lport="$(free_port)"
iperf3 -s -1 -p "$lport" >/dev/null 2>&1 &
l_rate="$(throughput "$lport")"
wait
echo "plain host loopback:  $l_rate Gbit/s (no container, the ceiling)"
echo "podman (slirp4netns): $p_rate Gbit/s"
python3 -c "print('ratio burrow/podman: pasta %.1fx, slirp4netns %.1fx' % ($b_rate/$p_rate, $s_rate/$p_rate))"

echo "== container start with networking vs --network none (run --rm true)"
as_user hyperfine -N --warmup 3 --runs 20 --export-json "$work/results/net-start.json" \
    -n "burrow none" "$B run --rm --network none $image true" \
    -n "burrow pasta" "$B run --rm $image true" \
    -n "burrow slirp4netns" "$B run --rm --network slirp4netns $image true" \
    -n "podman none" "$P run --rm --network none $image true" \
    -n "podman slirp4netns" "$P run --rm $image true"
python3 - "$work/results/net-start.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
for tool, net in (("burrow", "pasta"), ("burrow", "slirp4netns"), ("podman", "slirp4netns")):
    print(f"{tool} {net}: +{r[f'{tool} {net}'] - r[f'{tool} none']:.1f} ms over --network none ({r[f'{tool} none']:.1f} ms)")
PY
