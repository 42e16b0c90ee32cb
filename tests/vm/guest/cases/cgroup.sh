# cgroup v2 through the systemd user manager (issue 14): each container in a scope
# burrow-<ID>.scope of the user's manager, its limits enforced, pause/stop through the freezer.
# Each case_NAME function is one case (see tests/vm/README.md).

busybox() {
    image busybox:latest
}

# The container's cgroup directory on the host, from its process.
container_cgroup() {
    local pid
    pid="$(burrow inspect --format '{{.State.Pid}}' "$1")"
    echo "/sys/fs/cgroup$(sed -n 's/^0:://p' "/proc/$pid/cgroup")"
}

case_cgroup_scope_holds_the_container() {
    local id dir
    id="$(burrow run -d "$(busybox)" sleep 1000)"
    dir="$(container_cgroup "$id")"
    expect_eq "scope name" "$(basename "$dir")" "burrow-$id.scope"
    expect_eq "scope state" "$(systemctl --user is-active "burrow-$id.scope")" active
    # Inside, with its own cgroup namespace, the container sees its cgroup as the root.
    expect_eq "container's view" "$(burrow exec "$id" cat /proc/self/cgroup)" "0::/"
    burrow rm -f "$id" >/dev/null
    wait_for "the scope to go" 10 bash -c "! systemctl --user is-active burrow-$id.scope >/dev/null"
    [ ! -d "$dir" ] || fail "cgroup $dir is still there after rm"
}

case_cgroup_memory_oom_kills_with_137() {
    local status=0
    burrow run --name oom --memory 32m --memory-swap 32m "$(busybox)" \
        sh -c 'x=a; while true; do x="$x$x"; done' || status=$?
    expect_eq "exit status" "$status" 137
    expect_eq "OOMKilled" "$(burrow inspect --format '{{.State.OOMKilled}}' oom)" true
    burrow rm oom >/dev/null
}

case_cgroup_pids_limit_stops_forks() {
    local out
    # The limit is read before the forks fill it (cat is a process too); the kills are builtins.
    out="$(burrow run --rm --pids-limit 5 "$(busybox)" sh -c \
        'cat /sys/fs/cgroup/pids.max; for i in 1 2 3 4 5 6 7 8; do sleep 30 & done 2>&1; kill %1 %2 %3 %4 2>/dev/null; exit 0' 2>&1)" || true
    grep -qx 5 <<<"$out" || fail "pids.max is not 5: $out"
    [[ "$out" == *"can't fork"* || "$out" == *"Resource temporarily unavailable"* ]] \
        || fail "forks past the limit did not fail: $out"
}

case_cgroup_default_pids_limit_2048() {
    expect_eq "pids.max" "$(burrow run --rm "$(busybox)" cat /sys/fs/cgroup/pids.max)" 2048
}

case_cgroup_cpu_quota_in_cpu_max() {
    expect_eq "cpu.max" "$(burrow run --rm --cpus 0.5 "$(busybox)" cat /sys/fs/cgroup/cpu.max)" "50000 100000"
    expect_eq "memory.max" "$(burrow run --rm --memory 64m "$(busybox)" cat /sys/fs/cgroup/memory.max)" 67108864
    expect_eq "cpuset.cpus" "$(burrow run --rm --cpuset-cpus 0 "$(busybox)" cat /sys/fs/cgroup/cpuset.cpus)" 0
}

case_cgroup_pause_stops_a_counter() {
    local id dir before after until
    id="$(burrow run -d "$(busybox)" sh -c 'i=0; while true; do i=$((i+1)); echo $i > /tmp/n; done')"
    wait_for "the counter to start" 10 burrow exec "$id" test -s /tmp/n
    burrow pause "$id" >/dev/null
    dir="$(container_cgroup "$id")"
    expect_eq "frozen" "$(sed -n 's/^frozen //p' "$dir/cgroup.events")" 1
    before="$(cat "/proc/$(burrow inspect --format '{{.State.Pid}}' "$id")/stat" | cut -d' ' -f14)"
    # A second of wall time for a running loop to have used CPU time, had it not been frozen.
    until=$(($(date +%s) + 1))
    wait_for "a second to pass" 5 bash -c "[ \$(date +%s) -gt $until ]"
    after="$(cat "/proc/$(burrow inspect --format '{{.State.Pid}}' "$id")/stat" | cut -d' ' -f14)"
    expect_eq "CPU time while paused" "$after" "$before"
    burrow unpause "$id" >/dev/null
    wait_for "the counter to move on" 10 bash -c \
        "test \$(cut -d' ' -f14 /proc/$(burrow inspect --format '{{.State.Pid}}' "$id")/stat) -gt $before"
    burrow rm -f "$id" >/dev/null
}

