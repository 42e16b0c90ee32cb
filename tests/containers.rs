//! Container records as the unprivileged test user: create, start, ps, inspect, rm, names,
//! and what `ps` says after burrow or the container is killed.

mod common;

use std::time::Duration;

use common::*;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// `ps -a` as name → (state, status, exit code, pid) lines.
fn ps_all(sb: &Sandbox) -> Vec<String> {
    let out = sb.ok(&[
        "ps",
        "-a",
        "--format",
        "{{.Names}} {{.State}} {{.ExitCode}} {{.Status}}",
    ]);
    out.stdout().lines().map(String::from).collect()
}

/// Directories under containers/ that are not hidden work in progress.
fn container_dirs(sb: &Sandbox) -> usize {
    std::fs::read_dir(sb.graph_root().join("containers"))
        .map(|e| e.flatten().count())
        .unwrap_or(0)
}

#[test]
fn create_start_inspect_and_rm() {
    let sb = sandbox_with_busybox();
    let id = sb
        .ok(&[
            "create",
            "--name",
            "job",
            "-l",
            "team=infra",
            "--cap-drop",
            "chown",
            "busybox",
            "sh",
            "-c",
            "echo started; exit 4",
        ])
        .stdout();
    let id = id.trim();
    assert_eq!(id.len(), 64, "create prints the full ID: {id}");
    assert_eq!(ps_all(&sb), ["job created 0 Created"]);
    // Only running containers without -a.
    assert_eq!(sb.ok(&["ps", "-q"]).stdout(), "");
    assert_eq!(
        sb.ok(&["ps", "-a", "-q"]).stdout(),
        format!("{}\n", &id[..12])
    );
    assert_eq!(
        sb.ok(&["ps", "-a", "-q", "--no-trunc"]).stdout(),
        format!("{id}\n")
    );

    let created = sb.inspect("job");
    assert_eq!(created["Id"], id);
    assert_eq!(created["Name"], "job");
    assert_eq!(created["State"]["Status"], "created");
    assert_eq!(
        created["Config"]["Cmd"],
        serde_json::json!(["sh", "-c", "echo started; exit 4"])
    );
    assert_eq!(created["Config"]["Labels"]["team"], "infra");
    assert_eq!(created["HostConfig"]["AutoRemove"], false);
    assert_eq!(
        created["HostConfig"]["CapDrop"],
        serde_json::json!(["CAP_CHOWN"])
    );
    assert!(
        !created["EffectiveCaps"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("CAP_CHOWN"))
    );

    // start -a runs it in the foreground; its exit code is burrow's.
    let run = sb.run(&["start", "-a", &id[..8]]);
    run.assert_code(4);
    assert_eq!(run.stdout(), "started\n");
    let lines = ps_all(&sb);
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("job exited 4 Exited (4) "),
        "{lines:?}"
    );
    let exited = sb.inspect(id);
    assert_eq!(exited["State"]["ExitCode"], 4);
    assert_eq!(exited["State"]["Running"], false);
    assert_ne!(exited["State"]["FinishedAt"], "0001-01-01T00:00:00Z");
    // A container keeps its files between starts.
    assert_eq!(
        sb.ok(&[
            "inspect",
            "--format",
            "{{.State.Status}} {{.Config.Labels.team}}",
            "job"
        ])
        .stdout(),
        "exited infra\n"
    );

    // rm echoes the name given and removes everything.
    assert_eq!(sb.ok(&["rm", "job"]).stdout(), "job\n");
    assert!(ps_all(&sb).is_empty());
    assert_eq!(container_dirs(&sb), 0);
    sb.run(&["rm", "job"]).assert_error(
        1,
        &["no container with name or ID \"job\" found: no such container"],
    );
    sb.ok(&["rm", "-i", "job"]);
    assert_eq!(sb.run(&["container", "exists", "job"]).code(), 1);
}

