//! `burrow logs` and `burrow events` as the unprivileged test user. Until the monitor writes
//! container logs, the tests write a k8s-file log into the container's directory themselves.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::chown;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::*;

fn full_id(sb: &Sandbox, name: &str) -> String {
    sb.ok(&["inspect", "--format", "{{.Id}}", name])
        .stdout()
        .trim()
        .to_string()
}

fn log_path(sb: &Sandbox, name: &str) -> PathBuf {
    sb.graph_root()
        .join("containers")
        .join(full_id(sb, name))
        .join("userdata/ctr.log")
}

/// Writes a log file as the test user (as the monitor would).
fn write_log(sb: &Sandbox, name: &str, text: &str) -> PathBuf {
    let path = log_path(sb, name);
    std::fs::write(&path, text).unwrap();
    chown(&path, Some(sb.user.uid), Some(sb.user.gid)).unwrap();
    path
}

const LOG: &str = "\
2024-01-01T00:00:01.000000000+00:00 stdout F one
2024-01-01T00:00:02.000000000+00:00 stderr F warn
2024-01-01T00:00:03.000000000+00:00 stdout P tw
2024-01-01T00:00:04.000000000+00:00 stdout F o
2024-01-01T00:00:05.000000000+00:00 stdout F three
";

#[test]
fn logs_print_streams_tail_timestamps_and_time_ranges() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "c1", "busybox", "true"]);
    // no log yet: nothing, and no error
    let run = sb.ok(&["logs", "c1"]);
    assert_eq!(run.stdout(), "");
    write_log(&sb, "c1", LOG);
    let run = sb.ok(&["logs", "c1"]);
    assert_eq!(run.stdout(), "one\ntwo\nthree\n");
    assert_eq!(run.stderr(), "warn\n");
    assert_eq!(
        sb.ok(&["logs", "-t", "--tail", "2", "c1"]).stdout(),
        "2024-01-01T00:00:03.000000000Z two\n2024-01-01T00:00:05.000000000Z three\n"
    );
    assert_eq!(sb.ok(&["logs", "--tail", "0", "c1"]).stdout(), "");
    let run = sb.ok(&[
        "logs",
        "--since",
        "2024-01-01T00:00:01Z",
        "--until",
        "1704067205",
        "c1",
    ]);
    assert_eq!(run.stdout(), "two\n");
    assert_eq!(run.stderr(), "warn\n");
    sb.run(&["logs", "--since", "soon", "c1"]).assert_error(
        125,
        &["parsing --since \"soon\": unable to interpret time value"],
    );
    sb.run(&["logs", "nosuch"])
        .assert_error(125, &["no container with name or ID \"nosuch\" found"]);
}

#[test]
fn logs_of_several_containers_are_prefixed_by_id_or_name() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "a", "busybox", "true"]);
    sb.ok(&["create", "--name", "b", "busybox", "true"]);
    write_log(
        &sb,
        "a",
        "2024-01-01T00:00:01.000000000+00:00 stdout F from a\n",
    );
    write_log(
        &sb,
        "b",
        "2024-01-01T00:00:01.000000000+00:00 stdout F from b\n",
    );
    let a = full_id(&sb, "a");
    let b = full_id(&sb, "b");
    assert_eq!(
        sb.ok(&["logs", "a", "b"]).stdout(),
        format!("{} from a\n{} from b\n", &a[..12], &b[..12])
    );
    assert_eq!(
        sb.ok(&["logs", "-n", "b", "a"]).stdout(),
        "b from b\na from a\n"
    );
    // one container: no prefix even with --names
    assert_eq!(sb.ok(&["logs", "-n", "a"]).stdout(), "from a\n");
}