case_cgroup_stop_of_a_forking_container() {
    local id dir
    id="$(burrow run -d "$(busybox)" sh -c 'trap "" TERM; while true; do sleep 0.01 & wait; done')"
    dir="$(container_cgroup "$id")"
    burrow stop -t 1 "$id" >/dev/null
    [ ! -d "$dir" ] || fail "cgroup $dir is still there after stop"
    burrow rm "$id" >/dev/null
}

case_cgroup_cgroupfs_in_a_delegated_scope() {
    local out
    out="$(systemd-run --user --scope --quiet -p Delegate=yes \
        burrow --cgroup-manager cgroupfs run --rm --memory 64m "$(busybox)" cat /sys/fs/cgroup/memory.max)"
    expect_eq "memory.max" "$out" 67108864
}

case_cgroup_disabled_runs_without_a_cgroup() {
    local status=0 out
    expect_eq "run" "$(burrow run --rm --cgroups disabled "$(busybox)" echo hi)" hi
    out="$(burrow run --rm --cgroups disabled --memory 64m "$(busybox)" true 2>&1)" || status=$?
    expect_eq "status" "$status" 125
    [[ "$out" == *"--memory cannot be applied with --cgroups disabled"* ]] || fail "$out"
}

case_cgroup_bad_input_is_named() {
    local status out
    status=0; out="$(burrow run --rm --memory 12q "$(busybox)" true 2>&1)" || status=$?
    expect_eq "--memory 12q status" "$status" 125
    [[ "$out" == *"invalid value for memory: invalid size: '12q'"* ]] || fail "$out"
    status=0; out="$(burrow run --rm --cpus -1 "$(busybox)" true 2>&1)" || status=$?
    expect_eq "--cpus -1 status" "$status" 125
    [[ "$out" == *"the number of CPUs cannot be negative"* ]] || fail "$out"
    status=0; out="$(burrow run --rm --cpuset-cpus 0-63 "$(busybox)" true 2>&1)" || status=$?
    expect_eq "--cpuset-cpus status" "$status" 125
    [[ "$out" == *"are not in the set this cgroup may use"* ]] || fail "$out"
    expect_eq "containers left" "$(burrow ps -a -q)" ""
    [ -z "$(systemctl --user list-units --plain --no-legend 'burrow-*.scope')" ] \
        || fail "a scope was left behind"
}

case_cgroup_info_lists_controllers() {
    local out
    out="$(burrow info --format json)"
    [[ "$out" == *'"cgroupControllers"'*'"memory"'* ]] || fail "no memory in cgroupControllers: $out"
}

# One number of `stats --no-stream` for a container: stat_of CONTAINER FIELD.
stat_of() {
    burrow stats --no-stream --format "{{.$2}}" "$1"
}

