//! Crash safety, as the unprivileged test user: burrow killed with SIGKILL at named stages
//! (failpoints, built only with `--features failpoints`), records damaged by hand, and a full
//! filesystem; after each, the next commands must see a consistent store, never lie about a
//! container and never delete what a live process uses.

mod common;

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;

/// Runs burrow with failpoint `stage` armed and insists it was killed there.
fn killed_at(sb: &Sandbox, stage: &str, args: &[&str]) {
    let output = sb
        .command(args)
        .env("BURROW_FAILPOINT", stage)
        .output()
        .unwrap();
    assert_eq!(
        output.status.signal(),
        Some(9),
        "burrow {args:?} was not killed at {stage}: {:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains(&format!("failpoint {stage} reached"))
    );
}

/// Entries of `dir` whose names start with a dot (staged, doomed or temporary).
fn dot_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|e| {
            e.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn id_of(sb: &Sandbox, name: &str) -> String {
    sb.ok(&["inspect", name, "--format", "{{.Id}}"])
        .stdout()
        .trim()
        .to_string()
}

fn container_dir(sb: &Sandbox, id: &str) -> PathBuf {
    sb.graph_root().join("containers").join(id)
}

#[test]
fn a_pull_killed_before_its_image_record_leaves_nothing_half_stored() {
    let sb = Sandbox::new();
    let image = image_ref("busybox:latest");
    killed_at(&sb, "pull.documents-written", &["pull", &image]);
    // The documents were written, the record was not: no image, and a leftover directory.
    assert_eq!(sb.ok(&["images", "-q"]).stdout(), "");
    assert_eq!(
        fs::read_dir(sb.graph_root().join("images"))
            .unwrap()
            .count(),
        1
    );
    // The next pull completes, and what the killed one left is gone.
    sb.ok(&["pull", &image]);
    let id = fixture_id("busybox:latest");
    let dirs: Vec<String> = fs::read_dir(sb.graph_root().join("images"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(dirs, vec![id]);
    assert!(dot_entries(&sb.graph_root()).is_empty());
    sb.ok(&["run", "--rm", "busybox", "true"]);
}

#[test]
fn a_pull_killed_after_a_layer_is_completed_by_the_next_pull() {
    let sb = Sandbox::new();
    let image = image_ref("layers:latest");
    killed_at(&sb, "pull.layer-committed", &["pull", &image]);
    assert_eq!(sb.ok(&["images", "-q"]).stdout(), "");
    sb.ok(&["pull", &image]);
    assert!(sb.leftovers().is_empty(), "{:?}", sb.leftovers());
    sb.ok(&["run", "--rm", &image, "true"]);
}

#[test]
fn a_create_killed_before_publishing_frees_its_name_and_leaves_no_staging() {
    let sb = sandbox_with_busybox();
    killed_at(
        &sb,
        "create.prepared",
        &["create", "--name", "k", "busybox", "true"],
    );
    assert!(
        !sb.ok(&["ps", "-a", "--format", "{{.Names}}"])
            .stdout()
            .contains('k')
    );
    let containers = sb.graph_root().join("containers");
    assert_eq!(
        dot_entries(&containers).len(),
        1,
        "{:?}",
        dot_entries(&containers)
    );
    sb.ok(&["create", "--name", "k", "busybox", "true"]);
    assert!(
        dot_entries(&containers).is_empty(),
        "{:?}",
        dot_entries(&containers)
    );
}

#[test]
fn a_removal_killed_halfway_is_finished_by_the_next_removal() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "gone", "busybox", "true"]);
    sb.ok(&["create", "--name", "other", "busybox", "true"]);
    killed_at(&sb, "rm.unpublished", &["rm", "gone"]);
    let containers = sb.graph_root().join("containers");
    assert_eq!(dot_entries(&containers).len(), 1);
    assert_eq!(
        sb.ok(&["ps", "-a", "--format", "{{.Names}}"]).stdout(),
        "other\n"
    );
    sb.ok(&["rm", "other"]);
    assert!(
        dot_entries(&containers).is_empty(),
        "{:?}",
        dot_entries(&containers)
    );
}

#[test]
fn an_rmi_killed_while_deleting_a_layer_is_completed_by_the_next_pull() {
    let sb = sandbox_with_busybox();
    killed_at(&sb, "rmi.layer-renamed", &["rmi", "busybox"]);
    assert_eq!(sb.ok(&["images", "-q"]).stdout(), "");
    sb.pull("busybox:latest");
    assert!(sb.leftovers().is_empty(), "{:?}", sb.leftovers());
    sb.ok(&["run", "--rm", "busybox", "true"]);
}

