//! Starting a container under its monitor, and the monitor's side of a container's life:
//! start, record, supervise, record the end, restart per policy, `--rm` cleanup.
//!
//! The caller execs the monitor (`burrow-monitor`, a new session, stdio on /dev/null) and
//! waits for one report on a pipe: the container runs (with its pid) or why it could not
//! start. The container is the monitor's child, so only the monitor sees its real exit status.

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Utc;
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use serde::{Deserialize, Serialize};

use super::{ContainerError, Host, load, shares_userns};
use crate::monitor::{self, MonitorError, Streams};
use crate::runtime::{self, ContainerStdio, ProcessIdentity};
use crate::spec::LogDriver;
use crate::store::{ContainerState, LookupError, Status, Store};

/// What a monitor is told on its command line.
#[derive(Debug, Serialize, Deserialize)]
struct MonitorArgs {
    root: PathBuf,
    run_root: PathBuf,
    id: String,
    console_size: Option<(u16, u16)>,
    /// fd 4 is the first client's socket.
    client: bool,
    /// The container gets the monitor's own stdio (the caller's): `--log-driver passthrough`.
    passthrough: bool,
    /// `--preserve-fds`: this many descriptors from fd 5 on are the container's 3 and up.
    #[serde(default)]
    preserve_fds: u32,
}

/// The monitor's one message to the caller, on fd 3.
#[derive(Debug, Serialize, Deserialize)]
enum Report {
    Started { pid: i32, pid_start: u64 },
    Failed { code: u8, message: String },
}

const REPORT_FD: RawFd = 3;
const CLIENT_FD: RawFd = 4;
const PRESERVED_FD: RawFd = 5;

/// How to start a container under a monitor.
#[derive(Default)]
pub struct StartOptions {
    /// The caller's terminal size, for a container with a terminal.
    pub console_size: Option<(u16, u16)>,
    /// A socket the monitor serves as its first attach client, before the container starts,
    /// so none of its output is missed.
    pub client: Option<OwnedFd>,
    /// Hand the caller's stdio to the container (`--log-driver passthrough`).
    pub passthrough: bool,
    /// Descriptors the container gets as 3 and up (`--preserve-fds`).
    pub preserve_fds: Vec<OwnedFd>,
}

/// A container started under its monitor.
pub struct MonitorHandle {
    pub process: ProcessIdentity,
    monitor: std::process::Child,
}

impl MonitorHandle {
    /// Collects the monitor once it is done (after an attached run), so it is no zombie.
    pub fn reap(mut self) {
        let _ = self.monitor.wait();
    }
}

fn spawn_err(e: std::io::Error) -> ContainerError {
    ContainerError::Monitor(MonitorError::Io {
        what: "start the container's monitor",
        source: e,
    })
}

/// Moves a descriptor above the standard and fixed numbers (and `floor`), so the child's dup2
/// onto 3, 4 and the preserved descriptors can never clobber one of them.
fn high_above(fd: &OwnedFd, floor: RawFd) -> Result<OwnedFd, ContainerError> {
    nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(floor.max(10)))
        // SAFETY: F_DUPFD_CLOEXEC returned a new descriptor that nothing else owns.
        .map(|raw| unsafe { OwnedFd::from_raw_fd(raw) })
        .map_err(|e| spawn_err(e.into()))
}