#[test]
fn run_keeps_the_container_unless_rm() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "--name", "kept", "busybox", "true"]);
    sb.ok(&["run", "--rm", "--name", "gone", "busybox", "true"]);
    assert_eq!(ps_all(&sb).len(), 1);
    assert!(ps_all(&sb)[0].starts_with("kept exited 0"));
    // A failed --rm run leaves nothing behind.
    sb.run(&["run", "--rm", "busybox", "nosuchcommand"])
        .assert_code(127);
    assert_eq!(ps_all(&sb).len(), 1);
    // Files written by another container user (a subordinate ID) are removed too.
    sb.ok(&[
        "run",
        "--name",
        "owned",
        "busybox",
        "sh",
        "-c",
        "mkdir /d && touch /d/f && chown -R 1000:1000 /d && chmod 000 /d",
    ]);
    sb.ok(&["rm", "-a"]);
    assert_eq!(container_dirs(&sb), 0);
}

#[test]
fn names_are_unique_and_replace_takes_over() {
    let sb = sandbox_with_busybox();
    let first = sb
        .ok(&["create", "--name", "web", "busybox", "true"])
        .stdout();
    sb.run(&["create", "--name", "web", "busybox", "true"])
        .assert_error(
            125,
            &[
                "the container name \"web\" is already in use by",
                "--replace",
            ],
        );
    let second = sb
        .ok(&["create", "--replace", "--name", "web", "busybox", "true"])
        .stdout();
    assert_ne!(first, second);
    assert_eq!(ps_all(&sb), ["web created 0 Created"]);
    sb.run(&["create", "--name=a/b", "busybox", "true"])
        .assert_error(125, &["invalid container name \"a/b\""]);
    // A generated name has podman's adjective_noun shape.
    sb.ok(&["create", "busybox", "true"]);
    let names = sb.ok(&["ps", "-a", "--format", "{{.Names}}"]).stdout();
    assert!(
        names.lines().any(|n| n != "web" && n.contains('_')),
        "{names}"
    );

    // Concurrent creates of one name: exactly one wins.
    sb.ok(&["rm", "-a"]);
    let children: Vec<_> = (0..6)
        .map(|_| sb.spawn(&["create", "--name", "race", "busybox", "true"]))
        .collect();
    let wins = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .filter(|o| o.status.success())
        .count();
    assert_eq!(wins, 1);
    assert_eq!(ps_all(&sb), ["race created 0 Created"]);
}

#[test]
fn ps_tells_the_truth_after_burrow_is_killed() {
    let sb = sandbox_with_busybox();
    let mut child = sb.spawn(&["run", "--name", "sleeper", "busybox", "sleep", "1000"]);
    let pid_of = || -> i32 {
        sb.ok(&["ps", "--format", "{{.Pid}}", "--noheading"])
            .stdout()
            .trim()
            .parse()
            .unwrap_or(0)
    };
    wait_for("the container to run", Duration::from_secs(30), || {
        pid_of() > 0
    });
    let pid = pid_of();
    // burrow dies; the container goes on and ps still shows it running.
    kill(Pid::from_raw(child.id() as i32), Signal::SIGKILL).unwrap();
    child.wait().unwrap();
    let lines = ps_all(&sb);
    assert!(lines[0].starts_with("sleeper running 0 Up "), "{lines:?}");
    // rm without -f refuses with podman's code; -f stops it (sleep ignores SIGTERM as PID 1).
    sb.run(&["rm", "sleeper"])
        .assert_error(2, &["as it is running", "cannot be removed without force"]);
    assert_eq!(
        sb.ok(&["rm", "-f", "-t", "0", "sleeper"]).stdout(),
        "sleeper\n"
    );
    assert!(!alive(pid), "the container's process was killed");
    assert!(ps_all(&sb).is_empty());

    // burrow, its monitor and the container all killed: ps shows it exited, code unknown (-1).
    let mut child = sb.spawn(&["run", "--name", "victim", "busybox", "sleep", "1000"]);
    wait_for("the container to run", Duration::from_secs(30), || {
        pid_of() > 0
    });
    let pid = pid_of();
    let monitor: i32 = sb
        .ok(&["inspect", "--format", "{{.State.ConmonPid}}", "victim"])
        .stdout()
        .trim()
        .parse()
        .unwrap();
    kill(Pid::from_raw(child.id() as i32), Signal::SIGKILL).unwrap();
    child.wait().unwrap();
    kill(Pid::from_raw(monitor), Signal::SIGKILL).unwrap();
    wait_for("the monitor to die", Duration::from_secs(10), || {
        !alive(monitor)
    });
    kill(Pid::from_raw(pid), Signal::SIGKILL).unwrap();
    wait_for("the container to die", Duration::from_secs(10), || {
        !alive(pid)
    });
    let lines = ps_all(&sb);
    assert!(
        lines[0].starts_with("victim exited -1 Exited (-1) "),
        "{lines:?}"
    );
    assert_eq!(sb.ok(&["ps", "-q"]).stdout(), "");
    sb.ok(&["rm", "victim"]);
}

