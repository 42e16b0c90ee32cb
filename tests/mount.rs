//! `mount`/`unmount` and `image mount`/`image unmount` as the unprivileged user: refused outside
//! `burrow unshare` with podman's text, and inside it a mount that later `burrow unshare`
//! commands still see, until unmounted or the container is removed.

mod common;

use common::{Sandbox, binary, sandbox_with_busybox};

/// Runs `script` under `burrow unshare sh -c`, with `$B` naming burrow.
fn in_unshare(sb: &Sandbox, script: &str) -> common::Run {
    let script = format!("B={}; {script}", binary().display());
    sb.run(&["unshare", "sh", "-c", &script])
}

fn ok_in_unshare(sb: &Sandbox, script: &str) -> String {
    let run = in_unshare(sb, script);
    run.assert_code(0);
    run.stdout()
}

#[test]
fn mount_outside_unshare_gets_podmans_refusal() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "c", "busybox", "true"]);
    sb.run(&["mount", "c"]).assert_one_line_error(
        125,
        &["cannot run command \"burrow mount\" in rootless mode, must execute `burrow unshare` first"],
    );
    sb.run(&["mount"])
        .assert_error(125, &["must execute `burrow unshare` first"]);
    sb.run(&["image", "mount", "busybox"]).assert_one_line_error(
        125,
        &["cannot run command \"burrow image mount\" in rootless mode, must execute `burrow unshare` first"],
    );
    // As podman: nothing of burrow's is mounted out here, so unmount has nothing to do.
    assert_eq!(sb.ok(&["umount", "c"]).stdout(), "c\n");
}

#[test]
fn a_container_mounted_in_unshare_stays_mounted_until_unmounted() {
    let sb = sandbox_with_busybox();
    let id = sb
        .ok(&["create", "--name", "c", "busybox", "cat", "/made"])
        .stdout()
        .trim()
        .to_string();
    let path = ok_in_unshare(&sb, "$B mount c");
    let path = path.trim();
    assert!(path.ends_with("/merged"), "{path}");
    assert!(
        path.starts_with(sb.graph_root().to_str().unwrap()),
        "{path}"
    );
    // The image's files are there, and what is written there is the container's.
    ok_in_unshare(
        &sb,
        &format!("test -x {path}/bin/busybox && echo made > {path}/made"),
    );
    // A later `burrow unshare` sees the same mount: it lives in the pause process's namespace.
    assert_eq!(ok_in_unshare(&sb, &format!("cat {path}/made")), "made\n");
    assert_eq!(
        ok_in_unshare(&sb, "$B mount"),
        format!("{}  {path}\n", &id[..12])
    );
    assert_eq!(
        ok_in_unshare(&sb, "$B mount --no-trunc"),
        format!("{id}  {path}\n")
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok_in_unshare(&sb, "$B mount --format json")).unwrap();
    assert_eq!(json[0]["id"], id.as_str());
    assert_eq!(json[0]["Names"][0], "c");
    assert_eq!(json[0]["mountpoint"], path);
    // Mounting again gives the same place.
    assert_eq!(ok_in_unshare(&sb, "$B mount c").trim(), path);
    // The host outside sees only the empty mount point, not the container's files.
    assert!(!std::path::Path::new(path).join("bin").exists());
    // The file written through the mount is in the container.
    assert_eq!(sb.ok(&["start", "-a", "c"]).stdout(), "made\n");

    assert_eq!(ok_in_unshare(&sb, "$B umount c"), "c\n");
    assert_eq!(ok_in_unshare(&sb, "$B mount"), "");
    assert_eq!(
        ok_in_unshare(&sb, &format!("ls -A {path} | wc -l")).trim(),
        "0"
    );
}

