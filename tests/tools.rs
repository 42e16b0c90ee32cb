//! distrobox and toolbox (Debian's packages), driven for real as the unprivileged test user
//! with burrow installed as their `podman` (a `podman` symlink first on PATH) and a sandbox
//! HOME, against debian-box:latest: a Debian 12 that already holds what their init scripts
//! would install, as the containers have no internet (tests/fixtures/distro.py; setup.sh
//! makes and pushes it).

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::*;

/// What a tool may take, container start and init included; past it the tool is killed and
/// the test fails.
const TOOL_TIMEOUT: Duration = Duration::from_secs(300);

/// A user's session as the tools expect it: a sandbox whose `podman` is burrow, a login
/// shell, a runtime directory (toolbox keeps its stamps and locks there and mounts it into
/// its containers) and a D-Bus system socket path (toolbox resolves it before it creates
/// anything; nothing needs to answer on it).
struct Session {
    sb: Sandbox,
    run_dir: PathBuf,
}

impl Session {
    fn new() -> Session {
        let mut sb = Sandbox::new();
        let run_dir = sb.dir.join("run");
        std::fs::create_dir(&run_dir).unwrap();
        std::os::unix::fs::chown(&run_dir, Some(sb.user.uid), Some(sb.user.gid)).unwrap();
        std::fs::set_permissions(
            &run_dir,
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .unwrap();
        let bus = sb.dir.join("dbus/system_bus_socket");
        std::fs::create_dir(bus.parent().unwrap()).unwrap();
        drop(std::os::unix::net::UnixListener::bind(&bus).unwrap());
        sb.envs.extend([
            ("SHELL".into(), "/bin/bash".into()),
            ("LOGNAME".into(), sb.user.name.clone()),
            ("XDG_RUNTIME_DIR".into(), run_dir.display().to_string()),
            (
                "DBUS_SYSTEM_BUS_ADDRESS".into(),
                format!("unix:path={}", bus.display()),
            ),
        ]);
        Session { sb, run_dir }
    }

    fn tool(&self, program: &str, args: &[&str]) -> Run {
        self.sb.run_tool(TOOL_TIMEOUT, program, args)
    }

    /// debian-box's reference, after checking the registry serves it: a missing fixture is a
    /// failure that says how to make it.
    fn debian_box(&self) -> String {
        let name = image_ref("debian-box:latest");
        let pull = self.sb.run(&["pull", "-q", &name]);
        assert_eq!(
            pull.code(),
            0,
            "the fixture image {name} cannot be pulled ({}); make it with `bash tests/fixtures/setup.sh` as root (it debootstraps a Debian 12 rootfs into /var/tmp/burrow-debian-rootfs-HASH and pushes it with tests/fixtures/distro.py)",
            pull.stderr().trim()
        );
        name
    }

    /// The names `ps -a` lists.
    fn container_names(&self) -> Vec<String> {
        self.sb
            .ok(&["ps", "-a", "--format", "{{.Names}}"])
            .stdout()
            .lines()
            .map(String::from)
            .collect()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // The runtime directory is burrow's run root here, so this session has a pause
        // process of its own: end it once the containers are gone.
        let _ = self.sb.run(&["rm", "-a", "-f", "-t", "0"]);
        if let Ok(pid) = std::fs::read_to_string(self.run_dir.join("burrow/pause.pid")) {
            // "PID NAMESPACE-INODE"
            let pid = pid
                .split_whitespace()
                .next()
                .and_then(|p| p.parse::<i32>().ok())
                .unwrap_or(0);
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            if pid > 0 && cmdline.starts_with(b"burrow-pause") {
                let _ = nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(pid),
                    nix::sys::signal::Signal::SIGKILL,
                );
            }
        }
    }
}

fn assert_success(run: &Run) {
    assert_eq!(
        run.code(),
        0,
        "{:?} exited {}\nstdout:\n{}\nstderr:\n{}",
        run.args,
        run.code(),
        run.stdout(),
        run.stderr()
    );
}

/// `distrobox create` makes the box from burrow's `create` with every flag distrobox passes
/// (`--volume /var/log/journal` among them), `list` shows it, `rm --force` removes it.
/// `--no-entry`: the desktop entry fetches an icon from the internet and copies the box's
/// /etc/os-release with `podman cp`, which burrow does not have yet (issue 13).
#[test]
fn distrobox_creates_lists_and_removes_a_box() {
    let session = Session::new();
    let image = session.debian_box();
    let create = session.tool(
        "distrobox",
        &["create", "-i", &image, "-n", "box", "--yes", "--no-entry"],
    );
    assert_success(&create);
    assert!(
        create
            .stderr()
            .contains("Distrobox 'box' successfully created"),
        "{}",
        create.stderr()
    );
    let record = session.sb.inspect("box");
    assert_eq!(record["Config"]["Labels"]["manager"], "distrobox");
    assert_eq!(record["State"]["Status"], "created");

    let list = session.tool("distrobox", &["list", "--no-color"]);
    assert_success(&list);
    let row = list
        .stdout()
        .lines()
        .find(|l| l.contains("| box "))
        .unwrap_or_else(|| panic!("no box in distrobox list:\n{}", list.stdout()))
        .to_string();
    assert!(row.contains("created") && row.contains(&image), "{row}");

    assert_success(&session.tool("distrobox", &["rm", "box", "--force"]));
    assert!(
        !session.container_names().contains(&"box".to_string()),
        "box is still listed by ps -a"
    );
}

