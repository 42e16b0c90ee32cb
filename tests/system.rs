//! The storage commands as the unprivileged test user with real images: `system df`, the
//! prunes, `container cleanup`, `system reset` and `system migrate`.

mod common;

use common::*;

fn fixture_layer_bytes(name: &str) -> Vec<u64> {
    fixture(name)["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uncompressed_size"].as_u64().unwrap())
        .collect()
}

/// One summary line of `system df --format json` by its Type.
fn df_line(sb: &Sandbox, kind: &str) -> serde_json::Value {
    let all = sb.ok(&["system", "df", "--format", "json"]).json();
    all.as_array()
        .unwrap()
        .iter()
        .find(|l| l["Type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} line in {all}"))
        .clone()
}

#[test]
fn df_of_an_empty_store_is_zeros_and_creates_nothing() {
    let sb = Sandbox::new();
    let out = sb.ok(&["system", "df"]).stdout();
    assert_eq!(
        out,
        "TYPE           TOTAL       ACTIVE      SIZE        RECLAIMABLE\n\
         Images         0           0           0B          0B (0%)\n\
         Containers     0           0           0B          0B (0%)\n\
         Local Volumes  0           0           0B          0B (0%)\n"
    );
    assert!(!sb.graph_root().exists(), "df created the store");
}