case_cgroup_stats_numbers_move() {
    local burn mem idle out
    burn="$(burrow run -d --name burn "$(busybox)" sh -c 'while :; do :; done')"
    # 24 MiB held by the shell, and 8 MiB written through to the disk.
    mem="$(burrow run -d --name mem "$(busybox)" sh -c \
        'dd if=/dev/zero of=/tmp/f bs=1M count=8 conv=fsync 2>/dev/null; x="$(head -c 25165824 /dev/zero | tr "\0" a)"; touch /tmp/ready; sleep 1000 & sleep 1000; echo ${#x}')"
    idle="$(burrow run -d --name idle "$(busybox)" sleep 1000)"
    wait_for "the allocation" 60 burrow exec mem test -e /tmp/ready
    wait_for "CPU time to add up" 30 bash -c "[ \$(burrow stats --no-stream --format '{{.CPUNano}}' burn) -gt 1000000000 ]"
    out="$(stat_of burn CPU)"
    awk -v c="$out" 'BEGIN { exit !(c > 30) }' || fail "a spinning container shows $out% CPU"
    out="$(stat_of idle CPU)"
    awk -v c="$out" 'BEGIN { exit !(c < 10) }' || fail "a sleeping container shows $out% CPU"
    out="$(burrow stats --no-stream --format json mem | jq -r '.[0].mem_usage')"
    local bytes
    bytes="$(cat "$(container_cgroup mem)/memory.current")"
    [ "$bytes" -gt 25000000 ] || fail "memory.current is only $bytes"
    [[ "$out" == 2[0-9].*MB\ /\ *GB || "$out" == 3[0-9].*MB\ /\ *GB ]] \
        || fail "24 MiB held shows as $out"
    expect_eq "pids" "$(stat_of mem PIDs)" 3
    out="$(stat_of mem BlockOutput)"
    [ "$out" -ge 8388608 ] || fail "8 MiB written shows as $out bytes"
    # Network: what the container sends is counted in its own namespace.
    local before after
    before="$(stat_of idle NetOutput)"
    burrow exec idle sh -c "echo hi | nc -w 1 \$(ip route | awk '/^default/ {print \$3; exit}') 9; true" 2>/dev/null
    after="$(stat_of idle NetOutput)"
    [ "$after" -gt "$before" ] || fail "network output stayed at $before after a connection attempt"
    # Several containers at once, in the table and as JSON.
    out="$(burrow stats --no-stream)"
    [[ "$(head -1 <<<"$out")" == "ID"*"NAME"*"CPU %"*"MEM USAGE / LIMIT"*"MEM %"*"NET IO"*"BLOCK IO"*"PIDS"*"CPU TIME"*"AVG CPU %" ]] \
        || fail "header: $(head -1 <<<"$out")"
    expect_eq "rows" "$(tail -n +2 <<<"$out" | wc -l)" 3
    expect_eq "json names" "$(burrow stats --no-stream --format json | jq -r '.[].name' | sort | tr '\n' ' ')" "burn idle mem "
    # A memory limit is the limit shown.
    burrow update --memory 256m idle >/dev/null
    expect_eq "limit" "$(burrow stats --no-stream --format '{{.MemLimit}}' idle)" 268435456
    burrow rm -f -t 0 "$burn" "$mem" "$idle" >/dev/null
}

case_cgroup_update_changes_limits_live() {
    local id dir status out
    id="$(burrow run -d --name upd --memory 64m "$(busybox)" sh -c \
        'x="$(head -c 16777216 /dev/zero | tr "\0" a)"; touch /tmp/ready; sleep 1000; echo ${#x}')"
    dir="$(container_cgroup "$id")"
    wait_for "the allocation" 60 burrow exec upd test -e /tmp/ready
    expect_eq "update prints the ID" "$(burrow update --memory 128m --pids-limit 100 --cpus 0.5 upd)" "$id"
    expect_eq "memory.max" "$(cat "$dir/memory.max")" 134217728
    expect_eq "memory.max inside" "$(burrow exec upd cat /sys/fs/cgroup/memory.max)" 134217728
    expect_eq "pids.max" "$(cat "$dir/pids.max")" 100
    expect_eq "cpu.max" "$(cat "$dir/cpu.max")" "50000 100000"
    expect_eq "systemd's MemoryMax" "$(systemctl --user show -P MemoryMax "burrow-$id.scope")" 134217728
    expect_eq "inspect" "$(burrow inspect --format '{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}} {{.HostConfig.NanoCpus}}' upd)" \
        "134217728 100 500000000"
    # Below what it uses now: refused, and nothing changes.
    status=0; out="$(burrow update --memory 4m upd 2>&1)" || status=$?
    expect_eq "below usage status" "$status" 125
    [[ "$out" == *"cannot lower the memory limit of container upd to 4194304 bytes: it uses"* ]] || fail "$out"
    expect_eq "memory.max after a refused update" "$(cat "$dir/memory.max")" 134217728
    status=0; out="$(burrow update --memory 12q upd 2>&1)" || status=$?
    expect_eq "12q status" "$status" 125
    [[ "$out" == *"invalid size: '12q'"* ]] || fail "$out"
    status=0; out="$(burrow update --cpuset-cpus 0-63 upd 2>&1)" || status=$?
    expect_eq "cpuset status" "$status" 125
    [[ "$out" == *"are not in the set this cgroup may use"* ]] || fail "$out"
    status=0; out="$(burrow update --memory 64m nosuch 2>&1)" || status=$?
    expect_eq "missing container status" "$status" 125
    burrow rm -f -t 0 upd >/dev/null
    # A container that does not run keeps the new limits for its start.
    burrow create --name later --memory 64m "$(busybox)" cat /sys/fs/cgroup/memory.max >/dev/null
    burrow update --memory 96m later >/dev/null
    expect_eq "limit at start" "$(burrow start -a later)" 100663296
    burrow rm later >/dev/null
}

