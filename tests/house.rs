//! 32-bit programs under the default seccomp profile and `burrow unshare`, as the unprivileged
//! test user.

mod common;

use std::os::unix::fs::MetadataExt as _;

use common::*;

/// A sandbox with the i386 busybox fixture pulled (tagged `busybox386`).
fn sandbox_with_i386_busybox() -> Sandbox {
    let sb = Sandbox::new();
    sb.pull("busybox386:latest");
    sb
}

#[test]
fn i386_programs_run_under_the_default_seccomp_profile() {
    let sb = sandbox_with_i386_busybox();
    let run = sb.ok(&["run", "--rm", "busybox386", "sh", "-c", "echo hi; id"]);
    assert_eq!(run.stdout(), "hi\nuid=0(root) gid=0(root)\n");
    // The binary really is 32-bit: ELFCLASS32 in the fifth byte.
    let elf = sb.ok(&[
        "run",
        "--rm",
        "busybox386",
        "od",
        "-An",
        "-tx1",
        "-N5",
        "/bin/busybox",
    ]);
    assert_eq!(
        elf.stdout().split_whitespace().last(),
        Some("01"),
        "{}",
        elf.stdout()
    );
}

/// busybox's applets map the errno of what a container may not do to the same message with
/// or without the profile (the kernel refuses too), so the profile's own answer for an i386
/// call (ENOSYS for add_key through `int 0x80`) is checked by the seccomp unit test
/// `applied_default_filter_blocks_syscalls`; here: the filters are on the 32-bit process and
/// a refused call is an error it reports, not the SIGSYS (exit 159) of before.
#[test]
fn the_default_profile_still_denies_for_i386() {
    let sb = sandbox_with_i386_busybox();
    let run = sb.run(&[
        "run",
        "--rm",
        "busybox386",
        "sh",
        "-c",
        "grep -E '^Seccomp(_filters)?:' /proc/self/status; hostname other",
    ]);
    run.assert_code(1);
    assert_eq!(run.stdout(), "Seccomp:\t2\nSeccomp_filters:\t3\n");
    assert_eq!(
        run.stderr(),
        "hostname: sethostname: Operation not permitted\n"
    );
    let unconfined = sb.ok(&[
        "run",
        "--rm",
        "--security-opt",
        "seccomp=unconfined",
        "busybox386",
        "grep",
        "^Seccomp:",
        "/proc/self/status",
    ]);
    assert_eq!(unconfined.stdout(), "Seccomp:\t0\n");
}

#[test]
fn unshare_removes_files_of_subordinate_ids() {
    let sb = Sandbox::new();
    let dir = sb.home.join("owned");
    let dir_arg = dir.to_str().unwrap();
    sb.ok(&[
        "unshare",
        "sh",
        "-c",
        &format!("mkdir -p {dir_arg}/sub && echo x > {dir_arg}/sub/file && chown -R 1000:1000 {dir_arg}/sub"),
    ]);
    let owner = std::fs::metadata(dir.join("sub/file")).unwrap().uid();
    assert_eq!(owner, sb.host_uid(1000));
    // Outside the namespace the user cannot remove what a subordinate ID owns.
    let status = sb.command_of("rm", &["-rf", dir_arg]).status().unwrap();
    assert!(!status.success());
    assert!(dir.join("sub/file").exists());
    sb.ok(&["unshare", "rm", "-rf", dir_arg]);
    assert!(!dir.exists());
}

#[test]
fn unshare_is_root_with_the_full_mapping_and_podman_env() {
    let sb = Sandbox::new();
    let run = sb.ok(&[
        "unshare",
        "sh",
        "-c",
        "id -u; cat /proc/self/uid_map; echo $CONTAINERS_GRAPHROOT; echo $CONTAINERS_RUNROOT",
    ]);
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "0", "{out}");
    let maps: Vec<Vec<&str>> = lines[1..3]
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let uid = sb.user.uid.to_string();
    let start = sb.user.subuid_start.unwrap().to_string();
    assert_eq!(maps[0], ["0", uid.as_str(), "1"], "{out}");
    assert_eq!(maps[1][..2], ["1", start.as_str()], "{out}");
    assert_eq!(lines[3], sb.graph_root().to_str().unwrap(), "{out}");
    assert!(
        lines[4].ends_with("/burrow") || lines[4].contains("burrow-"),
        "{out}"
    );
    // The exit code is the command's; the default command is $SHELL.
    sb.run(&["unshare", "sh", "-c", "exit 7"]).assert_code(7);
    let shell = sb
        .command(&["unshare"])
        .env("SHELL", "/bin/true")
        .status()
        .unwrap();
    assert_eq!(shell.code(), Some(0));
    let shell = sb
        .command(&["unshare"])
        .env("SHELL", "/bin/false")
        .status()
        .unwrap();
    assert_eq!(shell.code(), Some(1));
}

#[test]
fn unshare_errors_are_podmans() {
    let sb = Sandbox::new();
    sb.run(&["unshare", "no-such-command"])
        .assert_one_line_error(
            127,
            &["exec: \"no-such-command\": executable file not found in $PATH"],
        );
    sb.run(&["unshare", "/etc/passwd"])
        .assert_one_line_error(126, &["/etc/passwd: permission denied"]);
    sb.run(&["unshare", "--rootless-netns", "true"])
        .assert_one_line_error(125, &["--rootless-netns is not supported"]);
}
