//! `burrow stats` and `burrow update` as the unprivileged test user, on this host's cgroup v1
//! (hybrid) hierarchy, where a rootless container has no cgroup: stats are measured from
//! /proc (podman refuses here), and update records limits with podman's v1 warning. The same
//! commands with a real cgroup v2 scope are proven in the VM tier (tests/vm/guest/cases).

mod common;

use std::time::Duration;

use common::*;

/// A connection attempt to the container's gateway (port 9, discard): a few packets out.
const CONNECT_TO_GATEWAY: &str =
    "echo hi | nc -w 1 $(ip route | awk '/^default/ {print $3; exit}') 9; true";

/// One field of `stats --no-stream` for one container.
fn stat(sb: &Sandbox, name: &str, field: &str) -> String {
    let out = sb
        .ok(&[
            "stats",
            "--no-stream",
            "--format",
            &format!("{{{{.{field}}}}}"),
            name,
        ])
        .stdout();
    out.trim().to_string()
}

#[test]
fn stats_show_cpu_memory_pids_block_and_network_use() {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "burn",
        "busybox",
        "sh",
        "-c",
        "while :; do :; done",
    ]);
    // 24 MiB held by the shell, 8 MiB written through to the disk, three processes (the
    // shell still has work after the sleeps, so it does not exec the last one).
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "mem",
        "busybox",
        "sh",
        "-c",
        "dd if=/dev/zero of=/tmp/f bs=1M count=8 conv=fsync 2>/dev/null; x=\"$(head -c 25165824 /dev/zero | tr '\\0' a)\"; touch /tmp/ready; sleep 1000 & sleep 1000; echo ${#x}",
    ]);
    sb.ok(&["run", "-d", "--name", "idle", "busybox", "sleep", "1000"]);
    sb.ok(&["create", "--name", "made", "busybox", "true"]);
    wait_for("the allocation", Duration::from_secs(60), || {
        sb.run(&["exec", "mem", "test", "-e", "/tmp/ready"]).code() == 0
    });
    wait_for("a second of CPU time", Duration::from_secs(30), || {
        stat(&sb, "burn", "CPUNano").parse::<u64>().unwrap() > 1_000_000_000
    });

    let cpu: f64 = stat(&sb, "burn", "CPU").parse().unwrap();
    assert!(cpu > 20.0, "a spinning container shows {cpu}% CPU");
    let cpu: f64 = stat(&sb, "idle", "CPU").parse().unwrap();
    assert!(cpu < 5.0, "a sleeping container shows {cpu}% CPU");
    let usage = stat(&sb, "mem", "MemUsage");
    let (held, limit) = usage.split_once(" / ").unwrap();
    let mb: f64 = held.trim_end_matches("MB").parse().unwrap_or(0.0);
    assert!(
        held.ends_with("MB") && mb > 24.0,
        "24 MiB held shows as {usage}"
    );
    assert!(
        limit.ends_with("GB"),
        "no limit is the host's memory: {usage}"
    );
    assert_eq!(stat(&sb, "mem", "PIDs"), "3");
    let written: u64 = stat(&sb, "mem", "BlockOutput").parse().unwrap();
    assert!(written >= 8 << 20, "8 MiB written shows as {written} bytes");

    // What a container sends is counted in its own network namespace; none has no traffic.
    let before: u64 = stat(&sb, "idle", "NetOutput").parse().unwrap();
    sb.run(&["exec", "idle", "sh", "-c", CONNECT_TO_GATEWAY]);
    let after: u64 = stat(&sb, "idle", "NetOutput").parse().unwrap();
    assert!(after > before, "network output stayed at {before}");

    // podman's table: running containers only, its header and columns.
    let table = sb.ok(&["stats", "--no-stream"]).stdout();
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with(
            "ID            NAME        CPU %       MEM USAGE / LIMIT  MEM %       NET IO"
        ),
        "{table}"
    );
    assert!(
        lines[0].ends_with("PIDS        CPU TIME    AVG CPU %"),
        "{table}"
    );
    assert_eq!(lines.len(), 4, "three running containers: {table}");
    assert!(!table.contains("made"), "{table}");

    // JSON: podman's keys, in its order, one space of indent.
    let json = sb.ok(&["stats", "--no-stream", "--format", "json", "idle", "made"]);
    let text = json.stdout();
    assert!(text.starts_with("[\n {\n  \"id\": \""), "{text}");
    let rows = json.json();
    let first = text.split("\n }").next().unwrap();
    let keys: Vec<&str> = first
        .lines()
        .filter_map(|l| l.strip_prefix("  \"")?.split_once('"').map(|(k, _)| k))
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "name",
            "cpu_time",
            "cpu_percent",
            "avg_cpu",
            "mem_usage",
            "mem_percent",
            "net_io",
            "block_io",
            "pids"
        ]
    );
    assert_eq!(rows[0]["name"], "idle");
    assert_eq!(rows[0]["pids"], "1");
    // A container that does not run shows zeros, as in podman.
    assert_eq!(rows[1]["name"], "made");
    assert_eq!(rows[1]["mem_usage"], "0B / 0B");
    assert_eq!(rows[1]["cpu_time"], "0s");
    let all = sb
        .ok(&["stats", "--no-stream", "-a", "--format", "{{.Name}}"])
        .stdout();
    assert!(all.lines().any(|l| l == "made"), "{all}");

    // --no-trunc, and a table of chosen columns with podman's headers.
    let id = sb.inspect("idle")["Id"].as_str().unwrap().to_string();
    assert_eq!(stat(&sb, "idle", "ID"), id[..12]);
    let out = sb
        .ok(&[
            "stats",
            "--no-stream",
            "--no-trunc",
            "--format",
            "table {{.ID}} {{.PIDs}}",
            "idle",
        ])
        .stdout();
    assert_eq!(
        out,
        format!(
            "ID                                                                PIDS\n{id}  1\n"
        )
    );
}