/// `distrobox enter` starts the box (its init runs as root and bind mounts host paths),
/// then runs the command as the user, in the user's HOME, with its exit status.
#[test]
fn distrobox_enters_a_box_as_the_user_with_the_home_bound() {
    let session = Session::new();
    let image = session.debian_box();
    assert_success(&session.tool(
        "distrobox",
        &["create", "-i", &image, "-n", "box", "--yes", "--no-entry"],
    ));
    let user = session.sb.user;
    let enter = session.tool("distrobox", &["enter", "box", "--", "id"]);
    assert_success(&enter);
    assert!(
        enter.stdout().contains(&format!(
            "uid={uid}({name}) gid={gid}({name})",
            uid = user.uid,
            gid = user.gid,
            name = user.name
        )),
        "{}",
        enter.stdout()
    );
    // The box's HOME is the host's: a file written in it is the user's on the host.
    // (distrobox-enter re-quotes the arguments for an eval; one holding a quote breaks.)
    let written = session.tool(
        "distrobox",
        &[
            "enter",
            "box",
            "--",
            "sh",
            "-c",
            "echo from-box > $HOME/from-box",
        ],
    );
    assert_success(&written);
    let file = session.sb.home.join("from-box");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "from-box\n");
    assert_eq!(owner(&file), (user.uid, user.gid));
    let status = session.tool("distrobox", &["enter", "box", "--", "sh", "-c", "exit 7"]);
    assert_eq!(status.code(), 7, "{}", status.stderr());

    assert_success(&session.tool("distrobox", &["rm", "box", "--force"]));
    assert!(!session.container_names().contains(&"box".to_string()));
}

/// toolbox's create, run and rm. toolbox runs `podman system migrate` first (once per podman
/// version it sees), then creates with `--dns none --no-hosts --userns keep-id ...` and runs
/// `toolbox init-container` in the container, which redirects /etc/hosts and resolv.conf to
/// the host's and creates the user.
#[test]
fn toolbox_creates_runs_and_removes_a_container() {
    let session = Session::new();
    let image = session.debian_box();
    let create = session.tool("toolbox", &["create", "--image", &image, "tb"]);
    assert_success(&create);
    assert!(
        create.stdout().contains("Created container: tb"),
        "{}",
        create.stdout()
    );
    assert!(
        session
            .sb
            .home
            .join(".config/toolbox/podman-system-migrate")
            .exists(),
        "toolbox did not record its podman system migrate"
    );
    let user = session.sb.user;
    let run = session.tool("toolbox", &["run", "-c", "tb", "id"]);
    assert_success(&run);
    assert!(
        run.stdout()
            .contains(&format!("uid={}({})", user.uid, user.name)),
        "{}",
        run.stdout()
    );
    // The user's shell gets their own home, the one toolbox gave the user it made from the
    // host's passwd entry (exec --user brings that user's HOME over the container's /root).
    let home = session.tool("toolbox", &["run", "-c", "tb", "sh", "-c", "echo $HOME"]);
    assert_success(&home);
    let entry = nix::unistd::User::from_name(&user.name).unwrap().unwrap();
    assert_eq!(home.stdout().trim(), entry.dir.to_str().unwrap());
    assert!(
        !home.stderr().contains("Permission denied"),
        "{}",
        home.stderr()
    );
    let status = session.tool("toolbox", &["run", "-c", "tb", "sh", "-c", "exit 7"]);
    assert_eq!(status.code(), 7, "{}", status.stderr());
    assert_success(&session.tool("toolbox", &["rm", "-f", "tb"]));
    assert!(!session.container_names().contains(&"tb".to_string()));
}

/// A keep-id container of a big image (debian-box, 141 MiB) says that its layers are being
/// copied with its mapping, the first time only.
#[test]
fn the_keep_id_copy_of_a_big_image_is_announced_once() {
    let session = Session::new();
    let image = session.debian_box();
    let notice = "Copying the image's layers";
    let first = session
        .sb
        .ok(&["create", "--userns", "keep-id", &image, "true"]);
    assert!(first.stderr().contains(notice), "{}", first.stderr());
    let second = session
        .sb
        .ok(&["create", "--userns", "keep-id", &image, "true"]);
    assert!(!second.stderr().contains(notice), "{}", second.stderr());
    session.sb.ok(&["rm", "-a"]);
}
