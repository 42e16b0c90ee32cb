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

#[test]
fn commit_makes_an_image_that_runs_with_the_changes() {
    let sb = sandbox_with_busybox();
    changed_container(&sb, "c");
    let run = sb.ok(&["commit", "c", "snap"]);
    let id = run.stdout().trim().to_owned();
    assert_eq!(id.len(), 64, "{}", run.stdout());
    let err = run.stderr();
    assert!(
        err.starts_with("Getting image source signatures\nCopying blob sha256:"),
        "{err}"
    );
    assert!(err.contains("\nCopying config sha256:"), "{err}");
    assert!(
        err.ends_with("Writing manifest to image destination\nStoring signatures\n"),
        "{err}"
    );
    let listing = sb
        .ok(&[
            "run",
            "--rm",
            "localhost/snap:latest",
            "sh",
            "-c",
            "cat /etc/newfile; tail -1 /etc/passwd; ls /a/b/c; ls -A /home; \
             test -e /etc/group || echo no-group; test -e /bin/ls || echo no-ls",
        ])
        .stdout();
    assert_eq!(listing, "hi\nx\nd\nx\nno-group\nno-ls\n");
    let inspect = sb.inspect("snap");
    assert_eq!(inspect["RootFS"]["Layers"].as_array().unwrap().len(), 2);
    assert_eq!(inspect["Config"]["Cmd"][0], "sh");
    let history = inspect["History"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["created_by"], "/bin/sh");
    // The committed image's diff is the container's.
    assert_eq!(sb.ok(&["image", "diff", "snap"]).stdout(), CHANGES_DIFF);
}

#[test]
fn commit_applies_changes_quietly_and_squashes() {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "run",
        "--name",
        "c",
        "-e",
        "FOO=bar",
        "-w",
        "/tmp",
        &busybox(),
        "sh",
        "-c",
        "echo hi > /tmp/f",
    ]);
    let id = sb
        .ok(&[
            "container",
            "commit",
            "-q",
            "-a",
            "Ann Author",
            "-c",
            r#"CMD ["cat","/tmp/f"]"#,
            "-c",
            "ENV A=1",
            "-c",
            "EXPOSE 8080",
            "-c",
            r#"LABEL k="v v""#,
            "-c",
            "STOPSIGNAL SIGTERM",
            "-c",
            "VOLUME /data",
            "-c",
            "WORKDIR /tmp",
            "c",
            "changed",
        ])
        .stdout();
    assert_eq!(id.trim().len(), 64);
    let inspect = sb.inspect("changed");
    let config = &inspect["Config"];
    assert_eq!(config["Cmd"], serde_json::json!(["cat", "/tmp/f"]));
    let env: Vec<&str> = config["Env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(env.contains(&"FOO=bar") && env.contains(&"A=1"), "{env:?}");
    assert_eq!(config["ExposedPorts"], serde_json::json!({"8080/tcp": {}}));
    assert_eq!(config["Labels"]["k"], "v v");
    assert_eq!(config["StopSignal"], "15");
    assert_eq!(config["Volumes"], serde_json::json!({"/data": {}}));
    assert_eq!(config["WorkingDir"], "/tmp");
    assert_eq!(inspect["Author"], "Ann Author");
    assert_eq!(sb.ok(&["run", "--rm", "changed"]).stdout(), "hi\n");

    sb.ok(&["commit", "-q", "--squash", "c", "flat"]);
    let flat = sb.inspect("flat");
    assert_eq!(flat["RootFS"]["Layers"].as_array().unwrap().len(), 1);
    assert_eq!(
        sb.ok(&["run", "--rm", "flat", "cat", "/tmp/f"]).stdout(),
        "hi\n"
    );

    sb.ok(&[
        "commit", "-q", "--format", "docker", "-m", "msg", "c", "dock",
    ]);
    let dock = sb.inspect("dock");
    assert_eq!(
        dock["ManifestType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    // Untagged without a name.
    let untagged = sb.ok(&["commit", "-q", "c"]).stdout();
    sb.ok(&["image", "exists", untagged.trim()]);
}

#[test]
fn commit_of_a_running_container() {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "live",
        &busybox(),
        "sh",
        "-c",
        "echo live > /live; sleep 600",
    ]);
    wait_for("the file", std::time::Duration::from_secs(30), || {
        sb.run(&["diff", "live"]).stdout().contains("A /live")
    });
    sb.ok(&["commit", "-q", "live", "livesnap"]);
    assert_eq!(
        sb.ok(&["run", "--rm", "livesnap", "cat", "/live"]).stdout(),
        "live\n"
    );
    sb.ok(&["rm", "-f", "-t", "0", "live"]);
}