#[test]
fn a_monitor_killed_after_recording_the_start_leaves_no_ghost_running_container() {
    let sb = sandbox_with_busybox();
    let mut cmd = sb.command(&["run", "-d", "--name", "m", "busybox", "sleep", "1000"]);
    cmd.env("BURROW_FAILPOINT", "start.recorded");
    let run = cmd.output().unwrap();
    assert_eq!(run.status.code(), Some(125));
    // The half-started process died with its monitor (parent-death signal), and ps says so.
    wait_for(
        "the container to be seen ended",
        Duration::from_secs(10),
        || {
            sb.ok(&["ps", "-a", "--format", "{{.Names}} {{.State}}"])
                .stdout()
                == "m exited\n"
        },
    );
    let state = sb.inspect("m");
    assert_eq!(state["State"]["ExitCode"], -1, "{state}");
    sb.ok(&["rm", "m"]);
}

#[test]
fn a_damaged_record_of_a_running_container_is_reported_kept_and_removable() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-d", "--name", "cr", "busybox", "sleep", "1000"]);
    let id = id_of(&sb, "cr");
    let pid = sb.inspect("cr")["State"]["Pid"].as_i64().unwrap();
    let record = container_dir(&sb, &id).join("container.json");
    fs::write(&record, "{garbled").unwrap();
    // ps -a lists it as unknown and names the file; nothing else is touched.
    let ps = sb.ok(&["ps", "-a", "--format", "{{.ID}} {{.Status}}"]);
    assert_eq!(ps.stdout(), format!("{} Unknown\n", &id[..12]));
    assert!(
        ps.stderr().contains(&record.display().to_string()),
        "{}",
        ps.stderr()
    );
    // Creating and removing other containers never takes it for debris.
    sb.ok(&["run", "--rm", "busybox", "true"]);
    assert!(container_dir(&sb, &id).exists());
    assert!(alive(pid));
    // Using it says what is damaged and how to remove it.
    sb.run(&["start", &id])
        .assert_error(125, &["container.json", "burrow rm -f"]);
    // rm -f ends its processes (the monitor still knows them) and removes it.
    sb.ok(&["rm", "-f", &id[..12]]);
    wait_for(
        "the container's process to end",
        Duration::from_secs(10),
        || !alive(pid),
    );
    assert!(!container_dir(&sb, &id).exists());
    assert_eq!(sb.ok(&["ps", "-a", "-q"]).stdout(), "");
}

#[test]
fn a_damaged_state_of_a_running_container_is_not_taken_for_created() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-d", "--name", "cs", "busybox", "sleep", "1000"]);
    let id = id_of(&sb, "cs");
    let pid = sb.inspect("cs")["State"]["Pid"].as_i64().unwrap();
    fs::write(container_dir(&sb, &id).join("state.json"), "").unwrap();
    let ps = sb.ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    assert_eq!(ps.stdout(), "cs Unknown\n");
    // Without -f it is refused, as a running container is; its process keeps running.
    sb.run(&["rm", "cs"]).assert_error(2, &["running"]);
    assert!(alive(pid));
    sb.ok(&["rm", "-f", "cs"]);
    wait_for(
        "the container's process to end",
        Duration::from_secs(10),
        || !alive(pid),
    );
    assert!(!container_dir(&sb, &id).exists());
}

#[test]
fn a_damaged_layer_record_is_not_run_and_a_pull_replaces_the_layer() {
    let sb = sandbox_with_busybox();
    let diff_id = fixture("busybox:latest")["layers"][0]["diff_id"]
        .as_str()
        .unwrap()
        .to_string();
    let record = sb.layer_diff(&diff_id).parent().unwrap().join("layer.json");
    fs::write(&record, "not json").unwrap();
    sb.run(&["run", "--rm", "--pull=never", "busybox", "true"])
        .assert_error(125, &["layer.json", "burrow pull"]);
    // The pull moves the layer aside and fetches it again.
    sb.pull("busybox:latest");
    sb.ok(&["run", "--rm", "busybox", "true"]);
    assert!(fs::read_to_string(&record).unwrap().contains(&diff_id));
}