#[test]
fn logs_follow_a_running_container_until_it_stops() {
    let sb = sandbox_with_busybox();
    let mut fg = sb.spawn(&["run", "--name", "runner", "busybox", "sleep", "1000"]);
    wait_for("the container to run", Duration::from_secs(20), || {
        sb.ok(&["ps", "--format", "{{.Names}}"])
            .stdout()
            .contains("runner")
    });
    let path = write_log(
        &sb,
        "runner",
        "2024-01-01T00:00:01.000000000+00:00 stdout F before\n",
    );
    let mut follower = sb.spawn(&["logs", "-f", "runner"]);
    std::thread::sleep(Duration::from_millis(500));
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(b"2024-01-01T00:00:02.000000000+00:00 stdout F after\n")
            .unwrap();
    }
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        follower.try_wait().unwrap().is_none(),
        "logs -f ended while the container runs"
    );
    let stopped = Instant::now();
    sb.ok(&["kill", "runner"]);
    let status = loop {
        if let Some(status) = follower.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(10),
            "logs -f did not end"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    let mut out = String::new();
    follower
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    assert_eq!(out, "before\nafter\n");
    let _ = fg.wait();
}

#[test]
fn logs_refuse_containers_without_a_log() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "quiet", "busybox", "true"]);
    // the record field the lead sets from --log-driver; rewritten here by hand
    let record = sb
        .graph_root()
        .join("containers")
        .join(full_id(&sb, "quiet"))
        .join("container.json");
    let text = std::fs::read_to_string(&record).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["log_driver"] = "none".into();
    std::fs::write(&record, value.to_string()).unwrap();
    sb.run(&["logs", "quiet"]).assert_error(
        125,
        &["this container is using the 'none' log driver, cannot read logs: this container is not logging output"],
    );
}

#[test]
fn events_record_create_and_remove_and_filter_them() {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "create", "--name", "e1", "--label", "app=web", "busybox", "true",
    ]);
    sb.ok(&["create", "--name", "e2", "busybox", "true"]);
    let id = full_id(&sb, "e1");
    sb.ok(&["rm", "e1"]);
    let log = sb.graph_root().join("events/events.log");
    assert_eq!(owner(&log), (sb.user.uid, sb.user.gid));
    let lines = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["events", "--stream=false"];
        full.extend_from_slice(args);
        sb.ok(&full).stdout().lines().map(String::from).collect()
    };
    assert_eq!(
        lines(&["--format", "{{.Status}} {{.Name}} {{.Type}}"]),
        [
            "pull 127.0.0.1:5000/busybox:latest image",
            "create e1 container",
            "create e2 container",
            "remove e1 container"
        ]
    );
    assert_eq!(
        lines(&[
            "--filter",
            "container=e1",
            "--filter",
            "event=remove",
            "--format",
            "{{.ID}}"
        ]),
        [id.as_str()]
    );
    assert_eq!(
        lines(&[
            "--filter",
            "container=e2",
            "--filter",
            "container=e1",
            "--format",
            "{{.Name}}"
        ]),
        ["e1", "e2", "e1"]
    );
    assert_eq!(
        lines(&["--filter", "label=app=web", "--format", "{{.Status}}"]),
        ["create", "remove"]
    );
    let human = lines(&["--filter", "event=create", "--filter", "container=e1"]);
    assert_eq!(human.len(), 1);
    assert!(
        human[0].contains(&format!(" container create {id} (image=")),
        "{human:?}"
    );
    assert!(human[0].contains(", name=e1, app=web"), "{human:?}");
    let short = lines(&["--no-trunc=false", "--filter", "event=remove"]);
    assert!(
        short[0].contains(&format!(" remove {} (", &id[..12])),
        "{short:?}"
    );
    let json = lines(&["--format", "json", "--filter", "event=remove"]);
    let v: serde_json::Value = serde_json::from_str(&json[0]).unwrap();
    assert_eq!(v["Status"], "remove");
    assert_eq!(v["Type"], "container");
    assert_eq!(v["Attributes"]["app"], "web");
    assert!(v["timeNano"].as_i64().unwrap() > 0);
    // --until in the past and a future --since leave nothing
    assert!(lines(&["--until", "2000-01-01"]).is_empty());
    assert!(lines(&["--since", "-1h"]).is_empty());
    sb.run(&["events", "--stream=false", "--filter", "colour=red"])
        .assert_error(
            125,
            &["failed to parse event filters: colour is an invalid filter"],
        );
}

