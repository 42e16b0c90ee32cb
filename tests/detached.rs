//! Detached containers and their monitors, as the unprivileged test user: run -d, logs,
//! attach, stop/restart, restart policies, events, and what survives a killed burrow or monitor.

mod common;

use std::time::{Duration, Instant};

use common::*;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// The container's status, or "" while it does not exist.
fn state(sb: &Sandbox, name: &str) -> String {
    let out = sb.run(&["container", "inspect", name]);
    if out.code() != 0 {
        return String::new();
    }
    out.json()[0]["State"]["Status"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn wait_for_state(sb: &Sandbox, name: &str, wanted: &str) {
    wait_for(
        &format!("{name} to be {wanted}"),
        Duration::from_secs(30),
        || state(sb, name) == wanted,
    );
}

/// The session a process belongs to, from /proc/PID/stat.
fn session_of(pid: i64) -> i64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    rest.split_whitespace().nth(3).unwrap().parse().unwrap()
}

#[test]
fn run_detached_returns_at_once_and_the_monitor_keeps_the_container() {
    let sb = sandbox_with_busybox();
    let began = Instant::now();
    let out = sb.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "busybox",
        "sh",
        "-c",
        "echo started; echo oops >&2; trap 'echo got-term; exit 7' TERM; while true; do sleep 0.1; done",
    ]);
    let id = out.stdout().trim().to_string();
    assert_eq!(id.len(), 64, "run -d prints the full ID: {id}");
    assert!(began.elapsed() < Duration::from_secs(10));
    let info = sb.inspect("web");
    assert_eq!(info["State"]["Status"], "running");
    assert_eq!(info["State"]["Running"], true);
    let pid = info["State"]["Pid"].as_i64().unwrap();
    let monitor = info["State"]["ConmonPid"].as_i64().unwrap();
    assert!(pid > 0 && monitor > 0 && alive(pid) && alive(monitor));
    // The monitor leads a session of its own: the caller's terminal and shell can go.
    assert_eq!(session_of(monitor), monitor);
    // Output went to the k8s-file log, each stream to its own.
    wait_for("the log", Duration::from_secs(10), || {
        sb.run(&["logs", "web"]).stdout().contains("started")
    });
    let logs = sb.ok(&["logs", "web"]);
    assert_eq!(logs.stdout(), "started\n");
    assert_eq!(logs.stderr(), "oops\n");
    let raw = std::fs::read_to_string(
        sb.graph_root()
            .join("containers")
            .join(&id)
            .join("userdata/ctr.log"),
    )
    .unwrap();
    assert!(
        raw.lines()
            .any(|l| l.ends_with(" stdout F started") && l.contains('T')),
        "{raw}"
    );
    // stop: the stop signal, the echo of the name, and the real exit code recorded at once.
    sb.ok(&["stop", "web"]).stdout().contains("web");
    let info = sb.inspect("web");
    assert_eq!(info["State"]["Status"], "exited");
    assert_eq!(info["State"]["ExitCode"], 7);
    assert_eq!(info["State"]["StoppedByUser"], true);
    assert!(sb.ok(&["logs", "web"]).stdout().contains("got-term"));
    wait_for("the monitor to end", Duration::from_secs(10), || {
        !alive(monitor)
    });
    // Stopping a stopped container is not an error, as in podman.
    assert_eq!(sb.ok(&["stop", "web"]).stdout(), "web\n");
    // start brings it back under a new monitor.
    assert_eq!(sb.ok(&["start", "web"]).stdout(), "web\n");
    assert_eq!(state(&sb, "web"), "running");
    sb.ok(&["rm", "-f", "web"]);
}