#[test]
fn a_garbage_seccomp_cache_is_rebuilt() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "--rm", "busybox", "true"]);
    let cache: Vec<PathBuf> = fs::read_dir(sb.graph_root().join("cache"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("seccomp-"))
        .collect();
    assert_eq!(cache.len(), 1);
    // Eight bytes of garbage would decode as one BPF instruction without a checksum.
    fs::write(&cache[0], b"garbage!").unwrap();
    sb.ok(&["run", "--rm", "busybox", "true"]);
    assert!(fs::read(&cache[0]).unwrap().starts_with(b"burrow-bpf-2\n"));
}

#[test]
fn a_damaged_image_config_is_named_with_its_fix() {
    let sb = sandbox_with_busybox();
    let id = fixture_id("busybox:latest");
    let config = sb.graph_root().join("images").join(&id).join("config.json");
    fs::write(&config, "{").unwrap();
    for args in [
        vec!["image", "inspect", "busybox"],
        vec!["run", "--rm", "--pull=never", "busybox", "true"],
    ] {
        sb.run(&args)
            .assert_error(125, &[&config.display().to_string(), "burrow rmi"]);
    }
}

/// A small ext4 filesystem mounted for one test, given to the test user; unmounted on drop.
struct SmallDisk {
    mount: PathBuf,
    image: PathBuf,
}

impl SmallDisk {
    fn new(sb: &Sandbox, megabytes: u32) -> SmallDisk {
        let image = sb.dir.join("disk.img");
        let mount = sb.dir.join("disk");
        fs::create_dir_all(&mount).unwrap();
        let run = |cmd: &str, args: &[&str]| {
            let out = std::process::Command::new(cmd).args(args).output().unwrap();
            assert!(out.status.success(), "{cmd} {args:?}: {out:?}");
        };
        run(
            "truncate",
            &["-s", &format!("{megabytes}M"), image.to_str().unwrap()],
        );
        run("mkfs.ext4", &["-q", "-F", image.to_str().unwrap()]);
        run(
            "mount",
            &[
                "-o",
                "loop",
                image.to_str().unwrap(),
                mount.to_str().unwrap(),
            ],
        );
        let owner = format!("{}:{}", sb.user.uid, sb.user.gid);
        run("chown", &[&owner, mount.to_str().unwrap()]);
        SmallDisk { mount, image }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.mount)
            .status();
        let _ = fs::remove_file(&self.image);
    }
}

#[test]
fn starting_on_a_full_filesystem_says_so() {
    let sb = Sandbox::new();
    let disk = SmallDisk::new(&sb, 48);
    let root = disk.mount.join("store");
    let root = root.to_str().unwrap();
    sb.ok(&["--root", root, "pull", &image_ref("busybox:latest")]);
    sb.ok(&["--root", root, "create", "--name", "f", "busybox", "true"]);
    // Fill the filesystem as the user would, then start.
    // Big blocks first, then small ones for the last few blocks dd's 1M writes cannot use.
    let fill = disk.mount.join("fill");
    let rest = disk.mount.join("fill-rest");
    for (file, bs) in [(&fill, "bs=1M"), (&rest, "bs=1k")] {
        let _ = sb
            .command_of(
                "dd",
                &["if=/dev/zero", &format!("of={}", file.display()), bs],
            )
            .output()
            .unwrap();
    }
    let run = sb.run(&["--root", root, "start", "-a", "f"]);
    run.assert_error(125, &["no space left on the filesystem"]);
    let _ = fs::remove_file(&fill);
    let _ = fs::remove_file(&rest);
    sb.ok(&["--root", root, "rm", "-a", "-f"]);
}

/// `system check` output lines that name `fragment`.
fn lines_with(run: &Run, fragment: &str) -> Vec<String> {
    run.stdout()
        .lines()
        .filter(|l| l.contains(fragment))
        .map(String::from)
        .collect()
}