#[test]
fn df_counts_shared_layers_once_and_matches_images_and_volumes() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb.pull("layers:latest");
    let busybox: u64 = fixture_layer_bytes("busybox:latest").iter().sum();
    let layers: u64 = fixture_layer_bytes("layers:latest").iter().sum();
    // The layers image is built on busybox's layer: stored once, counted once.
    let own = layers - busybox;
    sb.ok(&["create", "--name", "idle", "busybox", "true"]);
    sb.ok(&[
        "run",
        "--name",
        "writer",
        "-v",
        "data:/data",
        "busybox",
        "sh",
        "-c",
        "dd if=/dev/zero of=/data/x bs=1k count=50 2>/dev/null; echo hi > /y",
    ]);
    sb.ok(&["volume", "create", "spare"]);

    let images = df_line(&sb, "Images");
    assert_eq!(images["Total"], 2);
    assert_eq!(images["Active"], 1, "busybox is used by the containers");
    assert_eq!(images["Size"], layers);
    assert_eq!(images["Reclaimable"], own);
    // The same bytes `images` shows for each.
    let listed: Vec<u64> = sb
        .ok(&["images", "--format", "json"])
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["Size"].as_u64().unwrap())
        .collect();
    assert_eq!(listed.iter().sum::<u64>(), busybox + layers);

    let containers = df_line(&sb, "Containers");
    assert_eq!(
        (containers["Total"].as_u64(), containers["Active"].as_u64()),
        (Some(2), Some(0))
    );
    // /y holds "hi\n"; nothing the container did not write is counted.
    assert_eq!(containers["Size"], 3);
    assert_eq!(containers["Reclaimable"], 3);

    let volumes = df_line(&sb, "Local Volumes");
    assert_eq!(
        (volumes["Total"].as_u64(), volumes["Active"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(volumes["Size"], 50 * 1024);
    assert_eq!(volumes["Reclaimable"], 0);

    let table = sb.ok(&["system", "df"]).stdout();
    let percent = (own as f64 / layers as f64 * 100.0).round();
    assert!(
        table.contains(&format!(
            "Images         2           1           3.768MB     1.638MB ({percent}%)"
        )),
        "{table}"
    );
    assert!(
        table.contains("Local Volumes  2           1           51.2kB      0B (0%)"),
        "{table}"
    );
    let template = sb
        .ok(&[
            "system",
            "df",
            "--format",
            "{{.Type}}={{.RawSize}} {{.Reclaimable}}",
        ])
        .stdout();
    assert!(
        template.contains(&format!("Images={layers} 1.638MB ({percent}%)\n")),
        "{template}"
    );

    let verbose = sb.ok(&["system", "df", "-v"]).stdout();
    let busybox_id = &fixture_id("busybox:latest")[..12];
    for want in [
        "Images space usage:\n\nREPOSITORY              TAG         IMAGE ID      CREATED     SIZE        SHARED SIZE  UNIQUE SIZE  CONTAINERS\n",
        &format!(
            "/busybox  latest      {busybox_id}  2 years     2.13MB      2.13MB       0B           2\n"
        ),
        "\nContainers space usage:\n\nCONTAINER ID  IMAGE ",
        "\nLocal Volumes space usage:\n\nVOLUME NAME  LINKS       SIZE\n",
        "data         1           51.2kB\n",
        "spare        0           0B\n",
    ] {
        assert!(verbose.contains(want), "no {want:?} in:\n{verbose}");
    }
    assert!(verbose.contains("3B"), "{verbose}");
    sb.run(&["system", "df", "-v", "--format", "json"])
        .assert_error(125, &["cannot combine --format and --verbose flags"]);
}

/// Runs burrow with `input` on its stdin.
fn run_with_input(sb: &Sandbox, args: &[&str], input: &str) -> Run {
    use std::io::Write;
    let mut child = sb
        .command(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    Run {
        args: args.iter().map(|s| s.to_string()).collect(),
        output: child.wait_with_output().unwrap(),
    }
}

fn container_names(sb: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = sb
        .ok(&["ps", "-a", "--format", "{{.Names}}"])
        .stdout()
        .lines()
        .map(String::from)
        .collect();
    names.sort();
    names
}

fn full_id(sb: &Sandbox, name: &str) -> String {
    sb.inspect(name)["Id"].as_str().unwrap().to_string()
}

#[test]
fn container_prune_asks_then_removes_what_does_not_run_and_passes_the_filters() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "fresh", "busybox", "true"]);
    sb.ok(&["run", "--name", "ended", "busybox", "true"]);
    sb.ok(&[
        "run", "--name", "pinned", "--label", "keep=yes", "busybox", "true",
    ]);
    sb.ok(&["run", "-d", "--name", "busy", "busybox", "sleep", "1000"]);
    let warning = "WARNING! This will remove all non running containers.\nAre you sure you want to continue? [y/N] ";

    // No answer at all: podman's EOF error; a "no": nothing happens.
    let eof = sb.run(&["container", "prune"]);
    eof.assert_error(125, &["EOF"]);
    assert_eq!(eof.stdout(), warning);
    let no = run_with_input(&sb, &["container", "prune"], "n\n");
    no.assert_code(0);
    assert_eq!(no.stdout(), warning);
    assert_eq!(container_names(&sb), ["busy", "ended", "fresh", "pinned"]);

    // Nothing was made before an hour ago.
    assert_eq!(
        sb.ok(&["container", "prune", "-f", "--filter", "until=1h"])
            .stdout(),
        ""
    );
    sb.run(&["container", "prune", "-f", "--filter", "until=soon"])
        .assert_error(
            125,
            &["failed to parse value as time or duration: \"soon\""],
        );
    sb.run(&["container", "prune", "-f", "--filter", "color=red"])
        .assert_error(125, &["color is an invalid filter"]);

    let (fresh, ended) = (full_id(&sb, "fresh"), full_id(&sb, "ended"));
    let yes = run_with_input(
        &sb,
        &["container", "prune", "--filter", "label!=keep"],
        "y\n",
    );
    yes.assert_code(0);
    let mut removed: Vec<String> = yes
        .stdout()
        .strip_prefix(warning)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    removed.sort();
    let mut want = vec![fresh, ended];
    want.sort();
    assert_eq!(removed, want);
    assert_eq!(container_names(&sb), ["busy", "pinned"]);

    let pinned = full_id(&sb, "pinned");
    assert_eq!(
        sb.ok(&["container", "prune", "-f"]).stdout(),
        format!("{pinned}\n")
    );
    assert_eq!(
        container_names(&sb),
        ["busy"],
        "the running container stays"
    );
}