case_cgroup_paused_shows_as_paused() {
    local id status out start
    id="$(burrow run -d --name pz "$(busybox)" sleep 1000)"
    burrow pause pz >/dev/null
    expect_eq "ps" "$(burrow ps --format '{{.Names}} {{.Status}}' --filter status=paused)" "pz Paused"
    expect_eq "inspect" "$(burrow inspect --format '{{.State.Status}} {{.State.Paused}} {{.State.Running}}' pz)" "paused true false"
    status=0; out="$(burrow exec pz true 2>&1)" || status=$?
    [ "$status" -ne 0 ] || fail "exec into a paused container worked"
    status=0; out="$(burrow top pz 2>&1)" || status=$?
    expect_eq "top status" "$status" 125
    [[ "$out" == *"top can only be used on running containers"*"paused"* ]] || fail "$out"
    expect_eq "stats of a paused container" "$(stat_of pz PIDs)" 1
    status=0; out="$(burrow pause pz 2>&1)" || status=$?
    [[ "$out" == *"is already paused"* ]] || fail "$out"
    burrow unpause pz >/dev/null
    expect_eq "after unpause" "$(burrow inspect --format '{{.State.Status}} {{.State.Paused}}' pz)" "running false"
    # A paused container stops at once (thawed to take the signal).
    burrow pause pz >/dev/null
    burrow stop -t 1 pz >/dev/null
    expect_eq "stopped" "$(burrow inspect --format '{{.State.Status}}' pz)" exited
    burrow rm pz >/dev/null
}

case_cgroup_top_lists_the_cgroup() {
    local out
    # In the host's PID namespace only the cgroup says which processes are the container's.
    burrow run -d --name hostpid --pid host "$(busybox)" sh -c 'sleep 1001 & exec sleep 1002' >/dev/null
    wait_for "both sleeps" 10 bash -c "[ \$(burrow top hostpid args | grep -c 'sleep 100[12]') = 2 ]"
    out="$(burrow top hostpid pid args)"
    expect_eq "rows" "$(tail -n +2 <<<"$out" | wc -l)" 2
    burrow rm -f -t 0 hostpid >/dev/null
}

case_cgroup_namespace_private_and_host() {
    local id
    expect_eq "private" "$(burrow run --rm --cgroupns private "$(busybox)" cat /proc/self/cgroup)" "0::/"
    id="$(burrow run -d --cgroupns host "$(busybox)" sleep 1000)"
    expect_eq "host" "$(burrow exec "$id" cat /proc/self/cgroup)" \
        "0:$(sed -n 's/^0://p' "/proc/$(burrow inspect --format '{{.State.Pid}}' "$id")/cgroup")"
    [[ "$(burrow exec "$id" cat /proc/self/cgroup)" == *"/burrow-$id.scope" ]] || fail "not the scope's path"
    burrow rm -f -t 0 "$id" >/dev/null
}

case_cgroup_bus_gone_is_named() {
    local status=0 out
    # The session bus is gone by the time burrow asks for the scope.
    out="$(DBUS_SESSION_BUS_ADDRESS="unix:path=$XDG_RUNTIME_DIR/gone" \
        burrow run --rm --name nobus "$(busybox)" true 2>&1)" || status=$?
    expect_eq "status" "$status" 125
    [[ "$out" == *"the systemd user manager at unix:path=$XDG_RUNTIME_DIR/gone"* ]] || fail "$out"
    expect_eq "containers left" "$(burrow ps -a -q --filter name=nobus)" ""
    [ -z "$(systemctl --user list-units --plain --no-legend 'burrow-*.scope')" ] \
        || fail "a scope was left behind"
}
