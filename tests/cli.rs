//! The command-line shell as the unprivileged test user: the program name (burrow called as
//! `podman` through a symlink), cobra's help and usage errors, flags given twice, the global
//! options, `info`, the events settings of containers.conf and `version`.

mod common;

use std::path::PathBuf;

use common::*;

/// A `podman` symlink to the test binary, where the test user can reach it.
fn podman(sb: &Sandbox) -> PathBuf {
    let dir = sb.dir.join("bin");
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join("podman");
    if !link.exists() {
        std::os::unix::fs::symlink(binary(), &link).unwrap();
    }
    link
}

/// Runs burrow as `podman`.
fn run_as_podman(sb: &Sandbox, args: &[&str]) -> Run {
    let output = sb.command_of(podman(sb), args).output().unwrap();
    Run {
        args: std::iter::once("(as podman)")
            .chain(args.iter().copied())
            .map(String::from)
            .collect(),
        output,
    }
}

// ---- 2. program name, help and usage errors ----

#[test]
fn help_has_cobras_layout_and_names_the_program_called() {
    let sb = Sandbox::new();
    for (run, name) in [
        (sb.run(&["--help"]), "burrow"),
        (run_as_podman(&sb, &["--help"]), "podman"),
    ] {
        run.assert_code(0);
        let out = run.stdout();
        let usage = out.find("\nUsage:\n  ").expect(&out);
        let commands = out.find("\nAvailable Commands:\n").expect(&out);
        let options = out.find("\nOptions:\n").expect(&out);
        assert!(usage < commands && commands < options, "{out}");
        assert!(
            out.contains(&format!("Usage:\n  {name} [options] [command]\n")),
            "{out}"
        );
        assert!(out.contains("\n  ps "), "{out}");
        assert!(out.contains("--log-level"), "{out}");
    }
    let ps = run_as_podman(&sb, &["ps", "--help"]);
    ps.assert_code(0);
    assert!(
        ps.stdout().contains("Usage:\n  podman ps [options]\n"),
        "{}",
        ps.stdout()
    );
    assert!(
        !ps.stdout().contains("Available Commands:"),
        "{}",
        ps.stdout()
    );
}

#[test]
fn no_command_prints_the_help_and_a_missing_command_error() {
    let sb = Sandbox::new();
    let bare = run_as_podman(&sb, &[]);
    bare.assert_code(125);
    assert!(
        bare.stdout().contains("Available Commands:"),
        "{}",
        bare.stdout()
    );
    assert_eq!(bare.stderr(), "Error: missing command 'podman COMMAND'\n");
    let image = sb.run(&["image"]);
    image.assert_code(125);
    assert!(
        image.stdout().contains("Usage:\n  burrow image"),
        "{}",
        image.stdout()
    );
    assert_eq!(
        image.stderr(),
        "Error: missing command 'burrow image COMMAND'\n"
    );
}

#[test]
fn usage_errors_are_podmans() {
    let sb = Sandbox::new();
    let unknown = run_as_podman(&sb, &["xyzzyq"]);
    unknown.assert_code(125);
    assert_eq!(
        unknown.stderr(),
        "Error: unrecognized command `podman xyzzyq`\nTry 'podman --help' for more information\n"
    );
    let nested = sb.run(&["image", "xyzzyq"]);
    nested.assert_code(125);
    assert_eq!(
        nested.stderr(),
        "Error: unrecognized command `burrow image xyzzyq`\nTry 'burrow image --help' for more information\n"
    );
    let flag = run_as_podman(&sb, &["--xx", "ps"]);
    flag.assert_code(125);
    assert_eq!(
        flag.stderr(),
        "Error: unknown flag: --xx\nSee 'podman --help'\n"
    );
    let sub_flag = run_as_podman(&sb, &["run", "--xx", "busybox"]);
    sub_flag.assert_code(125);
    assert_eq!(
        sub_flag.stderr(),
        "Error: unknown flag: --xx\nSee 'podman run --help'\n"
    );
    let args = run_as_podman(&sb, &["ps", "a"]);
    args.assert_code(125);
    assert_eq!(args.stderr(), "Error: `podman ps` takes no arguments\n");
    let value = sb.run(&["image", "ls", "--format"]);
    value.assert_code(125);
    assert_eq!(
        value.stderr(),
        "Error: flag needs an argument: --format\nSee 'burrow image ls --help'\n"
    );
}

// ---- 3. a flag given twice ----

