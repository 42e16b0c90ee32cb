//! Volumes as the unprivileged test user: named volumes outlive containers and get the image's
//! content on first use, anonymous ones go with `rm -v` and `--rm`, the `volume` commands
//! print what podman prints, and the mount options `:U` and `:O` do what they say.

mod common;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::process::Stdio;

use common::*;

fn data_dir(sb: &Sandbox, name: &str) -> PathBuf {
    sb.graph_root().join("volumes").join(name).join("_data")
}

fn volume_names(sb: &Sandbox) -> Vec<String> {
    sb.ok(&["volume", "ls", "-q"])
        .stdout()
        .lines()
        .map(String::from)
        .collect()
}

/// A directory of the test user's own under the sandbox, with one file.
fn user_dir(sb: &Sandbox, name: &str) -> PathBuf {
    let dir = sb.dir.join(name);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("file"), "original\n").unwrap();
    std::os::unix::fs::chown(&dir, Some(sb.user.uid), Some(sb.user.gid)).unwrap();
    std::os::unix::fs::chown(dir.join("file"), Some(sb.user.uid), Some(sb.user.gid)).unwrap();
    dir
}

#[test]
fn named_volume_keeps_data_across_containers() {
    let sb = sandbox_with_busybox();
    let busybox = image_ref("busybox:latest");
    sb.ok(&[
        "run",
        "--rm",
        "-v",
        "keep:/data",
        &busybox,
        "sh",
        "-c",
        "echo kept > /data/f",
    ]);
    assert_eq!(volume_names(&sb), ["keep"]);
    let out = sb.ok(&[
        "run",
        "--rm",
        "-v",
        "keep:/other:ro",
        &busybox,
        "cat",
        "/other/f",
    ]);
    assert_eq!(out.stdout(), "kept\n");
    // --mount type=volume reaches the same volume.
    let out = sb.ok(&[
        "run",
        "--rm",
        "--mount",
        "type=volume,source=keep,destination=/m,ro",
        &busybox,
        "cat",
        "/m/f",
    ]);
    assert_eq!(out.stdout(), "kept\n");
    // The container's root owns what it wrote: the user, on the host.
    assert_eq!(owner(&data_dir(&sb, "keep").join("f")).0, sb.user.uid);
    // inspect names the volume, as podman's Mounts do; a bind stays a bind.
    let bind = format!("{}:/b", sb.home.display());
    sb.ok(&[
        "create",
        "--name",
        "c",
        "-v",
        "keep:/data",
        "-v",
        &bind,
        &busybox,
        "true",
    ]);
    let info = sb.inspect("c");
    let mounts = info["Mounts"].as_array().unwrap();
    let at = |d: &str| {
        mounts
            .iter()
            .find(|m| m["Destination"] == d)
            .unwrap()
            .clone()
    };
    assert_eq!(at("/data")["Type"], "volume");
    assert_eq!(at("/data")["Name"], "keep");
    assert_eq!(at("/data")["Driver"], "local");
    assert_eq!(
        at("/data")["Source"],
        data_dir(&sb, "keep").display().to_string()
    );
    assert_eq!(at("/b")["Type"], "bind");
    assert!(at("/b").get("Name").is_none());
    sb.ok(&["rm", "c"]);
}