#[test]
fn commit_errors_store_nothing() {
    let sb = sandbox_with_busybox();
    sb.run(&["commit", "nosuch"]).assert_one_line_error(
        125,
        &["no container with name or ID \"nosuch\" found: no such container"],
    );
    changed_container(&sb, "c");
    sb.run(&["commit", "-c", "BOGUS x", "c"])
        .assert_one_line_error(
            125,
            &["invalid change \"BOGUS x\" - invalid instruction BOGUS"],
        );
    sb.run(&["commit", "-c", "CMD", "c"]).assert_one_line_error(
        125,
        &["invalid change \"CMD\" - must be formatted as KEY VALUE"],
    );
    sb.run(&["commit", "-m", "msg", "c"]).assert_one_line_error(
        125,
        &["messages are only compatible with the docker image format (-f docker)"],
    );
    let before = sb.layer_dirs();
    let images = sb.ok(&["images", "-q"]).stdout();
    // Killed after the layer is stored and before the image: no image names it.
    let killed = sb
        .command(&["commit", "c", "halfway"])
        .env("BURROW_FAILPOINT", "commit-layer-stored")
        .output()
        .unwrap();
    assert!(!killed.status.success());
    assert_eq!(sb.ok(&["images", "-q"]).stdout(), images);
    sb.run(&["image", "exists", "halfway"]).assert_code(1);
    assert!(sb.leftovers().is_empty(), "{:?}", sb.leftovers());
    let _ = before;
}

#[test]
fn export_and_import_round_trip() {
    let sb = sandbox_with_busybox();
    changed_container(&sb, "c");
    let file = sb.home.join("c.tar");
    sb.ok(&["export", "-o", file.to_str().unwrap(), "c"]);
    let run = sb.ok(&[
        "import",
        "-c",
        r#"CMD ["cat","/etc/newfile"]"#,
        "-m",
        "imported msg",
        file.to_str().unwrap(),
        "imp",
    ]);
    let id = run.stdout();
    assert!(id.starts_with("sha256:") && id.trim().len() == 71, "{id}");
    assert!(
        run.stderr()
            .starts_with("Getting image source signatures\nCopying blob sha256:")
    );
    assert_eq!(sb.ok(&["run", "--rm", "imp"]).stdout(), "hi\n");
    let inspect = sb.inspect("imp");
    let history = inspect["History"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["comment"], "imported msg");
    assert!(
        history[0]["created_by"]
            .as_str()
            .unwrap()
            .starts_with("/bin/sh -c #(nop) ADD file:")
    );
    // From stdin, gzip-compressed, untagged.
    let gz = sb.home.join("c.tar.gz");
    let status = std::process::Command::new("gzip")
        .arg("-k")
        .arg(&file)
        .status()
        .unwrap();
    assert!(status.success());
    let out = sb
        .command(&["image", "import", "-q", "-"])
        .stdin(std::fs::File::open(&gz).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("sha256:"));
    sb.run(&["import", "/nonexistent"]).assert_one_line_error(
        125,
        &["error opening \"/nonexistent\": open /nonexistent: no such file or directory"],
    );
    std::fs::write(sb.home.join("garbage"), b"garbage\n").unwrap();
    sb.run(&["import", sb.home.join("garbage").to_str().unwrap()])
        .assert_code(125);
    assert!(sb.leftovers().is_empty(), "{:?}", sb.leftovers());
}

#[test]
fn commits_with_source_date_epoch_are_reproducible() {
    let mut sb = sandbox_with_busybox();
    let script = "echo hi > /etc/newfile; mkdir -p /srv/a; touch /srv/a/b; rm /bin/ls";
    sb.ok(&["run", "--name", "one", &busybox(), "sh", "-c", script]);
    sb.ok(&["run", "--name", "two", &busybox(), "sh", "-c", script]);
    // Without it, the times differ (the config's created at least).
    let plain = sb.ok(&["commit", "-q", "one"]).stdout();
    sb.envs
        .push(("SOURCE_DATE_EPOCH".into(), "1704067200".into()));
    let first = sb.ok(&["commit", "-q", "one", "first"]).stdout();
    let second = sb.ok(&["commit", "-q", "two", "second"]).stdout();
    assert_eq!(first, second);
    assert_ne!(plain, first);
    let inspect = sb.inspect("first");
    assert_eq!(inspect["Created"], "2024-01-01T00:00:00Z");
    let history = inspect["History"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["created"], "2024-01-01T00:00:00Z");
    // Files made now are stored with the epoch as their time.
    let mtime = sb
        .ok(&[
            "run",
            "--rm",
            "first",
            "stat",
            "-c",
            "%Y",
            "/srv/a/b",
            "/etc/newfile",
        ])
        .stdout();
    assert_eq!(mtime, "1704067200\n1704067200\n");

    sb.envs.pop();
    sb.envs
        .push(("SOURCE_DATE_EPOCH".into(), "last tuesday".into()));
    sb.run(&["commit", "one", "bad"]).assert_error(
        125,
        &["SOURCE_DATE_EPOCH=\"last tuesday\" is not a number of seconds"],
    );
    sb.run(&["image", "exists", "bad"]).assert_code(1);
}