#[test]
fn logs_follow_tail_and_timestamps() {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "talk",
        "busybox",
        "sh",
        "-c",
        "for i in 1 2 3; do echo line $i; done; sleep 1; printf partial; echo ' end'",
    ]);
    // -f ends when the container does, with everything it wrote.
    let follow = sb.ok(&["logs", "-f", "talk"]);
    assert_eq!(follow.stdout(), "line 1\nline 2\nline 3\npartial end\n");
    assert_eq!(
        sb.ok(&["logs", "--tail", "2", "talk"]).stdout(),
        "line 3\npartial end\n"
    );
    let stamped = sb.ok(&["logs", "-t", "--tail", "1", "talk"]).stdout();
    let (time, text) = stamped.trim_end().split_once(' ').unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(time).is_ok(),
        "{stamped}"
    );
    assert_eq!(text, "partial end");
    // --log-driver none keeps no log, and logs says so.
    sb.ok(&[
        "run",
        "--name",
        "quiet",
        "--log-driver",
        "none",
        "busybox",
        "echo",
        "x",
    ]);
    sb.run(&["logs", "quiet"])
        .assert_error(125, &["none", "log driver"]);
}

#[test]
fn foreground_run_logs_too_and_survives_its_caller() {
    let sb = sandbox_with_busybox();
    let out = sb.run(&[
        "run",
        "--name",
        "fg",
        "busybox",
        "sh",
        "-c",
        "echo hello; exit 3",
    ]);
    out.assert_code(3);
    assert_eq!(out.stdout(), "hello\n");
    assert_eq!(sb.ok(&["logs", "fg"]).stdout(), "hello\n");
    // passthrough: the container writes to the caller's stdout itself; the code comes back.
    let direct = sb.run(&[
        "run",
        "--rm",
        "--log-driver",
        "passthrough",
        "busybox",
        "sh",
        "-c",
        "echo direct; exit 6",
    ]);
    direct.assert_code(6);
    assert_eq!(direct.stdout(), "direct\n");
    // A killed foreground burrow leaves the container to its monitor, which still records
    // the real exit code.
    let mut child = sb.spawn(&[
        "run",
        "--name",
        "orphan",
        "busybox",
        "sh",
        "-c",
        "sleep 1; exit 5",
    ]);
    wait_for_state(&sb, "orphan", "running");
    kill(Pid::from_raw(child.id() as i32), Signal::SIGKILL).unwrap();
    child.wait().unwrap();
    assert_eq!(sb.ok(&["wait", "orphan"]).stdout(), "5\n");
    assert_eq!(sb.inspect("orphan")["State"]["ExitCode"], 5);
}

#[test]
fn attach_to_a_terminal_and_detach_with_the_keys() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-dit", "--name", "shell", "busybox", "sh"]);
    let (mut term, mut child) = Terminal::spawn(&sb, &["attach", "shell"]);
    term.type_text("echo $((6*7))x\r");
    term.wait_for("42x");
    // ctrl-p ctrl-q: attach returns 0 and the container keeps running.
    term.type_text("\x10\x11");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(state(&sb, "shell"), "running");
    // Custom keys, again on the same container.
    let (mut term, mut child) =
        Terminal::spawn(&sb, &["attach", "--detach-keys", "ctrl-x", "shell"]);
    term.type_text("echo again-$((1+1))\r");
    term.wait_for("again-2");
    term.type_text("\x18");
    assert_eq!(child.wait().unwrap().code(), Some(0));
    // Leaving the shell ends the container; its exit code comes back to the attached caller.
    let (mut term, mut child) = Terminal::spawn(&sb, &["attach", "shell"]);
    term.type_text("exit 4\r");
    assert_eq!(child.wait().unwrap().code(), Some(4));
    sb.run(&["attach", "shell"])
        .assert_error(125, &["only attach to running containers"]);
    sb.run(&["run", "--detach-keys", "ctrl-", "busybox", "true"])
        .assert_error(125, &["invalid detach keys"]);
}