#[test]
fn copy_up_fills_an_empty_volume_with_the_images_files_and_owners() {
    let sb = Sandbox::new();
    sb.pull("layers:latest");
    let layers = image_ref("layers:latest");
    sb.ok(&["run", "--rm", "-v", "owners:/owners", &layers, "true"]);
    let data = data_dir(&sb, "owners");
    let meta = fs::metadata(data.join("uid42")).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (sb.host_uid(42), sb.host_uid(42)));
    assert_eq!(meta.mode() & 0o7777, 0o640);
    assert_eq!(owner(&data.join("uid1000")).0, sb.host_uid(1000));
    assert_eq!(owner(&data.join("dir1000/file")).0, sb.host_uid(1000));
    let shown = sb.ok(&[
        "volume",
        "inspect",
        "owners",
        "--format",
        "{{.NeedsCopyUp}}",
    ]);
    assert_eq!(shown.stdout(), "false\n");

    // A volume that already holds files is left as it is.
    sb.ok(&["volume", "create", "full"]);
    sb.ok(&["run", "--rm", "-v", "full:/x", &layers, "touch", "/x/mine"]);
    sb.ok(&["run", "--rm", "-v", "full:/owners", &layers, "true"]);
    let names: Vec<String> = fs::read_dir(data_dir(&sb, "full"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["mine"]);

    // A keep-id container's first use copies what it sees: the image's owners.
    let seen = sb.ok(&[
        "run",
        "--rm",
        "--userns",
        "keep-id",
        "-v",
        "kept:/owners",
        &layers,
        "stat",
        "-c",
        "%n %u:%g",
        "/owners/uid42",
        "/owners",
    ]);
    assert_eq!(seen.stdout(), "/owners/uid42 42:42\n/owners 0:0\n");

    // nocopy: an empty volume stays empty.
    sb.ok(&["run", "--rm", "-v", "bare:/owners:nocopy", &layers, "true"]);
    assert_eq!(fs::read_dir(data_dir(&sb, "bare")).unwrap().count(), 0);
}

#[test]
fn anonymous_volumes_go_with_rm_v_and_rm_flag_and_stay_with_plain_rm() {
    let sb = sandbox_with_busybox();
    let busybox = image_ref("busybox:latest");
    sb.ok(&[
        "run",
        "--rm",
        "-v",
        "/scratch",
        &busybox,
        "touch",
        "/scratch/f",
    ]);
    assert!(
        volume_names(&sb).is_empty(),
        "--rm removes its anonymous volume"
    );

    sb.ok(&["run", "--name", "plain", "-v", "/scratch", &busybox, "true"]);
    let anonymous = volume_names(&sb);
    assert_eq!(anonymous.len(), 1);
    assert_eq!(anonymous[0].len(), 64);
    let shown = sb.ok(&[
        "volume",
        "inspect",
        &anonymous[0],
        "--format",
        "{{.Anonymous}}",
    ]);
    assert_eq!(shown.stdout(), "true\n");
    sb.ok(&["rm", "plain"]);
    assert_eq!(
        volume_names(&sb),
        anonymous,
        "rm without -v keeps it (podman 4)"
    );

    sb.ok(&[
        "run",
        "--name",
        "withv",
        "--mount",
        "type=volume,destination=/s",
        &busybox,
        "true",
    ]);
    assert_eq!(volume_names(&sb).len(), 2);
    sb.ok(&["rm", "-v", "withv"]);
    assert_eq!(volume_names(&sb), anonymous);
}

#[test]
fn volume_rm_refuses_a_volume_in_use_unless_forced() {
    let sb = sandbox_with_busybox();
    let busybox = image_ref("busybox:latest");
    sb.ok(&[
        "create",
        "--name",
        "user",
        "-v",
        "busy:/data",
        &busybox,
        "true",
    ]);
    let id = sb.inspect("user")["Id"].as_str().unwrap().to_string();
    sb.run(&["volume", "rm", "busy"]).assert_error(
        2,
        &[&format!(
            "volume busy is being used by the following container(s): {id}: volume is being used"
        )],
    );
    assert_eq!(volume_names(&sb), ["busy"]);
    assert_eq!(sb.ok(&["volume", "rm", "-f", "busy"]).stdout(), "busy\n");
    assert!(volume_names(&sb).is_empty());
    sb.run(&["container", "exists", "user"]).assert_code(1);
    sb.run(&["volume", "rm", "busy"])
        .assert_error(1, &["no volume with name \"busy\" found: no such volume"]);
}