/// Starts container `id` (created or exited) under a new monitor and returns once it runs.
pub fn start_monitored(
    store: &Store,
    host: &Host,
    id: &str,
    options: StartOptions,
) -> Result<MonitorHandle, ContainerError> {
    let (report_read, report_write) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| spawn_err(e.into()))?;
    // The original is closed here: a write end left open in this process would keep the
    // read below from ever seeing end-of-file if the monitor died before reporting.
    let floor = PRESERVED_FD + options.preserve_fds.len() as RawFd;
    let report_write = {
        let original = report_write;
        high_above(&original, floor)?
    };
    let client = options
        .client
        .as_ref()
        .map(|c| high_above(c, floor))
        .transpose()?;
    let preserved = options
        .preserve_fds
        .iter()
        .map(|fd| high_above(fd, floor))
        .collect::<Result<Vec<_>, _>>()?;
    let args = MonitorArgs {
        root: store.root().to_path_buf(),
        run_root: host.run_root.clone(),
        id: id.to_string(),
        console_size: options.console_size,
        client: client.is_some(),
        passthrough: options.passthrough,
        preserve_fds: options.preserve_fds.len() as u32,
    };
    // The monitor's clone becomes the container: it runs from the unwritable view of burrow,
    // never from the installed file (see runtime::sealed).
    let exe = runtime::sealed::SealedExe::open().map_err(runtime::RuntimeError::from)?;
    let exe_fd = high_above(&exe.as_fd().try_clone_to_owned().map_err(spawn_err)?, floor)?;
    let mut command = std::process::Command::new(format!("/proc/self/fd/{}", exe_fd.as_raw_fd()));
    command
        .arg0(monitor::MONITOR_NAME)
        .arg(serde_json::to_string(&args).expect("monitor arguments serialize"))
        .current_dir("/");
    if !options.passthrough {
        command
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
    }
    let report_raw = report_write.as_raw_fd();
    let client_raw = client.as_ref().map(|c| c.as_raw_fd());
    let preserved_raw: Vec<RawFd> = preserved.iter().map(|fd| fd.as_raw_fd()).collect();
    // SAFETY: between fork and exec only async-signal-safe calls (setsid, dup2, close_range)
    // run, and burrow is single-threaded here.
    unsafe {
        command.pre_exec(move || {
            nix::unistd::setsid()?;
            if libc::dup2(report_raw, REPORT_FD) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            if let Some(raw) = client_raw
                && libc::dup2(raw, CLIENT_FD) < 0
            {
                return Err(std::io::Error::last_os_error());
            }
            for (i, raw) in preserved_raw.iter().enumerate() {
                if libc::dup2(*raw, PRESERVED_FD + i as RawFd) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            // Whatever else the caller had open (a script's descriptor on a host directory)
            // must never reach the monitor, and so the container (CVE-2024-21626).
            crate::runtime::close_inherited((PRESERVED_FD + preserved_raw.len() as RawFd) as u32)
        });
    }
    let monitor = command.spawn().map_err(spawn_err)?;
    drop(exe_fd);
    drop(exe);
    drop(report_write);
    drop(client);
    drop(options.client);
    drop(preserved);
    drop(options.preserve_fds);
    let mut line = String::new();
    let _ = BufReader::new(std::fs::File::from(report_read)).read_line(&mut line);
    match serde_json::from_str::<Report>(&line) {
        Ok(Report::Started { pid, pid_start }) => Ok(MonitorHandle {
            process: ProcessIdentity {
                pid,
                start_time: pid_start,
                boot_id: runtime::boot_id(),
            },
            monitor,
        }),
        Ok(Report::Failed { code, message }) => {
            let mut monitor = monitor;
            let _ = monitor.wait();
            // An `--rm` container that could not even start is not left behind either.
            if let Ok(Some(c)) = store.container(id)
                && c.record.auto_remove
                && c.state.status != Status::Running
            {
                let _ = super::remove_with_volumes(store, id, true, None, host, true);
            }
            // A full disk shows up as whatever failed first (often "read-only file system"
            // from an overlay that could not make its work directory): name the cause.
            let message = match crate::store::out_of_space(&store.container_dir(id)) {
                Some(full) => format!("{message}: {full}"),
                None => message,
            };
            Err(ContainerError::StartFailed { code, message })
        }
        Err(_) => {
            let mut monitor = monitor;
            let status = monitor.wait().map_err(spawn_err)?;
            Err(ContainerError::StartFailed {
                code: 125,
                message: format!(
                    "the monitor of container {id} ended ({status}) before starting it; run with --log-level debug and report this"
                ),
            })
        }
    }
}