#[test]
fn the_last_of_a_flag_given_twice_wins_and_lists_still_add_up() {
    let sb = sandbox_with_busybox();
    let run = sb.ok(&[
        "run",
        "--name",
        "first",
        "--name",
        "second",
        "-e",
        "A=1",
        "-e",
        "B=2",
        "--rm",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "echo $A$B",
    ]);
    assert_eq!(run.stdout(), "12\n");
    let images = sb.ok(&[
        "images",
        "--format",
        "{{.ID}}",
        "--format",
        "{{.Repository}}",
    ]);
    assert!(images.stdout().contains("busybox"), "{}", images.stdout());
    // Names that are not hex: `exists a` would also match a container ID starting with "a".
    sb.ok(&["create", "--name", "x", "--name", "y", "busybox", "true"]);
    sb.run(&["container", "exists", "x"]).assert_code(1);
    sb.ok(&["container", "exists", "y"]);
    sb.ok(&["rm", "y"]);
    // the last --log-level too
    let levels = sb.ok(&[
        "--log-level",
        "error",
        "--log-level",
        "info",
        "images",
        "-q",
    ]);
    assert!(
        levels.stderr().contains("level=info"),
        "{}",
        levels.stderr()
    );
}

// ---- 4. global options ----

#[test]
fn log_lines_are_logrus_text_at_debug_and_info_only() {
    let sb = Sandbox::new();
    let debug = run_as_podman(&sb, &["--debug", "images", "-q"]);
    debug.assert_code(0);
    let err = debug.stderr();
    assert!(
        err.lines().any(|l| l.starts_with("time=\"")
            && l.contains(" level=info msg=\"podman filtering at log level debug\"")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("time=\"") && l.contains(" level=debug msg=\"Using graph root ")),
        "{err}"
    );
    assert!(err.lines().all(|l| l.starts_with("time=\"")), "{err}");
    let short = sb.ok(&["-D", "images", "-q"]);
    assert!(short.stderr().contains("level=debug"), "{}", short.stderr());
    let info = sb.ok(&["--log-level", "info", "images", "-q"]);
    assert!(info.stderr().contains("level=info"), "{}", info.stderr());
    assert!(!info.stderr().contains("level=debug"), "{}", info.stderr());
    for level in ["warn", "error"] {
        let quiet = sb.ok(&["--log-level", level, "images", "-q"]);
        assert_eq!(quiet.stderr(), "", "at {level}");
    }
    assert_eq!(sb.ok(&["images", "-q"]).stderr(), "");
}

#[test]
fn debug_beside_log_level_is_refused_as_podman_does() {
    let sb = Sandbox::new();
    for args in [
        ["--debug", "--log-level", "info", "images"],
        ["--log-level", "debug", "-D", "images"],
    ] {
        let run = sb.run(&args);
        run.assert_code(1);
        assert_eq!(
            run.stderr(),
            "Setting --log-level and --debug is not allowed\n"
        );
    }
}

#[test]
fn noout_silences_stdout_only() {
    let sb = Sandbox::new();
    let run = sb.ok(&["--noout", "version"]);
    assert_eq!(run.stdout(), "");
    let err = sb.run(&["--noout", "inspect", "nosuchthing"]);
    err.assert_error(125, &["no such object"]);
    assert_eq!(err.stdout(), "");
}

#[test]
fn events_backends() {
    let sb = sandbox_with_busybox();
    sb.run(&["--events-backend", "journald", "images"])
        .assert_one_line_error(
            125,
            &[
                "journald events backend is not available",
                "--events-backend file",
            ],
        );
    sb.run(&["--events-backend", "bogus", "images"])
        .assert_error(125, &["\"bogus\" is not a valid events backend"]);
    sb.ok(&["--events-backend", "none", "tag", "busybox", "quiet:1"]);
    sb.ok(&["--events-backend", "file", "tag", "busybox", "loud:1"]);
    let events = sb.ok(&[
        "events",
        "--stream=false",
        "--format",
        "{{.Status}} {{.Name}}",
    ]);
    assert!(events.stdout().contains("loud:1"), "{}", events.stdout());
    assert!(!events.stdout().contains("quiet:1"), "{}", events.stdout());
    sb.run(&["--events-backend", "none", "events", "--stream=false"])
        .assert_one_line_error(125, &["cannot read events with the \"none\" backend"]);
}

#[test]
fn remote_options_are_refused_and_other_podman_globals_accepted() {
    let sb = Sandbox::new();
    for (args, flag) in [
        (&["--url", "unix:/run/podman.sock", "ps"][..], "--url"),
        (&["--connection", "x", "ps"][..], "--connection"),
        (&["-c", "x", "ps"][..], "--connection"),
        (&["--remote", "ps"][..], "--remote"),
        (&["-r", "ps"][..], "--remote"),
    ] {
        sb.run(args)
            .assert_one_line_error(125, &[flag, "burrow has no remote mode"]);
    }
    sb.ok(&[
        "--volumepath",
        "/tmp/v",
        "--runtime-flag",
        "debug",
        "--runtime-flag=log-format=json",
        "ps",
    ]);
    let info = sb.ok(&[
        "--volumepath",
        "/tmp/vols",
        "info",
        "--format",
        "{{.Store.VolumePath}}",
    ]);
    assert_eq!(info.stdout(), "/tmp/vols\n");
}