#[test]
fn container_cleanup_refuses_a_running_container_and_removes_with_rm() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "--name", "done", "busybox", "true"]);
    sb.ok(&["run", "-d", "--name", "busy", "busybox", "sleep", "1000"]);
    assert_eq!(sb.ok(&["container", "cleanup", "done"]).stdout(), "done\n");
    assert_eq!(container_names(&sb), ["busy", "done"]);
    let busy = full_id(&sb, "busy");
    sb.run(&["container", "cleanup", "busy"]).assert_error(
        125,
        &[&format!(
            "failed to clean up container {busy}: container {busy} is running or paused, refusing to clean up: container state improper"
        )],
    );
    sb.run(&["container", "cleanup", "nosuch"]).assert_error(
        125,
        &["no container with name or ID \"nosuch\" found: no such container"],
    );
    sb.run(&["container", "cleanup"])
        .assert_error(125, &["you must provide at least one name or id"]);
    sb.run(&["container", "cleanup", "-a", "done"])
        .assert_error(125, &["no arguments are needed with --all"]);
    assert_eq!(
        sb.ok(&["container", "cleanup", "--rm", "done"]).stdout(),
        "done\n"
    );
    assert_eq!(container_names(&sb), ["busy"]);
    // The cleaned-up container's image stays while another container uses it.
    sb.ok(&["run", "--name", "last", "busybox", "true"]);
    sb.ok(&["container", "cleanup", "--rm", "--rmi", "last"]);
    sb.ok(&["image", "exists", "busybox"]);
}