#[test]
fn stats_streams_until_the_reader_goes() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-d", "--name", "s", "busybox", "sleep", "1000"]);
    // Two reports a second apart, each after a clear screen; then the reader closes the pipe
    // and stats ends without an error.
    let mut child = sb
        .command(&["stats", "--interval", "1", "--format", "{{.Name}}", "s"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    use std::io::Read;
    while seen.windows(2).filter(|w| w == b"s\n").count() < 2 {
        let n = out.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "stats ended early: {:?}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buf[..n]);
    }
    assert_eq!(
        String::from_utf8_lossy(&seen),
        "\x1b[2J\x1b[1;1Hs\n\x1b[2J\x1b[1;1Hs\n"
    );
    drop(out);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(err, "");
}

#[test]
fn stats_bad_input_gets_podmans_errors() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "c", "busybox", "true"]);
    sb.run(&["stats", "--no-stream", "nosuch"]).assert_one_line_error(
        125,
        &["unable to look up container nosuch: no container with name or ID \"nosuch\" found: no such container"],
    );
    sb.run(&["stats", "--no-stream", "--interval", "0", "c"])
        .assert_one_line_error(
            125,
            &["invalid interval, must be a positive number greater zero"],
        );
    sb.run(&["stats", "--no-stream", "-a", "c"])
        .assert_one_line_error(
            125,
            &["--all, --latest and containers cannot be used together"],
        );
    sb.run(&["stats", "--no-stream", "--format", "{{.Nope}}", "c"])
        .assert_code(125);
}

#[test]
fn update_records_limits_and_refuses_bad_values() {
    let sb = sandbox_with_busybox();
    let id = sb
        .ok(&[
            "run", "-d", "--name", "u", "--memory", "64m", "busybox", "sleep", "1000",
        ])
        .stdout();
    let run = sb.ok(&[
        "update",
        "--memory",
        "128m",
        "--cpus",
        "0.5",
        "--pids-limit",
        "100",
        "u",
    ]);
    assert_eq!(run.stdout(), id, "update prints the full ID");
    // No cgroup to change on cgroup v1: podman's warning, and the record keeps the limits.
    assert!(
        run.stderr().contains(
            "Resource limits are not supported and ignored on cgroups V1 rootless systems"
        ),
        "{}",
        run.stderr()
    );
    let host = &sb.inspect("u")["HostConfig"];
    assert_eq!(host["Memory"], 134217728);
    assert_eq!(host["NanoCpus"], 500000000);
    assert_eq!(host["PidsLimit"], 100);
    assert_eq!(host["CpuQuota"], 50000);

    sb.run(&["update", "--memory", "12q", "u"])
        .assert_one_line_error(125, &["invalid value for memory: invalid size: '12q'"]);
    sb.run(&["update", "--cpus", "-1", "u"])
        .assert_one_line_error(125, &["the number of CPUs cannot be negative"]);
    sb.run(&["update", "--memory", "64m", "nosuch"])
        .assert_one_line_error(
            125,
            &["no container with name or ID \"nosuch\" found: no such container"],
        );
    // A refused update changes nothing.
    assert_eq!(sb.inspect("u")["HostConfig"]["Memory"], 134217728);
}