#[test]
fn a_pulling_run_hands_the_global_options_to_its_child() {
    let sb = Sandbox::new();
    // The child burrow that pulls would record a pull event: with "none" handed on, the log
    // stays empty.
    sb.ok(&[
        "--debug",
        "--events-backend",
        "none",
        "run",
        "--rm",
        &image_ref("busybox:latest"),
        "true",
    ]);
    let log = sb.graph_root().join("events/events.log");
    let written = std::fs::read_to_string(&log).unwrap_or_default();
    assert_eq!(written, "", "events were written to {}", log.display());
    // and without it, the pull is recorded (so the check above means something)
    let sb = Sandbox::new();
    sb.ok(&["run", "--rm", &image_ref("busybox:latest"), "true"]);
    let written = std::fs::read_to_string(sb.graph_root().join("events/events.log")).unwrap();
    assert!(written.contains("\"Status\":\"pull\""), "{written}");
}

// ---- 5. info ----

#[test]
fn info_reports_podmans_host_and_store_fields() {
    let sb = Sandbox::new();
    let info = sb.ok(&["info", "--format", "json"]).json();
    let host = &info["host"];
    let os_release = std::fs::read_to_string("/etc/os-release").unwrap();
    let id = os_release
        .lines()
        .find_map(|l| l.strip_prefix("ID="))
        .unwrap()
        .trim_matches('"');
    assert_eq!(host["distribution"]["distribution"], id);
    assert!(host["distribution"]["version"].is_string());
    assert!(host["distribution"]["codename"].is_string());
    assert_eq!(host["logDriver"], "k8s-file");
    assert_eq!(host["eventLogger"], "file");
    assert!(host["conmon"]["path"].as_str().unwrap().ends_with("burrow"));
    for helper in ["slirp4netns", "pasta"] {
        assert!(host[helper]["executable"].is_string(), "{helper}: {host}");
    }
    let store = &info["store"];
    assert_eq!(
        store["configFile"],
        sb.home
            .join(".config/containers/storage.conf")
            .display()
            .to_string()
    );
    assert!(
        store["graphStatus"]["Backing Filesystem"].is_string(),
        "{store}"
    );
    assert_eq!(store["graphStatus"]["Native Overlay Diff"], "true");
    assert!(store["graphOptions"].is_object());
    assert_eq!(
        store["volumePath"],
        sb.graph_root().join("volumes").display().to_string()
    );
    let distro = sb.ok(&["info", "--format", "{{.Host.Distribution.Distribution}}"]);
    assert_eq!(distro.stdout(), format!("{id}\n"));
    let none = sb.ok(&[
        "--events-backend",
        "none",
        "info",
        "--format",
        "{{.Host.EventLogger}}",
    ]);
    assert_eq!(none.stdout(), "none\n");
    // distrobox decides it runs under runc when `info` mentions runc anywhere
    assert!(!sb.ok(&["info"]).stdout().contains("runc"));
}

// ---- 6. events settings from containers.conf ----

fn write_containers_conf(sb: &Sandbox, text: &str) {
    std::fs::write(sb.home.join(".config/containers/containers.conf"), text).unwrap();
    sb.chown_home();
}

#[test]
fn containers_conf_places_the_event_log_and_rotates_it() {
    let sb = sandbox_with_busybox();
    let log = sb.dir.join("elsewhere/events.log");
    std::fs::create_dir_all(log.parent().unwrap()).unwrap();
    std::os::unix::fs::chown(log.parent().unwrap(), Some(sb.user.uid), Some(sb.user.gid)).unwrap();
    write_containers_conf(
        &sb,
        &format!(
            "[engine]\nevents_logfile_path = \"{}\"\nevents_logfile_max_size = \"2kb\"\n",
            log.display()
        ),
    );
    let store_log = sb.graph_root().join("events/events.log");
    let before = std::fs::read_to_string(&store_log).unwrap_or_default();
    for i in 0..30 {
        sb.ok(&["tag", "busybox", &format!("tagged:{i}")]);
    }
    assert_eq!(
        std::fs::read_to_string(&store_log).unwrap_or_default(),
        before
    );
    let size = std::fs::metadata(&log).unwrap().len();
    assert!(size < 2000, "the log grew to {size} bytes");
    let events = sb.ok(&[
        "events",
        "--stream=false",
        "--format",
        "{{.Type}} {{.Status}} {{.Name}}",
    ]);
    let out = events.stdout();
    assert!(
        out.contains(&format!("system log-rotation {}\n", log.display())),
        "{out}"
    );
    assert!(out.contains("image tag localhost/tagged:29\n"), "{out}");
    assert!(!out.contains("image tag localhost/tagged:0\n"), "{out}");
    // every line left is a whole event
    for line in std::fs::read_to_string(&log).unwrap().lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
}