#[test]
fn restart_policies_are_carried_out_by_the_monitor() {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "flaky",
        "--restart",
        "on-failure:2",
        "busybox",
        "sh",
        "-c",
        "echo run; exit 3",
    ]);
    wait_for("two restarts", Duration::from_secs(30), || {
        let info = sb.inspect("flaky");
        info["RestartCount"] == 2 && info["State"]["Status"] == "exited"
    });
    let info = sb.inspect("flaky");
    assert_eq!(info["State"]["ExitCode"], 3);
    assert_eq!(info["HostConfig"]["RestartPolicy"]["Name"], "on-failure");
    assert_eq!(info["HostConfig"]["RestartPolicy"]["MaximumRetryCount"], 2);
    assert_eq!(sb.ok(&["logs", "flaky"]).stdout(), "run\nrun\nrun\n");
    // always: a process that ends is started again, until the user stops it.
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "keep",
        "--restart",
        "always",
        "busybox",
        "sh",
        "-c",
        "sleep 0.2",
    ]);
    wait_for("a restart", Duration::from_secs(30), || {
        sb.inspect("keep")["RestartCount"].as_u64().unwrap_or(0) >= 1
    });
    sb.ok(&["stop", "-t", "0", "keep"]);
    let count = sb.inspect("keep")["RestartCount"].clone();
    assert_eq!(state(&sb, "keep"), "exited");
    // Nothing restarts it after the stop (the longest back-off is well below this).
    let until = Instant::now() + Duration::from_secs(2);
    while Instant::now() < until {
        assert_eq!(state(&sb, "keep"), "exited");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(sb.inspect("keep")["RestartCount"], count);
    sb.run(&["run", "--rm", "--restart", "always", "busybox", "true"])
        .assert_error(125, &["--rm option conflicts with --restart"]);
    sb.run(&["run", "--restart", "sometimes", "busybox", "true"])
        .assert_error(125, &["invalid restart policy"]);
}

#[test]
fn a_killed_monitor_leaves_a_container_that_ps_exec_and_rm_handle() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-d", "--name", "lonely", "busybox", "sleep", "1000"]);
    let info = sb.inspect("lonely");
    let pid = info["State"]["Pid"].as_i64().unwrap();
    let monitor = info["State"]["ConmonPid"].as_i64().unwrap();
    kill(Pid::from_raw(monitor as i32), Signal::SIGKILL).unwrap();
    wait_for("the monitor to die", Duration::from_secs(10), || {
        !alive(monitor)
    });
    // The container itself still runs and is shown so.
    assert!(alive(pid));
    assert_eq!(state(&sb, "lonely"), "running");
    assert_eq!(sb.ok(&["exec", "lonely", "echo", "hi"]).stdout(), "hi\n");
    sb.ok(&["rm", "-f", "-t", "0", "lonely"]);
    wait_for("the container to end", Duration::from_secs(10), || {
        !alive(pid)
    });
    sb.run(&["container", "inspect", "lonely"])
        .assert_error(125, &["no such container"]);
}