/// The live monitors of container `id` that belong to this user, found by their command line
/// (`burrow-monitor {"id":"<id>",...}`): what still knows a container whose state file cannot
/// be read.
pub(super) fn monitors_of(id: &str) -> Vec<ProcessIdentity> {
    use std::os::unix::fs::MetadataExt;
    let me = nix::unistd::geteuid().as_raw();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let pid: i32 = entry.file_name().to_str()?.parse().ok()?;
            if entry.metadata().ok()?.uid() != me {
                return None;
            }
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            let mut argv = cmdline.split(|b| *b == 0);
            if argv.next()? != monitor::MONITOR_NAME.as_bytes() {
                return None;
            }
            let args: MonitorArgs = serde_json::from_slice(argv.next()?).ok()?;
            (args.id == id).then(|| ProcessIdentity::of(pid)).flatten()
        })
        .collect()
}

/// Takes a descriptor `start_monitored` passed to this process at a fixed number, closed on
/// exec from here on so the container never inherits it.
fn adopt(fd: RawFd) -> OwnedFd {
    // SAFETY: the caller dup'ed `fd` for this process alone before exec; nothing else here
    // owns that number.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let _ = nix::fcntl::fcntl(
        &fd,
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    );
    fd
}

/// The monitor process's whole life; returns its exit status: the container's last, or 125
/// if it could not start it.
pub fn monitor_main() -> i32 {
    let mut report = Some(std::fs::File::from(adopt(REPORT_FD)));
    let outcome = (|| {
        let text = std::env::args().nth(1).unwrap_or_default();
        let args: MonitorArgs =
            serde_json::from_str(&text).map_err(|e| ContainerError::StartFailed {
                code: 125,
                message: format!("bad monitor arguments: {e}"),
            })?;
        let client = args.client.then(|| adopt(CLIENT_FD));
        let preserved: Vec<OwnedFd> = (0..args.preserve_fds as RawFd)
            .map(|i| adopt(PRESERVED_FD + i))
            .collect();
        run_monitor(&args, client, &preserved, &mut report)
    })();
    match outcome {
        Ok(code) => code,
        Err(e) => {
            if let Some(mut report) = report.take() {
                let failed = Report::Failed {
                    code: e.exit_code(),
                    message: e.to_string(),
                };
                let _ = writeln!(
                    report,
                    "{}",
                    serde_json::to_string(&failed).unwrap_or_default()
                );
            }
            125
        }
    }
}

fn io(what: &'static str) -> impl FnOnce(std::io::Error) -> ContainerError {
    move |source| ContainerError::Monitor(MonitorError::Io { what, source })
}

/// The container's end of its standard streams for one start, and the monitor's; none with
/// a terminal, which the runtime makes (its master becomes the monitor's stream).
fn plumbing(
    tty: bool,
    stdin_open: bool,
) -> Result<(Option<ContainerStdio>, Option<Streams>), ContainerError> {
    if tty {
        return Ok((None, None));
    }
    let pipe = || {
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| io("create a pipe")(e.into()))
    };
    let (stdin_theirs, stdin_ours) = if stdin_open {
        let (r, w) = pipe()?;
        (r, Some(w))
    } else {
        (
            OwnedFd::from(std::fs::File::open("/dev/null").map_err(io("open /dev/null"))?),
            None,
        )
    };
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    Ok((
        Some(ContainerStdio {
            stdin: stdin_theirs,
            stdout: out_w,
            stderr: err_w,
        }),
        Some(Streams::Pipes {
            stdin: stdin_ours,
            stdout: Some(out_r),
            stderr: Some(err_r),
        }),
    ))
}

/// How long to wait before restart number `n`, when the last run lasted `ran`: at once after
/// a long run, otherwise doubling from 100 ms up to about 6 s, so a container that keeps
/// failing does not spin.
fn restart_delay(n: u32, ran: Duration) -> Duration {
    if ran > Duration::from_secs(10) {
        return Duration::ZERO;
    }
    Duration::from_millis(100) * 2u32.pow(n.min(6))
}