#[test]
fn rm_force_stops_a_foreground_run_with_137() {
    let sb = sandbox_with_busybox();
    let child = sb.spawn(&["run", "--name", "fg", "busybox", "sleep", "1000"]);
    wait_for("the container to run", Duration::from_secs(30), || {
        sb.ok(&["ps", "-q"]).stdout().len() > 1
    });
    sb.ok(&["rm", "-f", "-t", "0", "fg"]);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(137));
    assert!(ps_all(&sb).is_empty());
}

#[test]
fn ps_formats() {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "run",
        "--name",
        "a",
        "busybox",
        "echo",
        "a long command line here",
    ]);
    let table = sb.ok(&["ps", "-a"]).stdout();
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    for column in [
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ] {
        assert!(header.contains(column), "{header}");
    }
    let row = lines.next().unwrap();
    assert!(row.contains("echo a long comma..."), "{row}");
    assert!(row.contains(&image_ref("busybox:latest")), "{row}");
    let no_trunc = sb.ok(&["ps", "-a", "--no-trunc", "--noheading"]).stdout();
    assert!(
        no_trunc.contains("echo a long command line here"),
        "{no_trunc}"
    );
    assert_eq!(no_trunc.lines().count(), 1);
    let json = sb.ok(&["ps", "-a", "--format", "json"]).json();
    assert_eq!(json[0]["Names"], serde_json::json!(["a"]));
    assert_eq!(json[0]["State"], "exited");
    assert_eq!(json[0]["ExitCode"], 0);
    sb.run(&["ps", "--format", "{{.Nope"])
        .assert_error(125, &["template"]);
}

#[test]
fn images_in_use_cannot_be_removed_without_force() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "user", "busybox", "true"]);
    sb.run(&["rmi", &image_ref("busybox:latest")])
        .assert_error(2, &["image is in use by a container"]);
    sb.ok(&["image", "prune", "-a", "-f"]);
    assert_eq!(sb.ok(&["images", "-q"]).stdout().lines().count(), 1);
    sb.ok(&["rmi", "-f", &image_ref("busybox:latest")]);
    assert!(ps_all(&sb).is_empty());
    assert_eq!(sb.ok(&["images", "-q"]).stdout(), "");
}

#[test]
fn start_and_inspect_errors() {
    let sb = sandbox_with_busybox();
    sb.run(&["start", "-a", "nope"])
        .assert_error(125, &["no container with name or ID \"nope\" found"]);
    sb.run(&["inspect", "--type", "container", "nope"])
        .assert_error(125, &["nope"]);
    // Neither a container nor an image: podman's text.
    sb.run(&["inspect", "nope"])
        .assert_error(125, &["no such object: \"nope\""]);
    sb.ok(&["create", "--name", "c1", "busybox", "true"]);
    sb.ok(&["create", "--name", "c2", "busybox", "true"]);
    // start without -a starts them in the background and echoes them.
    assert_eq!(sb.ok(&["start", "c1", "c2"]).stdout(), "c1\nc2\n");
    // inspect of an image still works through the same command.
    let image = sb.ok(&["inspect", &image_ref("busybox:latest")]).json();
    assert!(image[0]["RootFS"].is_object());
}

