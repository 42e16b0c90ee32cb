//! `burrow cp` as the unprivileged test user: each direction for running and stopped
//! containers, tar streams on stdin/stdout, podman's path rules and messages, ownership,
//! and containers that try to make cp read or write the host's files through symlinks.

mod common;

use std::fs;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

/// Runs a shell script as the test user in its home.
fn sh(sb: &Sandbox, script: &str) -> String {
    let out = sb.command_of("sh", &["-c", script]).output().unwrap();
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Starts a detached `sleep` container and waits until it runs.
fn start(sb: &Sandbox, name: &str, extra: &[&str]) {
    let mut args = vec!["run", "-d", "--name", name];
    args.extend(extra);
    args.extend(["busybox", "sleep", "1000"]);
    sb.ok(&args);
    wait_for("the container to run", Duration::from_secs(30), || {
        sb.ok(&["ps", "--format", "{{.Names}}"])
            .stdout()
            .lines()
            .any(|l| l == name)
    });
}

fn exec(sb: &Sandbox, name: &str, script: &str) -> String {
    sb.ok(&["exec", name, "sh", "-c", script]).stdout()
}

/// `tar tv` of what `burrow cp SRC -` writes, with numeric owners.
fn listing(sb: &Sandbox, src: &str) -> String {
    let cp = sb
        .command(&["cp", src, "-"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        cp.status.success(),
        "{}",
        String::from_utf8_lossy(&cp.stderr)
    );
    let mut tar = std::process::Command::new("tar")
        .args(["--numeric-owner", "-tvf", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    tar.stdin.take().unwrap().write_all(&cp.stdout).unwrap();
    let out = tar.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn uid_of(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().uid()
}

#[test]
fn copies_into_and_out_of_a_running_container_as_podman_does() {
    let sb = sandbox_with_busybox();
    start(&sb, "r", &["-u", "1000:1000"]);
    sh(&sb, "echo hi > f; mkdir -p d/sub; echo x > d/sub/y");

    // In: a file onto a directory goes inside it, owned by the container's user.
    sb.ok(&["cp", "f", "r:/tmp/"]);
    assert_eq!(exec(&sb, "r", "stat -c '%u:%g %s' /tmp/f"), "1000:1000 3\n");
    // --archive=false keeps the source's owner: the user, who is root in there.
    sb.ok(&["cp", "--archive=false", "f", "r:/tmp/g"]);
    assert_eq!(exec(&sb, "r", "stat -c '%u:%g' /tmp/g"), "0:0\n");
    // A directory goes inside; DIR/. copies its contents into a new name.
    sb.ok(&["cp", "d", "r:/tmp/"]);
    sb.ok(&["cp", "d/.", "r:/tmp/e"]);
    assert_eq!(
        exec(
            &sb,
            "r",
            "cat /tmp/d/sub/y /tmp/e/sub/y; stat -c '%u' /tmp/d/sub/y"
        ),
        "x\nx\n1000\n"
    );

    // Out: owned by the user, whatever the owner in the container.
    sb.ok(&["cp", "r:/tmp/f", "out"]);
    assert_eq!(fs::read_to_string(sb.home.join("out")).unwrap(), "hi\n");
    assert_eq!(uid_of(&sb.home.join("out")), sb.user.uid);
    sb.ok(&["cp", "r:/tmp/d", "outd"]);
    assert_eq!(
        fs::read_to_string(sb.home.join("outd/sub/y")).unwrap(),
        "x\n"
    );
    assert_eq!(uid_of(&sb.home.join("outd/sub")), sb.user.uid);
    sb.ok(&["cp", "r:/etc/passwd", "."]);
    assert_eq!(
        fs::read_to_string(sb.home.join("passwd")).unwrap(),
        exec(&sb, "r", "cat /etc/passwd")
    );

    // Container to container (the same one here).
    sb.ok(&["cp", "r:/tmp/f", "r:/tmp/copied"]);
    assert_eq!(exec(&sb, "r", "cat /tmp/copied"), "hi\n");

    // Streams: out as a tar of the source's own name, in unpacked into a directory.
    let list = listing(&sb, "r:/tmp/d");
    assert!(
        list.contains(" 1000/1000 ") && list.contains("d/sub/y"),
        "{list}"
    );
    let tarball = sb.home.join("in.tar");
    sh(
        &sb,
        "mkdir t && echo streamed > t/s && tar cf in.tar -C t s",
    );
    let streamed = sb
        .command(&["cp", "-", "r:/tmp"])
        .stdin(fs::File::open(&tarball).unwrap())
        .output()
        .unwrap();
    assert!(streamed.status.success(), "{streamed:?}");
    assert_eq!(
        exec(&sb, "r", "cat /tmp/s; stat -c %u /tmp/s"),
        "streamed\n1000\n"
    );
}

#[test]
fn path_rules_and_errors_are_podmans() {
    let sb = sandbox_with_busybox();
    start(&sb, "r", &[]);
    sh(&sb, "echo hi > f; mkdir d");
    sb.run(&["cp", "f", "r:/nonexist/f"]).assert_error(
        125,
        &[r#""/nonexist/f" could not be found on container r: no such file or directory"#],
    );
    sb.run(&["cp", "f", "r:/tmp/nodir/"]).assert_error(
        125,
        &[r#""/tmp/nodir/" could not be found on container r: no such file or directory"#],
    );
    sb.run(&["cp", "d", "r:/etc/hostname"]).assert_error(
        125,
        &["destination must be a directory when copying a directory"],
    );
    sb.run(&["cp", "r:/nope", "."]).assert_error(
        125,
        &[r#""/nope" could not be found on container r: no such file or directory"#],
    );
    sb.run(&["cp", "nonexist", "r:/tmp"]).assert_error(
        125,
        &[r#""nonexist" could not be found on the host: no such file or directory"#],
    );
    sb.run(&["cp", "r:/etc/hostname", "nodir/x"]).assert_error(
        125,
        &[r#""nodir/x" could not be found on the host: no such file or directory"#],
    );
    sb.run(&["cp", "f", "g"])
        .assert_error(125, &["name or ID cannot be empty"]);
    sb.run(&["cp", "f", "nosuch:/tmp"])
        .assert_error(125, &[r#"container "nosuch" does not exist"#]);
    sb.run(&["cp", "-", "r:/etc/hostname"]).assert_error(
        125,
        &["destination must be a directory when copying from stdin"],
    );
    // Nothing was left behind by the refusals.
    assert_eq!(exec(&sb, "r", "ls /tmp"), "");
    assert!(!sb.home.join("nodir").exists());

    // A file does not replace a directory unless --overwrite says so.
    exec(&sb, "r", "mkdir -p /tmp/x/f");
    sb.run(&["cp", "f", "r:/tmp/x/"]).assert_error(
        125,
        &[r#"cannot overwrite directory "f" with a non-directory; pass --overwrite"#],
    );
    sb.ok(&["cp", "--overwrite", "f", "r:/tmp/x/"]);
    assert_eq!(exec(&sb, "r", "cat /tmp/x/f"), "hi\n");
}

#[test]
fn stopped_containers_are_copied_from_their_overlay() {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "create",
        "--name",
        "s",
        "-u",
        "1000:1000",
        "busybox",
        "true",
    ]);
    sh(&sb, "echo hi > f");
    sb.ok(&["cp", "f", "s:/tmp/"]);
    let list = listing(&sb, "s:/tmp/f");
    assert!(
        list.contains(" 1000/1000 ") && list.contains(" f\n"),
        "{list}"
    );
    sb.ok(&["cp", "s:/tmp/f", "back"]);
    assert_eq!(fs::read_to_string(sb.home.join("back")).unwrap(), "hi\n");
    assert_eq!(uid_of(&sb.home.join("back")), sb.user.uid);
    // Between a running and a stopped container, both ways.
    start(&sb, "r", &[]);
    sb.ok(&["cp", "s:/tmp/f", "r:/tmp/from-s"]);
    assert_eq!(
        exec(&sb, "r", "cat /tmp/from-s; stat -c %u /tmp/from-s"),
        "hi\n0\n"
    );
    sb.ok(&["cp", "r:/tmp/from-s", "s:/tmp/back"]);
    assert_eq!(sb.ok(&["cp", "s:/tmp/back", "-"]).code(), 0);
}

/// A host file and directory that the attacks aim at, and what they hold.
fn host_targets(sb: &Sandbox) -> (String, String) {
    sh(
        sb,
        "mkdir -p hostdir && echo HOST-SECRET > hostdir/secret && echo hi > f",
    );
    let dir = sb.home.join("hostdir").display().to_string();
    (format!("{dir}/secret"), dir)
}

fn assert_host_untouched(sb: &Sandbox) {
    let names: Vec<_> = fs::read_dir(sb.home.join("hostdir"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["secret"], "cp wrote into the host's directory");
    assert_eq!(
        fs::read_to_string(sb.home.join("hostdir/secret")).unwrap(),
        "HOST-SECRET\n"
    );
}

#[test]
fn symlinks_in_a_stopped_container_never_reach_the_host() {
    let sb = sandbox_with_busybox();
    let (secret, dir) = host_targets(&sb);
    let up = "../../../../../../../../..";
    let script = format!(
        "ln -s / /tmp/root; ln -s {secret} /tmp/abs; ln -s {up}{secret} /tmp/rel; \
         ln -s {dir} /tmp/absdir; ln -s {up}{dir} /tmp/reldir; ln -s {up} /tmp/up"
    );
    sb.ok(&["run", "--name", "s", "busybox", "sh", "-c", &script]);

    // Reading through them finds the container's paths, which do not exist.
    for link in ["abs", "rel", "absdir/secret", "reldir/secret"] {
        let run = sb.run(&["cp", &format!("s:/tmp/{link}"), "stolen"]);
        run.assert_error(125, &["could not be found on container s"]);
        assert!(!sb.home.join("stolen").exists());
    }
    // `/` and `../..` are the container's root.
    sb.ok(&["cp", "s:/tmp/up/etc/passwd", "passwd-up"]);
    sb.ok(&["cp", "s:/tmp/root/etc/passwd", "passwd-root"]);
    sb.ok(&["cp", "s:/etc/passwd", "passwd"]);
    let theirs = fs::read_to_string(sb.home.join("passwd")).unwrap();
    assert_ne!(theirs, fs::read_to_string("/etc/passwd").unwrap());
    for copy in ["passwd-up", "passwd-root"] {
        assert_eq!(fs::read_to_string(sb.home.join(copy)).unwrap(), theirs);
    }
    // Writing through them stays in the container.
    for dest in ["s:/tmp/absdir/", "s:/tmp/reldir/"] {
        sb.run(&["cp", "f", dest])
            .assert_error(125, &["could not be found on container s"]);
    }
    sb.ok(&["cp", "f", "s:/tmp/abs"]);
    sb.ok(&["cp", "f", "s:/tmp/rel"]);
    sb.ok(&["cp", "f", "s:/tmp/up/probe"]);
    assert_host_untouched(&sb);
    assert!(!Path::new(&format!("{dir}/probe")).exists());
    let list = listing(&sb, "s:/probe");
    assert!(list.contains(" probe\n"), "{list}");
}

#[test]
fn a_container_swapping_a_directory_for_a_symlink_never_makes_cp_touch_the_host() {
    let sb = sandbox_with_busybox();
    let (_, dir) = host_targets(&sb);
    start(&sb, "r", &[]);
    let up = "../../../../../../../../..";
    // The race CVE-2018-15664 won: the path checked is a directory, the path used a symlink.
    exec(
        &sb,
        "r",
        &format!(
            "mkdir -p /race/dir && echo container > /race/dir/secret && \
             ln -s {up}{dir} /race/link && ln -s {dir} /race/abslink"
        ),
    );
    sb.ok(&[
        "exec",
        "-d",
        "r",
        "sh",
        "-c",
        "while true; do mv /race/dir /race/real; mv /race/link /race/dir; \
         mv /race/dir /race/link; mv /race/abslink /race/dir; mv /race/dir /race/abslink; \
         mv /race/real /race/dir; done",
    ]);
    let deadline = Instant::now() + Duration::from_secs(20);
    let (mut runs, mut copied) = (0, 0);
    while runs < 150 && Instant::now() < deadline {
        runs += 1;
        let _ = fs::remove_dir_all(sb.home.join("out"));
        let _ = fs::remove_file(sb.home.join("file"));
        if sb.run(&["cp", "r:/race/dir/secret", "file"]).code() == 0 {
            copied += 1;
            assert_eq!(
                fs::read_to_string(sb.home.join("file")).unwrap(),
                "container\n"
            );
        }
        // A symlink is copied out as a symlink; what is a file in the copy is the container's.
        if sb.run(&["cp", "r:/race", "out"]).code() == 0 {
            let copied = sb.home.join("out/dir/secret");
            if fs::symlink_metadata(sb.home.join("out/dir")).is_ok_and(|m| m.is_dir()) {
                assert_eq!(fs::read_to_string(copied).unwrap(), "container\n");
            }
        }
        let _ = sb.run(&["cp", "f", "r:/race/dir/"]);
        let _ = sb.run(&["cp", "f", "r:/race/dir/planted"]);
        assert_host_untouched(&sb);
    }
    assert!(runs >= 20, "only {runs} rounds before the deadline");
    assert!(copied > 0, "the container's own file was never copied");
}