fn run_monitor(
    args: &MonitorArgs,
    client: Option<OwnedFd>,
    preserved: &[OwnedFd],
    report: &mut Option<std::fs::File>,
) -> Result<i32, ContainerError> {
    let store = Store::new(args.root.clone());
    let host = Host::detect(args.run_root.clone());
    let mut clients: Vec<OwnedFd> = client.into_iter().collect();
    for c in &clients {
        monitor::serve::prepare_client(c);
    }
    // SIGCHLD is read from a signalfd; the rest must not end the monitor by accident.
    let mut sigchld = SigSet::empty();
    sigchld.add(Signal::SIGCHLD);
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&runtime::forwarded()), None)
        .map_err(|e| io("block signals")(e.into()))?;
    let signals = SignalFd::with_flags(&sigchld, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
        .map_err(|e| io("read signals")(e.into()))?;
    let me = ProcessIdentity::of(std::process::id() as i32);

    let Some(mut lock) = store.lock_container(&args.id)? else {
        return Err(LookupError::NotFound(args.id.clone()).into());
    };
    let state = super::current_state(&lock.container.state);
    if state.status == Status::Running {
        return Err(ContainerError::AlreadyRunning(
            lock.container.record.name.clone(),
        ));
    }
    let record = lock.container.record.clone();
    let created = load(&store, lock.container.clone())?;
    let shared_userns = shares_userns(&created.spec, &host.identity)
        && crate::userns::enter_shared(&host.identity, &host.run_root).is_ok()
        && crate::userns::inside(&host.identity);
    let run_dir = host
        .create_container_run_dir(&record.id)
        .map_err(io("create the container's run directory"))?;
    let listener = monitor::socket::listen_at(&run_dir, "attach")?;
    // The socket's inode: at the end only our own socket is removed, not the one of a monitor
    // that a `restart` started meanwhile.
    let socket_path = run_dir.join("attach");
    let socket_inode = std::fs::metadata(&socket_path).map(|m| m.ino()).ok();
    let log_path = store.container_dir(&record.id).join("userdata/ctr.log");
    let mut log = match record.log_driver {
        LogDriver::K8sFile if !args.passthrough => Some(
            crate::logs::LogWriter::open(&log_path, record.log_size_max).map_err(|e| {
                io("open the container's log")(std::io::Error::other(e.to_string()))
            })?,
        ),
        _ => None,
    };
    let network = super::network_of(&store, &record.id)?;
    // Decided (and every limit checked) before the first start; the cgroup itself is made
    // per start, around the process while it waits to exec.
    let placement = crate::cgroups::choose(
        &crate::cgroups::facts(),
        &record.cgroup,
        None,
        &record.resources,
    )?;
    let mut restart_count = 0u32;
    let mut ending = crate::network::Ending::default();
    let code = loop {
        let (stdio, streams) = if args.passthrough {
            (None, None)
        } else {
            plumbing(record.tty, record.stdin_open)?
        };
        let previous = lock.container.state.clone();
        let donor = super::ipc_donor(&record)
            .map(|id| donor_process(&store, id, "IPC"))
            .transpose()?;
        let netns = joined_network(&store, &network.mode)?;
        // The helper starts as soon as the namespace exists, so its set-up overlaps the
        // container's root build; it is waited for before the container may exec.
        let pending = std::cell::RefCell::new(None);
        // In its cgroup with its limits before it builds its root or runs anything of the
        // image's; a failure kills the process.
        let placed = std::cell::Cell::new(None);
        let place = |pid: nix::unistd::Pid| {
            let result = crate::cgroups::place(
                &placement,
                &record.id,
                pid.as_raw() as u32,
                &record.resources,
            );
            let ok = result.is_ok();
            placed.set(Some(result));
            ok
        };
        let begin_network = |pid: nix::unistd::Pid| {
            *pending.borrow_mut() = Some(crate::network::begin(&network, pid.as_raw(), &run_dir));
        };
        let starting = runtime::start(&runtime::Launch {
            container_id: &record.id,
            spec: &created.spec,
            rootfs: &created.rootfs,
            identity: &host.identity,
            shared_userns,
            seccomp: created.seccomp.as_deref(),
            init: record.init,
            stdin: record.stdin_open,
            stdio,
            console_size: args.console_size,
            preserved,
            accounts: runtime::AccountEntries {
                passwd: &record.passwd_entries,
                group: &record.group_entries,
            },
            join_ipc: donor.as_ref(),
            join_net: netns.as_ref().map(|n| n.as_fd()),
            on_cloned: Some(&begin_network),
            place: Some(&place),
        })
        .map_err(|e| match placed.take() {
            // The cgroup's own error says more than the runtime's.
            Some(Err(cgroup_error)) => ContainerError::from(cgroup_error),
            _ => ContainerError::from(e),
        })?;
        let pid = starting.pid.as_raw();
        // Connected while the container waits to exec, so its program starts with its network;
        // a helper that fails drops `starting`, which kills the half-made container.
        let helper = match pending.into_inner() {
            Some(begun) => begun?.map(crate::network::Pending::finish).transpose()?,
            None => None,
        };
        let cgroup = placed.take().expect("placed before the process went on")?;
        if let Some(cgroup) = &cgroup {
            cgroup.save(&run_dir)?;
        }
        let oom_baseline = cgroup.as_ref().map_or(0, |c| c.parent_oom_kills());
        let process = ProcessIdentity::of(pid);
        let pid_start = process.as_ref().map(|p| p.start_time);
        let started_at = Some(Utc::now());
        let running = ContainerState {
            status: Status::Running,
            pid: Some(pid),
            pid_start,
            boot_id: process.map(|p| p.boot_id),
            started_at,
            finished_at: None,
            exit_code: None,
            monitor_pid: me.as_ref().map(|m| m.pid),
            monitor_start: me.as_ref().map(|m| m.start_time),
            restart_count,
            stopped_by_user: false,
            stopping: false,
            oom_killed: false,
            paused: false,
        };
        store.save_state(&mut lock, running)?;
        crate::failpoint!("start.recorded");
        super::event(&store, "init", &record);
        let started = match starting.proceed() {
            Ok(started) => started,
            Err(e) => {
                store.save_state(&mut lock, previous)?;
                return Err(e.into());
            }
        };
        let streams = match (streams, started.console) {
            (Some(streams), _) => streams,
            (None, Some(console)) => Streams::Terminal(console),
            // Passthrough: the container has the caller's stdio; nothing passes here.
            (None, None) => Streams::Pipes {
                stdin: None,
                stdout: None,
                stderr: None,
            },
        };
        drop(lock);
        if let Some(mut out) = report.take() {
            let started = Report::Started {
                pid,
                pid_start: pid_start.unwrap_or_default(),
            };
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string(&started).unwrap_or_default()
            );
        }
        super::event(
            &store,
            if restart_count == 0 {
                "start"
            } else {
                "restart"
            },
            &record,
        );
        let began = Instant::now();
        let ended = monitor::supervise(monitor::Session {
            pid: started.pid,
            streams,
            log: log.as_mut(),
            listener: Some(listener.as_fd()),
            clients: &mut clients,
            signals: &signals,
            deadline: record.timeout.map(|t| began + Duration::from_secs(t)),
        })?;
        // A container killed for its --timeout ends with -1, as under conmon.
        let code = if ended.timed_out {
            -1
        } else {
            i32::from(ended.code)
        };
        // Read before the cgroup goes: podman's OOMKilled is the memory controller's count.
        let oom_killed = cgroup
            .as_ref()
            .is_some_and(|c| c.oom_killed(oom_baseline, ended.code == 137));
        // The cgroup goes with the container's init: whatever it left behind is killed.
        if let Some(cgroup) = &cgroup {
            crate::cgroups::remove(cgroup);
            crate::cgroups::ContainerCgroup::forget(&run_dir);
        }
        // The helper ends with the container, before its end is recorded.
        ending.reap();
        if let Some(helper) = helper {
            ending.push(helper);
        }
        let after = super::record_exit(&store, &record.id, started_at, code, oom_killed)?;
        super::event_with_code(&store, "died", &record, code);
        let Some(after) = after else {
            break code;
        };
        if record.auto_remove
            || !record
                .restart
                .restarts(code, restart_count, after.stopped_by_user)
        {
            break code;
        }
        monitor::serve::broadcast(
            &mut clients,
            &monitor::proto::MonitorMessage::Exit(code),
            &mut Vec::new(),
        );
        clients.clear();
        std::thread::sleep(restart_delay(restart_count, began.elapsed()));
        // Restart only what is still this monitor's exited container: a user may have
        // removed, started or stopped it meanwhile.
        let Some(again) = store.lock_container(&record.id)? else {
            break code;
        };
        let state = &again.container.state;
        if state.status != Status::Exited || state.started_at != started_at || state.stopped_by_user
        {
            break code;
        }
        lock = again;
        restart_count += 1;
    };
    if record.auto_remove {
        // `remove` writes the event.
        match super::remove_with_volumes(&store, &record.id, true, None, &host, true) {
            Ok(()) | Err(ContainerError::Lookup(LookupError::NotFound(_))) => {}
            Err(e) => tracing::warn!("{e}"),
        }
        if record.remove_image {
            remove_image(&store, &host, &record);
        }
    }
    monitor::serve::broadcast(
        &mut clients,
        &monitor::proto::MonitorMessage::Exit(code),
        &mut Vec::new(),
    );
    if std::fs::metadata(&socket_path).map(|m| m.ino()).ok() == socket_inode {
        let _ = std::fs::remove_file(&socket_path);
    }
    Ok(code)
}