#[test]
fn stop_kill_and_wait() {
    let sb = sandbox_with_busybox();
    let running = |name: &str| {
        sb.ok(&["ps", "--format", "{{.Names}}"])
            .stdout()
            .lines()
            .any(|n| n == name)
    };
    // A container that exits on SIGTERM: stop ends it with its stop signal, and the burrow
    // that runs it records 143; wait prints that.
    let termed = sb.spawn(&[
        "run",
        "--name",
        "termed",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 143' TERM; while :; do sleep 0.1; done",
    ]);
    wait_for("termed to run", Duration::from_secs(30), || {
        running("termed")
    });
    assert_eq!(sb.ok(&["stop", "termed"]).stdout(), "termed\n");
    assert_eq!(termed.wait_with_output().unwrap().status.code(), Some(143));
    assert_eq!(sb.ok(&["wait", "termed"]).stdout(), "143\n");
    // Stopping a stopped container is fine, as in podman.
    sb.ok(&["stop", "termed"]);

    // kill -s sends the signal given; wait returns once it ended.
    let killed = sb.spawn(&["run", "--name", "killed", "busybox", "sleep", "1000"]);
    wait_for("killed to run", Duration::from_secs(30), || {
        running("killed")
    });
    let waiter = sb.spawn(&["wait", "killed"]);
    assert_eq!(
        sb.ok(&["kill", "-s", "KILL", "killed"]).stdout(),
        "killed\n"
    );
    assert_eq!(killed.wait_with_output().unwrap().status.code(), Some(137));
    let out = waiter.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "137\n");
    sb.run(&["kill", "killed"]).assert_error(
        125,
        &["can only kill running containers", "is in state exited"],
    );
    sb.run(&["stop", "nope"])
        .assert_error(125, &["no container with name or ID \"nope\" found"]);
    sb.run(&["kill", "-s", "NOPE", "killed"])
        .assert_error(125, &["invalid signal: NOPE"]);
}

#[test]
fn ps_filters_and_sorts() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "--name", "ok", "-l", "tier=web", "busybox", "true"]);
    sb.run(&["run", "--name", "bad", "busybox", "sh", "-c", "exit 2"])
        .assert_code(2);
    sb.ok(&["create", "--name", "fresh", "busybox", "true"]);
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["ps", "--format", "{{.Names}}"];
        all.extend_from_slice(args);
        sb.ok(&all).stdout().lines().map(String::from).collect()
    };
    // A status filter shows stopped containers without -a.
    assert_eq!(
        names(&["--filter", "status=exited", "--sort", "names"]),
        ["bad", "ok"]
    );
    assert_eq!(names(&["-f", "exited=2"]), ["bad"]);
    assert_eq!(names(&["-a", "-f", "label=tier=web"]), ["ok"]);
    assert_eq!(names(&["-a", "-f", "name=^fr"]), ["fresh"]);
    assert_eq!(
        names(&["-a", "-f", "ancestor=busybox", "--sort", "names"]),
        ["bad", "fresh", "ok"]
    );
    assert_eq!(
        names(&["-a", "-f", "since=ok", "--sort", "names"]),
        ["bad", "fresh"]
    );
    assert!(names(&["-f", "status=running"]).is_empty());
    sb.run(&["ps", "-f", "colour=red"])
        .assert_error(125, &["invalid filter key \"colour\""]);
    sb.run(&["ps", "-f", "status=sleeping"])
        .assert_error(125, &["invalid status filter"]);
    // The regex crate's error spans lines; burrow's stays on one.
    sb.run(&["ps", "-f", "name=["]).assert_one_line_error(
        125,
        &["invalid name filter \"[\": regex parse error: unclosed character class"],
    );
}

/// The full ID of a container.
fn id_of(sb: &Sandbox, name: &str) -> String {
    sb.inspect(name)["Id"].as_str().unwrap().to_string()
}