#[test]
fn containers_conf_events_logger_none_writes_nothing() {
    let sb = sandbox_with_busybox();
    write_containers_conf(&sb, "[engine]\nevents_logger = \"none\"\n");
    let log = sb.graph_root().join("events/events.log");
    sb.ok(&["tag", "busybox", "x:1"]);
    sb.ok(&["run", "--rm", "busybox", "true"]);
    let written = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        !written.contains("x:1") && !written.contains("\"died\""),
        "{written}"
    );
    // the flag wins over the file
    sb.ok(&["--events-backend", "file", "tag", "busybox", "y:1"]);
    assert!(std::fs::read_to_string(&log).unwrap().contains("y:1"));
    // journald, which burrow cannot write, is the file in containers.conf
    write_containers_conf(&sb, "[engine]\nevents_logger = \"journald\"\n");
    sb.ok(&["tag", "busybox", "z:1"]);
    let events = sb.ok(&["events", "--stream=false", "--format", "{{.Name}}"]);
    assert!(events.stdout().contains("z:1"), "{}", events.stdout());
}

// ---- 7. version ----

#[test]
fn version_reports_the_podman_burrow_matches_and_burrows_own() {
    let sb = Sandbox::new();
    let own = env!("CARGO_PKG_VERSION");
    let podman_line = run_as_podman(&sb, &["--version"]);
    podman_line.assert_code(0);
    assert_eq!(podman_line.stdout(), "podman version 4.3.1\n");
    assert_eq!(
        run_as_podman(&sb, &["-v"]).stdout(),
        "podman version 4.3.1\n"
    );
    assert_eq!(
        sb.ok(&["--version"]).stdout(),
        format!("burrow version {own} (podman 4.3.1)\n")
    );
    let json = run_as_podman(&sb, &["version", "--format", "json"]).json();
    assert_eq!(json["Client"]["Version"], "4.3.1");
    assert_eq!(json["Client"]["APIVersion"], "4.3.1");
    assert_eq!(json["Client"]["BurrowVersion"], own);
    assert_eq!(
        sb.ok(&["version", "--format", "{{.Client.Version}}"])
            .stdout(),
        "4.3.1\n"
    );
    let human = run_as_podman(&sb, &["version"]).stdout();
    assert!(human.contains("Version:         4.3.1\n"), "{human}");
    assert!(
        human.contains(&format!("Burrow Version:  {own}\n")),
        "{human}"
    );
    run_as_podman(&sb, &["version", "x"]).assert_code(125);
}

// ---- 8. system migrate ----

/// toolbox runs `podman system migrate` once per podman version it sees: as podman's, it
/// stops the running containers (printing each) and replaces the namespace holder
/// (tests/system.rs checks the holder, in a run directory of its own).
#[test]
fn system_migrate_stops_running_containers() {
    let mut sb = sandbox_with_busybox();
    // Not the shared run directory: migrate ends the namespace holder there.
    let run_dir = sb.dir.join("xdg-run");
    std::fs::create_dir(&run_dir).unwrap();
    std::os::unix::fs::chown(&run_dir, Some(sb.user.uid), Some(sb.user.gid)).unwrap();
    std::fs::set_permissions(
        &run_dir,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    sb.envs
        .push(("XDG_RUNTIME_DIR".into(), run_dir.display().to_string()));
    sb.ok(&["run", "-d", "--name", "up", "busybox", "sleep", "1000"]);
    let id = sb.inspect("up")["Id"].as_str().unwrap().to_string();
    let migrate = run_as_podman(&sb, &["--log-level", "error", "system", "migrate"]);
    migrate.assert_code(0);
    assert_eq!(migrate.stdout(), format!("stopped {id}\n"));
    assert_eq!(migrate.stderr(), "");
    assert_eq!(
        sb.ok(&["inspect", "up", "--format", "{{.State.Status}}"])
            .stdout(),
        "exited\n"
    );
    run_as_podman(&sb, &["system", "migrate", "x"])
        .assert_one_line_error(125, &["`podman system migrate` takes no arguments"]);
    sb.run(&["system", "migrate", "--new-runtime", "crun"])
        .assert_one_line_error(
            125,
            &[
                "cannot migrate containers to runtime \"crun\"",
                "--runtime crun",
            ],
        );
}