#[test]
fn keep_id_files_are_committed_and_exported_with_the_users_id() {
    let sb = sandbox_with_busybox();
    let uid = sb.user.uid;
    sb.ok(&[
        "run",
        "--userns",
        "keep-id",
        "--name",
        "k",
        &busybox(),
        "sh",
        "-c",
        "touch /tmp/f; mkdir /tmp/d",
    ]);
    sb.ok(&["commit", "-q", "k", "kimg"]);
    // As podman 4.3: the user's files belong to the user's ID in the new image.
    let owners = sb
        .ok(&[
            "run",
            "--rm",
            "kimg",
            "stat",
            "-c",
            "%u:%g",
            "/tmp/f",
            "/tmp/d",
            "/etc/passwd",
        ])
        .stdout();
    assert_eq!(owners, format!("{uid}:{uid}\n{uid}:{uid}\n0:0\n"));

    let exported = sb.ok(&["export", "k"]).output.stdout;
    let mut archive = tar::Archive::new(exported.as_slice());
    let mut seen = Vec::new();
    for entry in archive.entries().unwrap() {
        let entry = entry.unwrap();
        let path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if ["tmp/f", "bin/busybox"].contains(&path.as_str()) {
            seen.push((
                path,
                entry.header().uid().unwrap(),
                entry.header().gid().unwrap(),
            ));
        }
    }
    seen.sort();
    let uid = u64::from(uid);
    assert_eq!(
        seen,
        vec![("bin/busybox".into(), 0, 0), ("tmp/f".into(), uid, uid)]
    );
}

/// Lock files of one-off ingests (commit, import) left in locks/.
fn ingest_locks(sb: &Sandbox) -> Vec<String> {
    std::fs::read_dir(sb.graph_root().join("locks"))
        .map(|e| {
            e.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains("ingest"))
                .collect()
        })
        .unwrap_or_default()
}

/// A loopback HTTP server on a free port serving `dir`, stopped when dropped.
struct FileServer {
    child: std::process::Child,
    port: u16,
}

impl FileServer {
    fn start(dir: &std::path::Path) -> FileServer {
        let port = free_port();
        let child = std::process::Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1"])
            .arg(port.to_string())
            .arg("--directory")
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        wait_for(
            "the test HTTP server",
            std::time::Duration::from_secs(20),
            || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok(),
        );
        FileServer { child, port }
    }
}

impl Drop for FileServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn import_fetches_a_url() {
    let sb = sandbox_with_busybox();
    changed_container(&sb, "c");
    let file = sb.home.join("c.tar");
    sb.ok(&["export", "-o", file.to_str().unwrap(), "c"]);
    let server = FileServer::start(&sb.home);
    let url = format!("http://127.0.0.1:{}/c.tar", server.port);
    let run = sb.ok(&["import", &url, "fromurl"]);
    let out = run.stdout();
    assert!(
        out.starts_with(&format!("Downloading from {url:?}\nsha256:")),
        "{out}"
    );
    assert_eq!(
        sb.ok(&["run", "--rm", "fromurl", "cat", "/etc/newfile"])
            .stdout(),
        "hi\n"
    );
    let images = sb.ok(&["images", "-q"]).stdout();

    let missing = format!("http://127.0.0.1:{}/nosuch.tar", server.port);
    sb.run(&["import", &missing, "nothere"]).assert_error(
        125,
        &[&format!(
            "downloading {missing}: the server answered 404 Not Found"
        )],
    );
    drop(server);
    let nowhere = format!("http://127.0.0.1:{}/c.tar", free_port());
    sb.run(&["import", &nowhere, "nothere"]).assert_error(
        125,
        &[
            &format!("downloading {nowhere}: "),
            "check the URL and that the server is reachable",
        ],
    );
    assert_eq!(sb.ok(&["images", "-q"]).stdout(), images);
    assert!(sb.leftovers().is_empty(), "{:?}", sb.leftovers());
    assert!(ingest_locks(&sb).is_empty(), "{:?}", ingest_locks(&sb));
}

#[test]
fn inspect_shows_the_comment_as_podman() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "--name", "c", &busybox(), "touch", "/x"]);
    sb.ok(&[
        "commit",
        "-q",
        "-f",
        "docker",
        "-m",
        "docker msg",
        "c",
        "withmsg",
    ]);
    sb.ok(&["commit", "-q", "c", "oci"]);
    let file = sb.home.join("c.tar");
    sb.ok(&["export", "-o", file.to_str().unwrap(), "c"]);
    sb.ok(&[
        "import",
        "-q",
        "-m",
        "imp msg",
        file.to_str().unwrap(),
        "imp",
    ]);
    // podman 4.3 shows the config's comment, which an OCI commit has none of.
    for (image, comment) in [("withmsg", "docker msg"), ("oci", ""), ("imp", "imp msg")] {
        assert_eq!(
            sb.ok(&["image", "inspect", "--format", "{{.Comment}}", image])
                .stdout(),
            format!("{comment}\n"),
            "{image}"
        );
    }
    assert!(ingest_locks(&sb).is_empty(), "{:?}", ingest_locks(&sb));
}