#[test]
fn mount_errors_name_the_container_and_unmount_checks_every_name_first() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "c", "busybox", "true"]);
    in_unshare(&sb, "$B mount nosuch").assert_one_line_error(
        125,
        &["no container with name or ID \"nosuch\" found: no such container"],
    );
    ok_in_unshare(&sb, "$B mount c");
    let run = in_unshare(&sb, "$B umount c nosuch");
    run.assert_error(125, &["no container with name or ID \"nosuch\" found"]);
    assert_eq!(run.stdout(), "");
    assert!(ok_in_unshare(&sb, "$B mount").contains("/merged"));
    in_unshare(&sb, "$B mount --format '{{.ID}}' c")
        .assert_one_line_error(125, &["unknown --format argument: \"{{.ID}}\""]);
    let all = ok_in_unshare(&sb, "$B umount -a");
    assert_eq!(all.trim().len(), 64, "{all}");
    assert_eq!(ok_in_unshare(&sb, "$B mount"), "");
}

#[test]
fn removing_a_mounted_container_takes_its_mount_with_it() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "inside", "busybox", "true"]);
    sb.ok(&["create", "--name", "outside", "busybox", "true"]);
    ok_in_unshare(&sb, "$B mount inside outside");
    // Removed from within the namespace and from the host: both go, mounts and all.
    ok_in_unshare(&sb, "$B rm inside");
    sb.ok(&["rm", "outside"]);
    assert_eq!(ok_in_unshare(&sb, "$B mount"), "");
    assert_eq!(sb.ok(&["ps", "-aq"]).stdout(), "");
}

#[test]
fn an_image_mounts_read_only_and_unmounts_by_id() {
    let sb = sandbox_with_busybox();
    let id = sb.inspect("busybox")["Id"].as_str().unwrap().to_string();
    let path = ok_in_unshare(&sb, "$B image mount busybox");
    let path = path.trim();
    assert_eq!(
        ok_in_unshare(&sb, &format!("test -x {path}/bin/busybox && echo there")),
        "there\n"
    );
    let touch = in_unshare(&sb, &format!("touch {path}/new"));
    touch.assert_code(1);
    assert!(
        touch.stderr().contains("Read-only file system"),
        "{}",
        touch.stderr()
    );
    let list = ok_in_unshare(&sb, "$B image mount");
    assert!(list.ends_with(&format!("  {path}\n")), "{list}");
    assert!(list.contains("busybox"), "{list}");
    let json: serde_json::Value =
        serde_json::from_str(&ok_in_unshare(&sb, "$B image mount --format json")).unwrap();
    assert_eq!(json[0]["id"], id.as_str());
    assert_eq!(json[0]["mountpoint"], path);
    assert_eq!(
        ok_in_unshare(&sb, "$B image umount busybox"),
        format!("{id}\n")
    );
    // Not mounted any more: nothing to say, as podman.
    assert_eq!(ok_in_unshare(&sb, "$B image umount busybox"), "");
    in_unshare(&sb, "$B image mount nosuch")
        .assert_one_line_error(125, &["nosuch: image not known"]);
    // A mounted image can be removed from within the namespace.
    ok_in_unshare(&sb, "$B image mount busybox");
    ok_in_unshare(&sb, "$B rmi busybox");
    assert_eq!(ok_in_unshare(&sb, "$B image mount"), "");
}

#[test]
fn a_burrow_under_unshare_works_for_the_user_who_ran_it() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "mine", "busybox", "true"]);
    // The same store and run directory as outside: the container is there, and a container
    // runs from within the namespace.
    assert_eq!(
        ok_in_unshare(&sb, "$B ps -a --format '{{.Names}}'"),
        "mine\n"
    );
    assert_eq!(
        ok_in_unshare(&sb, "$B run --rm busybox sh -c 'echo hi; id -u'"),
        "hi\n0\n"
    );
    let outside = sb.ok(&["info", "--format", "{{.Store.RunRoot}}"]).stdout();
    assert_eq!(
        ok_in_unshare(&sb, "$B info --format '{{.Store.RunRoot}}'"),
        outside
    );
    assert!(
        outside.contains(&format!("burrow-{}", sb.user.uid)),
        "{outside}"
    );
}