/// Makes container `dependent` depend on `on` in its record, as joining a namespace of `on`
/// (`--ipc container:ON`) records it.
fn record_dependency(sb: &Sandbox, dependent: &str, on: &str) {
    let path = sb
        .graph_root()
        .join("containers")
        .join(id_of(sb, dependent))
        .join("container.json");
    let mut record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    record["dependencies"] = serde_json::json!([id_of(sb, on)]);
    // Written in place: the file keeps its owner and mode.
    std::fs::write(&path, serde_json::to_vec(&record).unwrap()).unwrap();
}

#[test]
fn rm_force_of_a_missing_container_is_silent() {
    let sb = Sandbox::new();
    let quiet = sb.ok(&["rm", "-f", "nosuch"]);
    assert_eq!((quiet.stdout().as_str(), quiet.stderr().as_str()), ("", ""));
    sb.run(&["rm", "nosuch"]).assert_error(
        1,
        &["no container with name or ID \"nosuch\" found: no such container"],
    );
}

#[test]
fn dependencies_are_started_first_and_guard_removal() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "base", "busybox", "sleep", "1000"]);
    sb.ok(&["create", "--name", "leaf", "busybox", "sleep", "1000"]);
    record_dependency(&sb, "leaf", "base");
    let (base, leaf) = (id_of(&sb, "base"), id_of(&sb, "leaf"));
    let refused = format!(
        "container {base} has dependent containers which must be removed before it: {leaf}: container already exists"
    );
    sb.run(&["rm", "base"]).assert_error(125, &[&refused]);
    // Starting the dependent starts what it depends on.
    assert_eq!(sb.ok(&["start", "leaf"]).stdout(), "leaf\n");
    assert_eq!(sb.inspect("base")["State"]["Status"], "running");
    // Running without -f: the running error comes first, as in podman; with it, the
    // dependents still refuse it, and nothing is stopped.
    sb.run(&["rm", "base"]).assert_code(2);
    sb.run(&["rm", "-f", "base"]).assert_error(125, &[&refused]);
    assert_eq!(sb.inspect("base")["State"]["Status"], "running");
    // --depend removes the dependents first and prints every full ID.
    assert_eq!(
        sb.ok(&["rm", "-f", "-t", "0", "--depend", "base"]).stdout(),
        format!("{leaf}\n{base}\n")
    );
    assert!(ps_all(&sb).is_empty());
    // rm -a takes dependents before what they depend on.
    sb.ok(&["create", "--name", "base", "busybox", "true"]);
    sb.ok(&["create", "--name", "leaf", "busybox", "true"]);
    record_dependency(&sb, "base", "leaf");
    sb.ok(&["rm", "-a"]);
    assert!(ps_all(&sb).is_empty());
}

#[test]
fn ps_sorts_as_podman_and_accepts_external() {
    let sb = sandbox_with_busybox();
    for name in ["zeta", "alpha", "mid"] {
        sb.ok(&["create", "--name", name, "busybox", "echo", name]);
    }
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["ps", "-a", "--format", "{{.Names}}"];
        all.extend_from_slice(args);
        sb.ok(&all).stdout().lines().map(String::from).collect()
    };
    // Oldest first, by default (podman's default key is created) and by created.
    assert_eq!(names(&[]), ["zeta", "alpha", "mid"]);
    assert_eq!(names(&["--sort", "created"]), ["zeta", "alpha", "mid"]);
    assert_eq!(names(&["--sort", "runningfor"]), ["zeta", "alpha", "mid"]);
    assert_eq!(names(&["--sort", "names"]), ["alpha", "mid", "zeta"]);
    assert_eq!(names(&["--sort", "command"]), ["alpha", "mid", "zeta"]);
    // Ties keep the oldest first.
    assert_eq!(names(&["--sort", "status"]), ["zeta", "alpha", "mid"]);
    assert_eq!(names(&["--external"]), ["zeta", "alpha", "mid"]);
}