fn image_ids(sb: &Sandbox) -> Vec<String> {
    let mut ids: Vec<String> = sb
        .ok(&["images", "-q", "--no-trunc"])
        .stdout()
        .lines()
        .map(|l| l.trim_start_matches("sha256:").to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn image_prune_removes_dangling_or_unused_images_that_pass_the_filters() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb.pull("layers:latest");
    let (busybox, layers) = (fixture_id("busybox:latest"), fixture_id("layers:latest"));
    sb.ok(&["create", "--name", "user", "busybox", "true"]);
    let warning = "WARNING! This command removes all dangling images.\nAre you sure you want to continue? [y/N] ";
    assert_eq!(
        run_with_input(&sb, &["image", "prune"], "n\n").stdout(),
        warning
    );
    // Nothing dangles yet.
    assert_eq!(sb.ok(&["image", "prune", "-f"]).stdout(), "");
    sb.ok(&["untag", &image_ref("layers:latest")]);
    // The fixtures were made on 2024-01-01: not before 2020.
    assert_eq!(
        sb.ok(&["image", "prune", "-f", "--filter", "until=2020-01-01"])
            .stdout(),
        ""
    );
    sb.run(&["image", "prune", "-f", "--filter", "until=soon"])
        .assert_error(
            125,
            &["failed to parse value as time or duration: \"soon\""],
        );
    assert_eq!(
        sb.ok(&[
            "image",
            "prune",
            "-f",
            "--filter",
            "until=2025-01-01",
            "--filter",
            "dangling=true"
        ])
        .stdout(),
        format!("{layers}\n")
    );
    assert_eq!(image_ids(&sb), std::slice::from_ref(&busybox));
    // busybox is used: even -a keeps it, and its layer stays with it.
    let all = run_with_input(&sb, &["image", "prune", "-a"], "y\n");
    all.assert_code(0);
    assert_eq!(
        all.stdout(),
        "WARNING! This command removes all images without at least one container associated with them.\nAre you sure you want to continue? [y/N] "
    );
    assert_eq!(image_ids(&sb), [busybox]);
    sb.ok(&["run", "--rm", "busybox", "true"]);
}

#[test]
fn system_prune_warns_then_reports_each_part_and_the_space() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb.pull("layers:latest");
    sb.ok(&[
        "run",
        "--name",
        "ended",
        "busybox",
        "sh",
        "-c",
        "echo hello > /greeting",
    ]);
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "busy",
        "-v",
        "kept:/data",
        "busybox",
        "sleep",
        "1000",
    ]);
    sb.ok(&["volume", "create", "unused"]);
    sb.ok(&["untag", &image_ref("layers:latest")]);

    let plain = run_with_input(&sb, &["system", "prune"], "n\n");
    plain.assert_code(0);
    assert_eq!(
        plain.stdout(),
        "WARNING! This command removes:\n\t- all stopped containers\n\t- all networks not used by at least one container\n\t- all dangling images\n\t- all dangling build cache\n\nAre you sure you want to continue? [y/N] "
    );
    let all = run_with_input(&sb, &["system", "prune", "-a", "--volumes"], "n\n");
    assert_eq!(
        all.stdout(),
        "WARNING! This command removes:\n\t- all stopped containers\n\t- all networks not used by at least one container\n\t- all volumes not used by at least one container\n\t- all images without at least one container associated with them\n\t- all build cache\n\nAre you sure you want to continue? [y/N] "
    );
    sb.run(&["system", "prune"]).assert_error(125, &["EOF"]);
    assert_eq!(container_names(&sb), ["busy", "ended"]);

    let ended = full_id(&sb, "ended");
    let layers = fixture_id("layers:latest");
    let own: u64 = fixture_layer_bytes("layers:latest").iter().sum::<u64>()
        - fixture_layer_bytes("busybox:latest").iter().sum::<u64>();
    assert_eq!(own, 1_638_400);
    let out = sb.ok(&["system", "prune", "-f", "--volumes"]).stdout();
    // The layers image's own layers (busybox's stays) and "hello\n" in the writable layer:
    // 1638406 bytes, in go-units' four digits.
    let human = "1.638";
    assert_eq!(
        out,
        format!(
            "Deleted Containers\n{ended}\nDeleted Volumes\nunused\nDeleted Images\n{layers}\nTotal reclaimed space: {human}MB\n"
        )
    );
    assert_eq!(container_names(&sb), ["busy"]);
    assert_eq!(sb.ok(&["volume", "ls", "-q"]).stdout(), "kept\n");
    assert_eq!(image_ids(&sb), [fixture_id("busybox:latest")]);
    // Nothing left to prune.
    assert_eq!(
        sb.ok(&["system", "prune", "-f"]).stdout(),
        "Total reclaimed space: 0B\n"
    );
}

/// Gives the sandbox a run directory of its own (XDG_RUNTIME_DIR): reset and migrate end the
/// namespace holder there, which the other tests' shared one must not be.
fn private_run_dir(sb: &mut Sandbox) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = sb.dir.join("xdg-run");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::chown(&dir, Some(sb.user.uid), Some(sb.user.gid)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    sb.envs
        .push(("XDG_RUNTIME_DIR".into(), dir.display().to_string()));
    dir.join("burrow")
}

