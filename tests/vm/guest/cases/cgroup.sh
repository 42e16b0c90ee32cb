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