#[test]
fn kill_takes_real_time_signals_and_says_what_is_wrong() {
    let sb = sandbox_with_busybox();
    // The shell reports each signal it traps, so the test sees what arrived.
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "trap",
        "busybox",
        "sh",
        "-c",
        "trap 'echo got 37' 37; trap 'echo got 62' 62; trap 'echo got usr1' USR1; \
         echo ready; while true; do sleep 0.1; done",
    ]);
    let logs = || sb.ok(&["logs", "trap"]).stdout();
    wait_for("the traps", Duration::from_secs(30), || {
        logs().contains("ready")
    });
    for (signal, seen) in [
        ("RTMIN+3", "got 37"),
        ("SIGRTMAX-2", "got 62"),
        ("sigusr1", "got usr1"),
    ] {
        assert_eq!(sb.ok(&["kill", "-s", signal, "trap"]).stdout(), "trap\n");
        wait_for(seen, Duration::from_secs(30), || logs().contains(seen));
    }
    sb.run(&["kill", "-s", "65", "trap"])
        .assert_error(125, &["valid signals are 1 through 64"]);
    sb.run(&["kill", "-s", "RTMIN+16", "trap"])
        .assert_error(125, &["invalid signal: RTMIN+16"]);
    sb.run(&["create", "--stop-signal", "SIGNOPE", "busybox", "true"])
        .assert_error(125, &["invalid signal: SIGNOPE"]);
    sb.ok(&["create", "--stop-signal", "RTMIN+3", "busybox", "true"]);
    sb.ok(&["kill", "-s", "64", "trap"]);
    sb.ok(&["rm", "-f", "-t", "0", "trap"]);
}

#[test]
fn inspect_shows_the_image_digest_name_and_log_size_as_podman() {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "create",
        "--name",
        "sized",
        "--log-opt",
        "max-size=1m",
        "busybox",
        "true",
    ]);
    sb.ok(&["create", "--name", "plain", "busybox", "true"]);
    let sized = sb.inspect("sized");
    assert_eq!(
        sized["ImageDigest"],
        fixture("busybox:latest")["manifest_digest"]
    );
    assert_eq!(sized["ImageName"], image_ref("busybox:latest"));
    assert_eq!(sized["HostConfig"]["LogConfig"]["Size"], "1MB");
    assert_eq!(sb.inspect("plain")["HostConfig"]["LogConfig"]["Size"], "0B");
    sb.ok(&[
        "create",
        "--name",
        "odd",
        "--log-opt",
        "max-size=1234567",
        "busybox",
        "true",
    ]);
    assert_eq!(
        sb.inspect("odd")["HostConfig"]["LogConfig"]["Size"],
        "1.235MB"
    );
}

#[test]
fn latest_acts_on_the_newest_container() {
    let sb = sandbox_with_busybox();
    sb.run(&["stop", "-l"])
        .assert_error(125, &["no such container"]);
    sb.run(&["rm", "-l"])
        .assert_error(1, &["no such container"]);
    sb.ok(&["create", "--name", "older", "busybox", "true"]);
    sb.ok(&[
        "create",
        "--name",
        "newer",
        "busybox",
        "sh",
        "-c",
        "echo hi; sleep 1000",
    ]);
    let newer = id_of(&sb, "newer");
    assert_eq!(
        sb.ok(&["inspect", "-l", "--format", "{{.Name}}"]).stdout(),
        "newer\n"
    );
    assert_eq!(sb.ok(&["start", "-l"]).stdout(), format!("{newer}\n"));
    wait_for("the output", Duration::from_secs(30), || {
        sb.ok(&["logs", "-l"]).stdout() == "hi\n"
    });
    let top = sb.ok(&["top", "-l", "pid", "args"]).stdout();
    assert!(top.contains("sleep 1000"), "{top}");
    sb.run(&["stop", "-l", "older"])
        .assert_error(125, &["--latest and containers cannot be used together"]);
    assert_eq!(sb.ok(&["kill", "-l"]).stdout(), format!("{newer}\n"));
    assert_eq!(sb.ok(&["wait", "-l"]).stdout(), "137\n");
    assert_eq!(sb.ok(&["rm", "-l"]).stdout(), format!("{newer}\n"));
    assert_eq!(ps_all(&sb).len(), 1);
}