#[test]
fn parallel_detached_runs_with_ps_and_rm_lose_nothing() {
    let sb = sandbox_with_busybox();
    let names: Vec<String> = (0..20).map(|i| format!("par{i}")).collect();
    std::thread::scope(|scope| {
        let runs: Vec<_> = names
            .iter()
            .map(|name| {
                let sb = &sb;
                scope.spawn(move || {
                    sb.run(&["run", "-d", "--name", name, "busybox", "sleep", "1000"])
                })
            })
            .collect();
        // ps and rm -f of the first five run alongside the creates.
        let watcher = scope.spawn(|| {
            for _ in 0..10 {
                let ps = sb.run(&["ps", "-a", "--format", "json"]);
                ps.assert_code(0);
                assert!(ps.json().is_array());
            }
        });
        let remover = scope.spawn(|| {
            for name in &names[..5] {
                wait_for(&format!("{name} to exist"), Duration::from_secs(60), || {
                    sb.run(&["container", "exists", name]).code() == 0
                });
                sb.ok(&["rm", "-f", "-t", "0", name]);
            }
        });
        for (i, run) in runs.into_iter().enumerate() {
            let run = run.join().unwrap();
            // A container removed between its create and its start fails to start, cleanly.
            if i < 5 && run.code() != 0 {
                run.assert_error(125, &["no such container"]);
            } else {
                run.assert_code(0);
            }
        }
        watcher.join().unwrap();
        remover.join().unwrap();
    });
    let ps = sb
        .ok(&["ps", "-a", "--format", "{{.Names}} {{.State}}"])
        .stdout();
    let mut listed: Vec<&str> = ps.lines().collect();
    listed.sort();
    let mut expected: Vec<String> = names[5..].iter().map(|n| format!("{n} running")).collect();
    expected.sort();
    assert_eq!(listed, expected);
    // Nothing half-made or half-removed is left behind.
    let hidden = std::fs::read_dir(sb.graph_root().join("containers"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .count();
    assert_eq!(hidden, 0);
    sb.ok(&["rm", "-a", "-f", "-t", "0"]);
    assert_eq!(sb.ok(&["ps", "-aq"]).stdout(), "");
}

#[test]
fn events_record_the_life_of_a_container() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-d", "--name", "ev", "busybox", "sleep", "1000"]);
    sb.ok(&["stop", "-t", "0", "ev"]);
    sb.ok(&["rename", "ev", "ev2"]);
    sb.ok(&["rm", "ev2"]);
    let all = sb
        .ok(&[
            "events",
            "--stream=false",
            "--format",
            "{{.Status}} {{.Name}}",
        ])
        .stdout();
    let lines: Vec<&str> = all.lines().collect();
    let position = |wanted: &str| {
        lines
            .iter()
            .position(|l| *l == wanted)
            .unwrap_or_else(|| panic!("no {wanted:?} in {lines:?}"))
    };
    assert!(position("create ev") < position("start ev"));
    assert!(position("start ev") < position("died ev"));
    assert!(position("died ev") < position("rename ev2"));
    assert!(position("rename ev2") < position("remove ev2"));
    let died = sb
        .ok(&[
            "events",
            "--stream=false",
            "--filter",
            "event=died",
            "--format",
            "json",
        ])
        .stdout();
    let event: serde_json::Value = serde_json::from_str(died.lines().next().unwrap()).unwrap();
    assert_eq!(event["Status"], "died");
    assert_eq!(event["ContainerExitCode"], 137);
}

#[test]
fn lifecycle_commands_and_their_errors() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-d", "--name", "life", "busybox", "sleep", "1000"]);
    let first = sb.inspect("life")["State"]["StartedAt"].clone();
    assert_eq!(sb.ok(&["restart", "-t", "0", "life"]).stdout(), "life\n");
    let info = sb.inspect("life");
    assert_eq!(info["State"]["Status"], "running");
    assert_ne!(info["State"]["StartedAt"], first);
    // wait --condition running returns at once for a running container.
    sb.ok(&["wait", "--condition", "running", "life"]);
    let top = sb.ok(&["top", "life"]).stdout();
    assert!(top.starts_with("USER"), "{top}");
    assert!(top.contains("sleep 1000"), "{top}");
    sb.run(&["pause", "life"]).assert_error(125, &["cgroup"]);
    sb.ok(&["rename", "life", "renamed"]);
    sb.run(&["container", "inspect", "life"]).assert_error(
        125,
        &["no container with name or ID \"life\" found: no such container"],
    );
    sb.ok(&["run", "-d", "--name", "other", "busybox", "sleep", "1000"]);
    sb.run(&["rename", "renamed", "other"])
        .assert_error(125, &["already in use"]);
    sb.run(&["rm", "renamed"]).assert_code(2);
    sb.ok(&["stop", "-t", "0", "renamed"]);
    sb.run(&["exec", "renamed", "true"])
        .assert_error(125, &["container state improper"]);
    sb.run(&["start", "nosuch"]).assert_error(
        125,
        &["no container with name or ID \"nosuch\" found: no such container"],
    );
    sb.run(&["wait", "--condition", "sleepy", "other"])
        .assert_error(125, &["invalid condition"]);
    sb.run(&[
        "run",
        "-d",
        "--log-driver",
        "passthrough",
        "busybox",
        "true",
    ])
    .assert_error(125, &["passthrough"]);
    // run -d --rm: the monitor removes the container when it ends.
    sb.ok(&["run", "-d", "--rm", "--name", "brief", "busybox", "true"]);
    wait_for("brief to be removed", Duration::from_secs(30), || {
        sb.run(&["container", "exists", "brief"]).code() == 1
    });
}