/// The running process of the container whose `kind` namespace a container joins.
fn donor_process(
    store: &Store,
    id: &str,
    kind: &str,
) -> Result<runtime::ProcessHandle, ContainerError> {
    let Some(donor) = store.container(id)? else {
        return Err(LookupError::NotFound(id.to_string()).into());
    };
    super::running_process(&super::current_state(&donor.state))
        .and_then(|p| p.open())
        .ok_or_else(|| ContainerError::StartFailed {
            code: 125,
            message: format!(
                "cannot join the {kind} namespace of container {}: it is not running; start it first (burrow start {})",
                donor.record.name, donor.record.name
            ),
        })
}

/// What the container's network namespace is joined from: another container's process, or a
/// namespace file given by path; none when it gets its own or the host's.
fn joined_network(
    store: &Store,
    mode: &crate::network::NetworkMode,
) -> Result<Option<OwnedFd>, ContainerError> {
    match mode {
        crate::network::NetworkMode::Container(id) => {
            Ok(Some(donor_process(store, id, "network")?.into_fd()))
        }
        crate::network::NetworkMode::Path(path) => std::fs::File::open(path)
            .map(|f| Some(OwnedFd::from(f)))
            .map_err(|e| ContainerError::StartFailed {
                code: 125,
                message: format!(
                    "cannot open network namespace {}: {e}; give --network ns: the path of a namespace file (such as /proc/PID/ns/net or a mount made with ip netns add)",
                    path.display()
                ),
            }),
        _ => Ok(None),
    }
}

/// `--rmi`: the container's image goes too, unless another container uses it (then podman
/// warns and keeps it). The name the container was made from is what goes: an image with
/// other names only loses that one.
pub(super) fn remove_image(store: &Store, host: &Host, record: &crate::store::ContainerRecord) {
    let name = if record.image_name.is_empty() {
        &record.image_id
    } else {
        &record.image_name
    };
    let env = crate::config::ConfigEnv::from_process();
    let options = crate::image::RemoveOptions {
        ignore: true,
        ..Default::default()
    };
    match crate::image::remove(store, Some(host), &env, std::slice::from_ref(name), options) {
        Ok(report) => {
            for e in report.errors {
                tracing::warn!("Failed to remove image: {e}");
            }
        }
        Err(e) => tracing::warn!("Failed to remove image: {e}"),
    }
}

/// Connects to the monitor of a running container, as a new attach client.
pub fn connect(host: &Host, id: &str) -> Result<OwnedFd, ContainerError> {
    Ok(monitor::socket::connect_to(
        &host.container_run_dir(id),
        "attach",
    )?)
}