#[test]
fn chown_option_gives_the_source_to_the_container_user() {
    let sb = sandbox_with_busybox();
    let busybox = image_ref("busybox:latest");
    let dir = user_dir(&sb, "chowned");
    let spec = format!("{}:/work:U", dir.display());
    let out = sb.ok(&[
        "run",
        "--rm",
        "-u",
        "1000:1000",
        "-v",
        &spec,
        &busybox,
        "ls",
        "-ln",
        "/work",
    ]);
    assert!(out.stdout().contains(" 1000     1000 "), "{}", out.stdout());
    assert_eq!(
        owner(&dir.join("file")),
        (sb.host_uid(1000), sb.host_uid(1000))
    );
    let dir_arg = dir.display().to_string();
    let seen = sb.ok(&["unshare", "ls", "-ln", &dir_arg]);
    assert!(seen.stdout().contains(" 1000 1000 "), "{}", seen.stdout());
}

#[test]
fn overlay_option_discards_the_containers_changes() {
    let sb = sandbox_with_busybox();
    let busybox = image_ref("busybox:latest");
    let dir = user_dir(&sb, "lower");
    let spec = format!("{}:/src:O", dir.display());
    let out = sb.ok(&[
        "run",
        "--rm",
        "-v",
        &spec,
        &busybox,
        "sh",
        "-c",
        "echo changed > /src/file && touch /src/new && cat /src/file",
    ]);
    assert_eq!(out.stdout(), "changed\n");
    assert_eq!(fs::read_to_string(dir.join("file")).unwrap(), "original\n");
    assert!(!dir.join("new").exists());
}

#[test]
fn volumes_from_mounts_the_donors_volumes_and_binds() {
    let sb = sandbox_with_busybox();
    let busybox = image_ref("busybox:latest");
    let dir = user_dir(&sb, "bound");
    let bind = format!("{}:/bound", dir.display());
    sb.ok(&[
        "run",
        "--name",
        "donor",
        "-v",
        "shared:/shared",
        "-v",
        &bind,
        &busybox,
        "sh",
        "-c",
        "echo from-donor > /shared/f",
    ]);
    let out = sb.ok(&[
        "run",
        "--rm",
        "--volumes-from",
        "donor",
        &busybox,
        "sh",
        "-c",
        "cat /shared/f /bound/file",
    ]);
    assert_eq!(out.stdout(), "from-donor\noriginal\n");
    let refused = sb.run(&[
        "run",
        "--rm",
        "--volumes-from",
        "donor:ro",
        &busybox,
        "touch",
        "/shared/g",
    ]);
    refused.assert_code(1);
    assert!(
        refused.stderr().contains("Read-only file system"),
        "{}",
        refused.stderr()
    );
    // The donor's volume is in use by the donor only (the --rm containers are gone).
    sb.run(&["volume", "rm", "shared"]).assert_code(2);
}

#[test]
fn ls_and_inspect_print_podmans_fields_and_formats() {
    let sb = Sandbox::new();
    sb.ok(&[
        "volume", "create", "--label", "team=web", "--opt", "o=uid=0", "web",
    ]);
    sb.ok(&["volume", "create", "db"]);
    let random = sb.ok(&["volume", "create"]).stdout();
    assert_eq!(random.trim().len(), 64);
    let table = sb.ok(&["volume", "ls"]).stdout();
    let mut lines = table.lines();
    assert_eq!(
        lines.next().unwrap().split_whitespace().collect::<Vec<_>>(),
        ["DRIVER", "VOLUME", "NAME"]
    );
    assert_eq!(table.lines().count(), 4);
    assert!(
        !sb.ok(&["volume", "ls", "--noheading"])
            .stdout()
            .contains("DRIVER")
    );
    let filtered = sb.ok(&[
        "volume",
        "ls",
        "--filter",
        "label=team=web",
        "--format",
        "{{.Name}} {{.Driver}} {{.Scope}}",
    ]);
    assert_eq!(filtered.stdout(), "web local local\n");
    let named = sb.ok(&["volume", "ls", "-q", "--filter", "name=^d"]);
    assert_eq!(named.stdout(), "db\n");
    let dangling = sb.ok(&["volume", "ls", "-q", "--filter", "dangling=false"]);
    assert_eq!(dangling.stdout(), "");
    sb.run(&["volume", "ls", "--filter", "color=red"])
        .assert_error(125, &["\"color\" is an invalid volume filter"]);

    let json = sb.ok(&["volume", "ls", "--format", "json"]).json();
    assert_eq!(json.as_array().unwrap().len(), 3);
    let inspected = sb.ok(&["volume", "inspect", "web"]).json();
    let web = &inspected[0];
    assert_eq!(web["Name"], "web");
    assert_eq!(web["Driver"], "local");
    assert_eq!(web["Scope"], "local");
    assert_eq!(web["Labels"]["team"], "web");
    assert_eq!(web["Options"]["o"], "uid=0");
    assert_eq!(web["MountCount"], 0);
    assert_eq!(web["NeedsCopyUp"], true);
    assert!(
        web.get("Anonymous").is_none(),
        "omitted when false, as podman's"
    );
    assert_eq!(
        web["Mountpoint"].as_str().unwrap(),
        data_dir(&sb, "web").to_str().unwrap()
    );
    assert!(web["CreatedAt"].as_str().unwrap().ends_with('Z'));
    let fields = sb.ok(&[
        "volume",
        "inspect",
        "db",
        "--format",
        "{{.Name}}:{{.Anonymous}}:{{.LockNumber}}",
    ]);
    assert_eq!(fields.stdout(), "db:false:0\n");
    let missing = sb.run(&["volume", "inspect", "nope"]);
    missing.assert_error(125, &["inspecting object: no such volume nope"]);
    assert_eq!(missing.stdout(), "[]\n");

    sb.ok(&["volume", "exists", "db"]);
    sb.run(&["volume", "exists", "nope"]).assert_code(1);
}

