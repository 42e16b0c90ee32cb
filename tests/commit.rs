//! Images out of containers and back: diff, commit, export and import, run as the
//! unprivileged test user. Expected texts are podman 4.3.1's on the same changes.

mod common;

use std::collections::BTreeSet;

use common::*;

/// Adds, changes and deletes files, removes a directory and makes it again (opaque).
const CHANGES: &str = "echo hi > /etc/newfile; echo x >> /etc/passwd; rm /etc/group; \
    rm -rf /home; mkdir /home; touch /home/x; mkdir -p /a/b/c; touch /a/b/c/d; rm /bin/ls";

/// podman diff's lines for CHANGES (podman prints them in map order; burrow sorts).
const CHANGES_DIFF: &str = "A /a\nA /a/b\nA /a/b/c\nA /a/b/c/d\nC /bin\nD /bin/ls\nC /etc\n\
    D /etc/group\nA /etc/newfile\nC /etc/passwd\nC /home\nD /home/app\nA /home/x\n";

fn busybox() -> String {
    image_ref("busybox:latest")
}

fn changed_container(sb: &Sandbox, name: &str) {
    sb.ok(&["run", "--name", name, &busybox(), "sh", "-c", CHANGES]);
}

fn tar_names(bytes: &[u8]) -> BTreeSet<String> {
    let mut archive = tar::Archive::new(bytes);
    archive
        .entries()
        .unwrap()
        .map(|e| {
            String::from_utf8_lossy(&e.unwrap().path_bytes())
                .trim_end_matches('/')
                .to_owned()
        })
        .collect()
}

#[test]
fn diff_of_a_container_lists_its_changes_as_podman() {
    let sb = sandbox_with_busybox();
    changed_container(&sb, "c");
    assert_eq!(sb.ok(&["diff", "c"]).stdout(), CHANGES_DIFF);
    assert_eq!(sb.ok(&["container", "diff", "c"]).stdout(), CHANGES_DIFF);
    let json = sb.ok(&["diff", "--format", "json", "c"]).stdout();
    assert_eq!(
        json,
        r#"{
     "changed": [
          "/bin",
          "/etc",
          "/etc/passwd",
          "/home"
     ],
     "added": [
          "/a",
          "/a/b",
          "/a/b/c",
          "/a/b/c/d",
          "/etc/newfile",
          "/home/x"
     ],
     "deleted": [
          "/bin/ls",
          "/etc/group",
          "/home/app"
     ]
}
"#
    );
    // A container that changed nothing prints nothing.
    sb.ok(&["create", "--name", "quiet", &busybox(), "true"]);
    assert_eq!(sb.ok(&["diff", "quiet"]).stdout(), "");
}

#[test]
fn diff_of_images_and_between_two_trees() {
    let sb = sandbox_with_busybox();
    // A one-layer image: everything is added.
    let image = sb.ok(&["image", "diff", &busybox()]).stdout();
    assert!(image.starts_with("A /bin\n"), "{image}");
    assert!(image.lines().all(|l| l.starts_with("A /")), "{image}");
    assert!(image.contains("A /etc/passwd\n"), "{image}");

    changed_container(&sb, "c");
    // The first tree against the second, as podman: the image has what the container
    // deleted, and lacks what it added (a deleted directory once, not its contents).
    let between = sb.ok(&["diff", &busybox(), "c"]).stdout();
    assert_eq!(
        between,
        "D /a\nC /bin\nA /bin/ls\nC /etc\nA /etc/group\nD /etc/newfile\nC /etc/passwd\n\
         C /home\nA /home/app\nD /home/x\n"
    );
    assert_eq!(sb.ok(&["diff", "c", "c"]).stdout(), "");
}

#[test]
fn diff_errors_name_the_object() {
    let sb = sandbox_with_busybox();
    sb.run(&["diff", "nosuch"])
        .assert_one_line_error(125, &["nosuch not found: layer not known"]);
    sb.run(&["diff", "--format", "yaml", &busybox()])
        .assert_error(125, &["json"]);
}

#[test]
fn export_writes_the_merged_filesystem_without_whiteouts() {
    let sb = sandbox_with_busybox();
    changed_container(&sb, "c");
    let file = sb.home.join("c.tar");
    sb.ok(&["export", "-o", file.to_str().unwrap(), "c"]);
    let bytes = std::fs::read(&file).unwrap();
    let names = tar_names(&bytes);
    for present in ["etc/newfile", "home/x", "a/b/c/d", "bin/sh", "etc/passwd"] {
        assert!(names.contains(present), "{present} missing");
    }
    for absent in ["etc/group", "bin/ls", "home/app"] {
        assert!(!names.contains(absent), "{absent} exported");
    }
    assert!(!names.iter().any(|n| n.contains(".wh.")), "{names:?}");
    // Owners as the container sees them: root's files are 0.
    let mut archive = tar::Archive::new(bytes.as_slice());
    let passwd = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap())
        .find(|e| e.path_bytes().as_ref() == b"etc/passwd")
        .unwrap();
    assert_eq!(passwd.header().uid().unwrap(), 0);
    // To a piped stdout, the same bytes.
    let piped = sb.ok(&["container", "export", "c"]);
    assert_eq!(tar_names(&piped.output.stdout), names);
}

#[test]
fn export_refuses_a_terminal_and_a_missing_container() {
    let sb = sandbox_with_busybox();
    sb.run(&["export", "nosuch"]).assert_one_line_error(
        125,
        &["no container with name or ID \"nosuch\" found: no such container"],
    );
    sb.ok(&["create", "--name", "c", &busybox(), "true"]);
    let (term, mut child) = Terminal::spawn(&sb, &["export", "c"]);
    term.wait_for("refusing to export to terminal. Use -o flag or redirect");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(125));
}