#[test]
fn stop_ignores_missing_containers_and_shows_stopping_while_it_waits() {
    let sb = sandbox_with_busybox();
    // PID 1 of the container ignores SIGTERM: it has no handler for it.
    sb.ok(&[
        "run", "-d", "--name", "stubborn", "busybox", "sleep", "1000",
    ]);
    sb.run(&["stop", "nosuch"]).assert_error(
        125,
        &["no container with name or ID \"nosuch\" found: no such container"],
    );
    let mut stopping = sb.spawn(&["stop", "--timeout", "60", "stubborn"]);
    wait_for_state(&sb, "stubborn", "stopping");
    assert_eq!(
        sb.ok(&["ps", "--format", "{{.Names}} {{.Status}}"])
            .stdout(),
        "stubborn Stopping\n"
    );
    sb.ok(&["kill", "stubborn"]);
    assert!(stopping.wait().unwrap().success());
    assert_eq!(state(&sb, "stubborn"), "exited");
    // -i skips the missing one and stops the rest; -t is the same as --timeout.
    sb.ok(&["start", "stubborn"]);
    assert_eq!(
        sb.ok(&["stop", "--ignore", "-t", "0", "nosuch", "stubborn"])
            .stdout(),
        "stubborn\n"
    );
    assert_eq!(state(&sb, "stubborn"), "exited");
}

#[test]
fn start_all_filters_and_failures_follow_podman() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "one", "busybox", "sleep", "1000"]);
    sb.ok(&[
        "create",
        "--name",
        "two",
        "--restart",
        "always",
        "busybox",
        "sleep",
        "1000",
    ]);
    sb.ok(&["run", "--name", "done", "busybox", "true"]);
    let id = |name: &str| sb.inspect(name)["Id"].as_str().unwrap().to_string();
    sb.run(&["start", "--all", "one"]).assert_error(
        125,
        &["either start all containers or the container(s) provided in the arguments"],
    );
    sb.run(&["start", "--filter", "restart-policy=fakepolicy"])
        .assert_error(125, &["fakepolicy invalid restart policy"]);
    // A filter picks among all containers, or among those named; full IDs are printed.
    assert_eq!(
        sb.ok(&["start", "--filter", "restart-policy=always"])
            .stdout(),
        format!("{}\n", id("two"))
    );
    assert_eq!(state(&sb, "two"), "running");
    assert_eq!(state(&sb, "one"), "created");
    assert_eq!(
        sb.ok(&["start", "--filter", "status=created", "one", "done"])
            .stdout(),
        format!("{}\n", id("one"))
    );
    sb.ok(&["stop", "-t", "0", "one"]);
    // --all starts the rest and leaves the running ones running, printed by ID as podman does.
    let pid = sb.inspect("two")["State"]["Pid"].clone();
    let mut ids = [id("one"), id("two"), id("done")];
    ids.sort();
    assert_eq!(
        sb.ok(&["start", "--all"]).stdout(),
        ids.iter().map(|i| format!("{i}\n")).collect::<String>()
    );
    assert_eq!(sb.inspect("two")["State"]["Pid"], pid);
    assert_eq!(state(&sb, "one"), "running");
    // A command that cannot run: podman's words, and 125 whatever the reason.
    sb.ok(&["create", "--name", "broken", "busybox", "/nonexistent"]);
    sb.run(&["start", "broken"]).assert_error(
        125,
        &[
            &format!("unable to start container \"{}\": ", id("broken")),
            "/nonexistent",
        ],
    );
    sb.ok(&["rm", "-a", "-f", "-t", "0"]);
}