#[test]
fn system_check_reports_what_killed_burrows_left_and_repair_removes_it() {
    let sb = sandbox_with_busybox();
    assert_eq!(
        sb.ok(&["system", "check"]).stdout(),
        "",
        "a sound store has nothing to report"
    );
    sb.ok(&["create", "--name", "gone", "busybox", "true"]);
    killed_at(&sb, "rm.unpublished", &["rm", "gone"]);
    killed_at(
        &sb,
        "pull.documents-written",
        &["pull", &image_ref("layers:latest")],
    );
    killed_at(
        &sb,
        "pull.layer-committed",
        &["pull", &image_ref("many/img1:latest")],
    );
    let staged = sb.graph_root().join(".images.json.999999999.tmp");
    fs::write(&staged, "[]").unwrap();
    sb.chown_home();

    let check = sb.run(&["system", "check"]);
    check.assert_error(125, &["damage detected in local storage", "--repair"]);
    let removing = &dot_entries(&sb.graph_root().join("containers"))[0];
    assert_eq!(lines_with(&check, removing).len(), 1, "{}", check.stdout());
    assert_eq!(
        lines_with(&check, "image documents a killed pull wrote").len(),
        1
    );
    assert_eq!(lines_with(&check, &staged.display().to_string()).len(), 1);
    // The killed pull of img1 committed a layer busybox does not have: no image uses it.
    assert!(
        !lines_with(&check, "Unused layer").is_empty(),
        "{}",
        check.stdout()
    );
    // A report changes nothing.
    assert!(staged.exists());

    let repair = sb.ok(&["system", "check", "--repair"]);
    let removed = lines_with(&repair, "Removed leftover:").len();
    assert_eq!(removed, 3, "{}", repair.stdout());
    assert!(!lines_with(&repair, "Deleted unused layer:").is_empty());
    assert!(!staged.exists());
    assert!(dot_entries(&sb.graph_root().join("containers")).is_empty());
    assert!(sb.leftovers().is_empty(), "{:?}", sb.leftovers());
    assert_eq!(sb.ok(&["system", "check"]).stdout(), "");
    // What the store holds still works.
    sb.ok(&["run", "--rm", "busybox", "true"]);
}

#[test]
fn system_check_never_removes_what_runs_unless_forced() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-d", "--name", "cr", "busybox", "sleep", "1000"]);
    let id = id_of(&sb, "cr");
    let pid = sb.inspect("cr")["State"]["Pid"].as_i64().unwrap();
    let record = container_dir(&sb, &id).join("container.json");
    fs::write(&record, "{garbled").unwrap();

    let check = sb.run(&["system", "check"]);
    check.assert_error(125, &["damage detected"]);
    assert!(check.stdout().contains(&format!("Damaged container {id}")));
    assert!(check.stdout().contains(&record.display().to_string()));
    // --repair keeps it: ending it is for --force.
    let repair = sb.run(&["system", "check", "--repair"]);
    repair.assert_error(125, &["still present after repair"]);
    assert!(
        repair.stdout().contains("--repair --force"),
        "{}",
        repair.stdout()
    );
    assert!(alive(pid));
    assert!(container_dir(&sb, &id).exists());

    let forced = sb.ok(&["system", "check", "--repair", "--force"]);
    assert!(
        forced
            .stdout()
            .contains(&format!("Deleted damaged container: {id}"))
    );
    wait_for(
        "the container's process to end",
        Duration::from_secs(10),
        || !alive(pid),
    );
    assert!(!container_dir(&sb, &id).exists());
    assert_eq!(sb.ok(&["system", "check"]).stdout(), "");
}