#[test]
fn events_stream_new_events_until_the_until_time() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "old", "busybox", "true"]);
    let start = Instant::now();
    let follower = sb.spawn(&[
        "events",
        "--until",
        "4s",
        "--format",
        "{{.Status}} {{.Name}}",
    ]);
    std::thread::sleep(Duration::from_millis(800));
    sb.ok(&["create", "--name", "new", "busybox", "true"]);
    let out = follower.wait_with_output().unwrap();
    let elapsed = start.elapsed();
    assert!(out.status.success());
    assert!(
        elapsed >= Duration::from_secs(3),
        "ended too early: {elapsed:?}"
    );
    // with --until, podman reads from the start of the log
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "pull 127.0.0.1:5000/busybox:latest\ncreate old\ncreate new\n"
    );
}

/// The lines a follower prints, as they come (read by a thread of their own).
fn lines_of(follower: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
    let stdout = follower.stdout.take().unwrap();
    let (lines, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    received
}

#[test]
fn events_stream_without_times_starts_at_the_end() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "before", "busybox", "true"]);
    let mut follower = sb.spawn(&["events", "--format", "{{.Status}} {{.Name}}"]);
    let received = lines_of(&mut follower);
    // Events keep coming until the follower shows one: whenever it started reading, the
    // first thing it prints is a new event, never the one from before it started.
    let mut first = None;
    for n in 0..50 {
        sb.ok(&["create", "--name", &format!("after{n}"), "busybox", "true"]);
        if let Ok(line) = received.recv_timeout(Duration::from_millis(500)) {
            first = Some(line);
            break;
        }
    }
    let first = first.expect("events printed nothing while containers were created");
    assert!(first.starts_with("create after"), "{first}");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(follower.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let status = follower.wait().unwrap();
    assert!(!status.success());
}

/// A follower reads on across the log's rotation (the newer half kept, renamed over the log)
/// without losing an event or showing one twice.
#[test]
fn events_stream_follows_rotation_once_each() {
    let sb = sandbox_with_busybox();
    std::fs::write(
        sb.home.join(".config/containers/containers.conf"),
        "[engine]\nevents_logfile_max_size = \"2kb\"\n",
    )
    .unwrap();
    sb.chown_home();
    let mut follower = sb.spawn(&["events", "--filter", "event=tag", "--format", "{{.Name}}"]);
    let received = lines_of(&mut follower);
    // Tags until the follower shows one: it reads from then on.
    let mut ready = false;
    for n in 0..50 {
        sb.ok(&["tag", "busybox", &format!("warm:{n}")]);
        if received.recv_timeout(Duration::from_millis(500)).is_ok() {
            ready = true;
            break;
        }
    }
    assert!(ready, "events printed nothing while images were tagged");
    while received.recv_timeout(Duration::from_millis(200)).is_ok() {}
    for n in 0..40 {
        sb.ok(&["tag", "busybox", &format!("rotated:{n}")]);
    }
    sb.ok(&["tag", "busybox", "last:1"]);
    let mut seen = Vec::new();
    loop {
        let line = received
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("no `last` event after {seen:?}"));
        if line.ends_with("last:1") {
            break;
        }
        seen.push(line);
    }
    let expected: Vec<String> = (0..40).map(|n| format!("localhost/rotated:{n}")).collect();
    assert_eq!(seen, expected);
    let log = sb.graph_root().join("events/events.log");
    assert!(
        std::fs::metadata(&log).unwrap().len() < 2000,
        "the log was not rotated"
    );
    let _ = follower.kill();
    let _ = follower.wait();
}