#[test]
fn create_refuses_bad_names_and_taken_ones() {
    let sb = Sandbox::new();
    sb.run(&["volume", "create", "a/b"]).assert_error(
        125,
        &["running volume create option: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument"],
    );
    sb.run(&["volume", "create", "--opt", "foo=bar", "x"])
        .assert_error(
            125,
            &["invalid mount option foo for driver 'local': invalid argument"],
        );
    sb.run(&["volume", "create", "--driver", "nfs", "x"])
        .assert_error(125, &["only the local driver"]);
    sb.ok(&["volume", "create", "taken"]);
    sb.run(&["volume", "create", "taken"]).assert_error(
        125,
        &["volume with name taken already exists: volume already exists"],
    );
    assert_eq!(
        sb.ok(&["volume", "create", "--ignore", "taken"]).stdout(),
        "taken\n"
    );
    assert_eq!(volume_names(&sb), ["taken"]);
}

#[test]
fn run_refuses_bad_volume_input_and_leaves_nothing() {
    let sb = sandbox_with_busybox();
    let busybox = image_ref("busybox:latest");
    sb.run(&["run", "--rm", "-v", "a/b:/x", &busybox, "true"])
        .assert_error(
            125,
            &["creating named volume \"a/b\": running volume create option: names must match"],
        );
    sb.run(&[
        "run",
        "--rm",
        "--mount",
        "type=volume,src=v,dst=/x,foo=bar",
        &busybox,
        "true",
    ])
    .assert_error(125, &["foo: invalid mount option"]);
    sb.run(&[
        "run",
        "--rm",
        "-v",
        "/nonexistent-burrow:/x",
        &busybox,
        "true",
    ])
    .assert_error(
        125,
        &["statfs /nonexistent-burrow: no such file or directory"],
    );
    // A named volume is made only when the whole create succeeds.
    sb.run(&[
        "run",
        "--rm",
        "-v",
        "fresh:/x",
        "-v",
        "/nonexistent-burrow:/y",
        &busybox,
        "true",
    ])
    .assert_code(125);
    sb.run(&["run", "--rm", "-v", "fresh:/x:idmap", &busybox, "true"])
        .assert_error(125, &["idmap"]);
    assert!(volume_names(&sb).is_empty());
    assert!(sb.ok(&["ps", "-aq"]).stdout().is_empty());
}