fn pause_pid(run_root: &std::path::Path) -> i64 {
    let text = std::fs::read_to_string(run_root.join("pause.pid")).unwrap();
    text.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn reset_leaves_nothing_and_burrow_works_afterwards() {
    let mut sb = Sandbox::new();
    let run_root = private_run_dir(&mut sb);
    sb.pull("busybox:latest");
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "busy",
        "-v",
        "data:/data",
        "busybox",
        "sleep",
        "1000",
    ]);
    sb.ok(&["run", "--name", "ended", "busybox", "touch", "/changed"]);
    let pid = sb.inspect("busy")["State"]["Pid"].as_i64().unwrap();
    let pause = pause_pid(&run_root);
    assert!(alive(pause));

    let warning = format!(
        "WARNING! This will remove:\n        - all containers\n        - all pods\n        - all images\n        - all networks\n        - all build cache\n        - all machines\n        - all volumes\n        - the graphRoot directory: \"{}\"\n        - the runRoot directory: \"{}\"\nAre you sure you want to continue? [y/N] ",
        sb.graph_root().display(),
        run_root.display()
    );
    let no = run_with_input(&sb, &["system", "reset"], "n\n");
    no.assert_code(0);
    assert_eq!(no.stdout(), warning);
    let eof = sb.run(&["system", "reset"]);
    eof.assert_code(1);
    assert!(
        eof.stderr().contains("level=error msg=EOF"),
        "{}",
        eof.stderr()
    );
    assert!(alive(pid) && sb.graph_root().exists());

    sb.ok(&["system", "reset", "-f"]);
    wait_for(
        "the container to be killed",
        std::time::Duration::from_secs(10),
        || !alive(pid),
    );
    wait_for(
        "the namespace holder to end",
        std::time::Duration::from_secs(10),
        || !alive(pause),
    );
    assert!(!sb.graph_root().exists(), "the store is still there");
    assert!(!run_root.exists(), "the run directory is still there");

    assert_eq!(sb.ok(&["images", "-q"]).stdout(), "");
    assert_eq!(sb.ok(&["ps", "-a", "-q"]).stdout(), "");
    assert_eq!(sb.ok(&["volume", "ls", "-q"]).stdout(), "");
    sb.pull("busybox:latest");
    assert_eq!(
        sb.ok(&["run", "--rm", "busybox", "echo", "again"]).stdout(),
        "again\n"
    );
    // Nothing to reset is no error either.
    sb.ok(&["system", "reset", "-f"]);
    sb.ok(&["system", "reset", "-f"]);
}

#[test]
fn migrate_stops_running_containers_and_replaces_the_namespace_holder() {
    let mut sb = Sandbox::new();
    let run_root = private_run_dir(&mut sb);
    sb.pull("busybox:latest");
    sb.ok(&["run", "-d", "--name", "busy", "busybox", "sleep", "1000"]);
    sb.ok(&["create", "--name", "idle", "busybox", "true"]);
    let id = full_id(&sb, "busy");
    let old = pause_pid(&run_root);

    assert_eq!(
        sb.ok(&["system", "migrate"]).stdout(),
        format!("stopped {id}\n")
    );
    assert_eq!(
        sb.ok(&["inspect", "busy", "--format", "{{.State.Status}}"])
            .stdout(),
        "exited\n"
    );
    wait_for(
        "the old holder to end",
        std::time::Duration::from_secs(10),
        || !alive(old),
    );
    assert!(!run_root.join("pause.pid").exists());

    // The next command starts a new holder, with the maps /etc/subuid gives now.
    sb.ok(&["start", "busy"]);
    let new = pause_pid(&run_root);
    assert_ne!(new, old);
    assert!(alive(new));
    assert_eq!(
        sb.ok(&["inspect", "busy", "--format", "{{.State.Status}}"])
            .stdout(),
        "running\n"
    );
    // Nothing running: nothing to print, the holder still replaced.
    sb.ok(&["stop", "-t", "0", "busy"]);
    assert_eq!(sb.ok(&["system", "migrate"]).stdout(), "");
    wait_for(
        "the second holder to end",
        std::time::Duration::from_secs(10),
        || !alive(new),
    );
}

#[test]
fn image_inspect_prints_rootfs_as_podman() {
    let sb = Sandbox::new();
    sb.pull("layers:latest");
    let diff_ids: Vec<&str> = fixture("layers:latest")["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["diff_id"].as_str().unwrap())
        .collect();
    let out = sb
        .ok(&[
            "image",
            "inspect",
            "--format",
            "{{.RootFS.Layers}} {{.RootFS.Type}}",
            "layers",
        ])
        .stdout();
    assert_eq!(out, format!("[{}] layers\n", diff_ids.join(" ")));
}