#[test]
fn system_check_removes_damaged_images_no_container_uses() {
    let sb = sandbox_with_busybox();
    let layers = image_ref("layers:latest");
    sb.ok(&["pull", &layers]);
    sb.ok(&["create", "--name", "user", &layers, "true"]);
    // busybox: its config no longer matches its digest; layers: its top layer's record is gone.
    let busybox = fixture_id("busybox:latest");
    let config = sb
        .graph_root()
        .join("images")
        .join(&busybox)
        .join("config.json");
    fs::write(&config, "{}").unwrap();
    let top = fixture("layers:latest")["layers"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()["diff_id"]
        .as_str()
        .unwrap()
        .to_string();
    let top_record = sb.layer_diff(&top).parent().unwrap().join("layer.json");
    fs::remove_file(&top_record).unwrap();

    let check = sb.run(&["system", "check"]);
    check.assert_error(125, &["damage detected"]);
    assert!(check.stdout().contains(&format!("Damaged image {busybox}")));
    assert!(check.stdout().contains("does not match its digest"));
    assert!(
        check
            .stdout()
            .contains(&format!("{} is missing", top_record.display()))
    );

    // The image a container uses stays (with the reason); the other goes.
    let repair = sb.run(&["system", "check", "--repair"]);
    repair.assert_error(125, &["still present"]);
    assert!(
        repair
            .stdout()
            .contains(&format!("Deleted damaged image: {busybox}"))
    );
    assert!(
        repair.stdout().contains("Kept damaged image"),
        "{}",
        repair.stdout()
    );
    assert_eq!(
        sb.ok(&["ps", "-a", "--format", "{{.Names}}"]).stdout(),
        "user\n"
    );

    let forced = sb.ok(&["system", "check", "-r", "-f"]);
    assert!(forced.stdout().contains("Deleted damaged container:"));
    assert_eq!(sb.ok(&["images", "-q"]).stdout(), "");
    assert_eq!(sb.ok(&["ps", "-aq"]).stdout(), "");
    assert!(sb.layer_dirs().is_empty(), "{:?}", sb.layer_dirs());
    // Pulled again, both run.
    sb.ok(&["run", "--rm", &layers, "true"]);
    sb.ok(&["run", "--rm", "busybox", "true"]);
    assert_eq!(sb.ok(&["system", "check"]).stdout(), "");
}

#[test]
fn a_quarantined_layer_stays_while_a_container_runs_on_it() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-d", "--name", "on", "busybox", "sleep", "1000"]);
    let diff_id = fixture("busybox:latest")["layers"][0]["diff_id"]
        .as_str()
        .unwrap()
        .to_string();
    fs::write(
        sb.layer_diff(&diff_id).parent().unwrap().join("layer.json"),
        "x",
    )
    .unwrap();
    sb.pull("busybox:latest");
    let quarantined = || -> Vec<PathBuf> {
        sb.layer_dirs()
            .into_iter()
            .filter(|p| p.to_string_lossy().contains(".quarantined"))
            .collect()
    };
    assert_eq!(quarantined().len(), 1);
    // Not damage while the container may use it: kept, said so, exit 0, even with --repair.
    let check = sb.ok(&["system", "check", "--repair"]);
    assert!(
        check.stdout().contains("Kept quarantined layer"),
        "{}",
        check.stdout()
    );
    assert_eq!(quarantined().len(), 1);
    sb.ok(&["exec", "on", "true"]);
    sb.ok(&["rm", "-f", "-t", "0", "on"]);
    let check = sb.run(&["system", "check"]);
    check.assert_error(125, &["damage detected"]);
    assert!(check.stdout().contains("Quarantined layer"));
    let repair = sb.ok(&["system", "check", "-r"]);
    assert!(repair.stdout().contains("Deleted quarantined layer"));
    assert!(quarantined().is_empty());
    sb.ok(&["run", "--rm", "busybox", "true"]);
}

#[test]
fn thirty_parallel_runs_removals_and_pulls_leave_a_consistent_store() {
    let sb = sandbox_with_busybox();
    let layers = image_ref("layers:latest");
    let results: Vec<(String, Run)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..30)
            .map(|i| {
                let sb = &sb;
                let layers = &layers;
                scope.spawn(move || {
                    let name = format!("p{i}");
                    let steps: Vec<Vec<String>> = match i % 3 {
                        0 => vec![vec![
                            "run".into(),
                            "--rm".into(),
                            "busybox".into(),
                            "true".into(),
                        ]],
                        1 => vec![
                            vec![
                                "run".into(),
                                "-d".into(),
                                "--name".into(),
                                name.clone(),
                                "busybox".into(),
                                "sleep".into(),
                                "100".into(),
                            ],
                            vec![
                                "rm".into(),
                                "-f".into(),
                                "-t".into(),
                                "0".into(),
                                name.clone(),
                            ],
                        ],
                        _ => vec![vec!["pull".into(), "-q".into(), layers.clone()]],
                    };
                    steps
                        .into_iter()
                        .map(|args| {
                            let args: Vec<&str> = args.iter().map(String::as_str).collect();
                            (args.join(" "), sb.run(&args))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    for (args, run) in &results {
        assert_eq!(run.code(), 0, "burrow {args}: {}", run.stderr());
    }
    assert_eq!(sb.ok(&["ps", "-aq"]).stdout(), "");
    assert_eq!(sb.ok(&["images", "-q"]).stdout().lines().count(), 2);
    assert_eq!(sb.ok(&["system", "check"]).stdout(), "");
    assert!(dot_entries(&sb.graph_root().join("containers")).is_empty());
    assert!(sb.leftovers().is_empty(), "{:?}", sb.leftovers());
}