#[test]
fn export_and_import_round_trip_with_owners() {
    let sb = Sandbox::new();
    sb.pull("layers:latest");
    sb.ok(&[
        "run",
        "--rm",
        "-v",
        "src:/owners",
        &image_ref("layers:latest"),
        "true",
    ]);
    let tar = sb.dir.join("src.tar");
    fs::write(&tar, "").unwrap();
    std::os::unix::fs::chown(&tar, Some(sb.user.uid), Some(sb.user.gid)).unwrap();
    let tar_arg = tar.display().to_string();
    sb.ok(&["volume", "export", "-o", &tar_arg, "src"]);
    let listing = std::process::Command::new("tar")
        .arg("tvf")
        .arg(&tar)
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    assert!(listing.contains("42/42"), "{listing}");

    sb.ok(&["volume", "create", "dst"]);
    sb.ok(&["volume", "import", "dst", &tar_arg]);
    let data = data_dir(&sb, "dst");
    assert_eq!(
        owner(&data.join("uid42")),
        (sb.host_uid(42), sb.host_uid(42))
    );
    assert_eq!(
        fs::read_to_string(data.join("uid42")).unwrap(),
        "owned by 42:42\n"
    );

    // From stdin too.
    sb.ok(&["volume", "create", "piped"]);
    let mut import = sb.command(&["volume", "import", "piped", "-"]);
    import.stdin(Stdio::from(fs::File::open(&tar).unwrap()));
    assert!(import.status().unwrap().success());
    assert!(data_dir(&sb, "piped").join("dir1000/file").exists());

    sb.run(&["volume", "export", "nope"])
        .assert_error(125, &["no such volume nope"]);
}

#[test]
fn prune_asks_first_and_mount_needs_unshare() {
    let sb = sandbox_with_busybox();
    sb.ok(&["volume", "create", "unused"]);
    sb.ok(&[
        "create",
        "-v",
        "used:/u",
        &image_ref("busybox:latest"),
        "true",
    ]);
    // Without -f and with stdin at its end, podman's prompt and its EOF error.
    let asked = sb.run(&["volume", "prune"]);
    asked.assert_error(125, &["EOF"]);
    assert!(
        asked
            .stdout()
            .contains("The following volumes will be removed:\nunused\n")
    );
    assert_eq!(volume_names(&sb), ["unused", "used"]);
    assert_eq!(sb.ok(&["volume", "prune", "-f"]).stdout(), "unused\n");
    assert_eq!(volume_names(&sb), ["used"]);

    sb.run(&["volume", "mount", "used"]).assert_error(
        125,
        &["cannot run command \"burrow volume mount\" in rootless mode, must execute `burrow unshare` first"],
    );
    let program = binary().display().to_string();
    let inside = sb.ok(&["unshare", &program, "volume", "mount", "used"]);
    assert_eq!(
        inside.stdout().trim(),
        data_dir(&sb, "used").to_str().unwrap()
    );
}

/// A burrow killed while creating or removing a volume leaves no half volume: a staged one
/// never shows and is swept, a removal's leftover goes with the next removal, and the name is
/// free again at once.
#[test]
fn a_killed_create_or_rm_leaves_no_half_volume() {
    use std::os::unix::process::ExitStatusExt;
    let sb = Sandbox::new();
    let killed = |stage: &str, args: &[&str]| {
        let out = sb
            .command(args)
            .env("BURROW_FAILPOINT", stage)
            .output()
            .unwrap();
        assert_eq!(out.status.signal(), Some(9), "not killed at {stage}");
    };
    killed("volume.staged", &["volume", "create", "half"]);
    assert!(volume_names(&sb).is_empty());
    let leftovers = |sb: &Sandbox| -> Vec<String> {
        fs::read_dir(sb.graph_root().join("volumes"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect()
    };
    assert!(
        leftovers(&sb).is_empty(),
        "the listing swept the dead creator's staging"
    );
    sb.ok(&["volume", "create", "half"]);

    sb.ok(&["volume", "create", "other"]);
    killed("volume.unpublished", &["volume", "rm", "half"]);
    assert_eq!(volume_names(&sb), ["other"]);
    assert_eq!(leftovers(&sb), [".half.removing"]);
    sb.ok(&["volume", "create", "half"]);
    sb.ok(&["volume", "rm", "other"]);
    assert!(
        leftovers(&sb).is_empty(),
        "the next removal finished the killed one's"
    );
}
