//! The built-in runtime: clone the container into its namespaces, map its IDs from outside,
//! build its root filesystem and exec its process; then wait and report how it ended.
//!
//! The parent and the child talk over a socketpair, one named message per step
//! (`channel::Message`): the child waits for `MappingWritten` before it touches anything, and
//! reports any failure as `Failed` so the parent can print a real error instead of a silent exit.

pub mod attach;
mod channel;
pub mod console;
mod exec;
mod files;
mod foreground;
mod init;
mod liveness;
mod mountopts;
mod process;
pub mod procfs;
pub mod relay;
mod rootfs;
pub mod sealed;
pub mod shift;

pub use exec::{
    ExecLaunch, descriptor_is_open, join_container, read_container_file, spawn as spawn_exec,
};
pub use files::{ContainerFacts, files_in as container_files_in, write as write_container_files};
pub use foreground::Foreground;
pub use liveness::{ProcessHandle, ProcessIdentity};
pub use procfs::{boot_id, children};
pub use rootfs::{AccountEntries, Rootfs, mount_overlay, read_layer_file};

use nix::sched::CloneFlags;
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::Pid;
use oci_spec::runtime::{LinuxNamespaceType, Spec};

use crate::userns::Identity;
use channel::{Channel, Message};
use std::os::unix::net::UnixStream;

#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    #[error("cannot {what}: {source}")]
    Setup {
        what: String,
        source: std::io::Error,
    },
    #[error("invalid container configuration: {0}")]
    Invalid(String),
    /// The program could not be started; `code` is 126 or 127, as podman exits.
    #[error("{message}")]
    Exec { code: u8, message: String },
    #[error(transparent)]
    Userns(#[from] crate::userns::UsernsError),
    #[error(transparent)]
    Sealed(#[from] sealed::SealError),
    #[error("cannot start the container process: {0}")]
    Clone(nix::Error),
    /// A failure the container's process reported before exec; the text is already complete.
    #[error("{0}")]
    Child(String),
}

impl RuntimeError {
    /// The exit status burrow should end with for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            RuntimeError::Exec { code, .. } => *code,
            _ => 125,
        }
    }
}

/// Clone flags for the namespaces the spec asks to create (those without a path).
fn namespace_flags(spec: &Spec) -> CloneFlags {
    let mut flags = CloneFlags::empty();
    let namespaces = spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().clone())
        .unwrap_or_default();
    for ns in namespaces.iter().filter(|n| n.path().is_none()) {
        flags |= match ns.typ() {
            LinuxNamespaceType::User => CloneFlags::CLONE_NEWUSER,
            LinuxNamespaceType::Mount => CloneFlags::CLONE_NEWNS,
            LinuxNamespaceType::Pid => CloneFlags::CLONE_NEWPID,
            LinuxNamespaceType::Uts => CloneFlags::CLONE_NEWUTS,
            LinuxNamespaceType::Ipc => CloneFlags::CLONE_NEWIPC,
            LinuxNamespaceType::Network => CloneFlags::CLONE_NEWNET,
            LinuxNamespaceType::Cgroup => CloneFlags::CLONE_NEWCGROUP,
            _ => CloneFlags::empty(),
        };
    }
    flags
}

/// The child's side: wait for the mapping, build the container, wait for `Go`, exec. Never
/// returns on success.
fn child_main(launch: &Launch, mut channel: Channel, console: Option<&UnixStream>) -> isize {
    let result = (|| -> Result<std::convert::Infallible, RuntimeError> {
        // Until the parent has recorded this process, its death must take the half-made
        // container along: nothing else would ever know it exists. Cleared before exec.
        set_parent_death_signal(Some(Signal::SIGKILL))?;
        // The parent blocked the signals it forwards (a monitor blocks more); the container
        // starts with nothing blocked, as under runc, since exec keeps the mask in force.
        sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None).map_err(|e| {
            RuntimeError::Setup {
                what: "restore the signal mask".into(),
                source: e.into(),
            }
        })?;
        match channel.receive() {
            Ok(Some(Message::MappingWritten)) => {}
            _ => {
                return Err(RuntimeError::Invalid(
                    "the parent went away before mapping IDs".into(),
                ));
            }
        }
        // Now that the parent has put it in its cgroup: the namespace's root is that cgroup.
        if namespace_flags(launch.spec).contains(CloneFlags::CLONE_NEWCGROUP) {
            nix::sched::unshare(CloneFlags::CLONE_NEWCGROUP).map_err(|e| RuntimeError::Setup {
                what: "make the cgroup namespace".into(),
                source: e.into(),
            })?;
        }
        // Before the mounts: the mqueue filesystem shows the IPC namespace of its mounter,
        // sysfs the network namespace.
        if let Some(netns) = launch.join_net {
            nix::sched::setns(netns, CloneFlags::CLONE_NEWNET).map_err(|e| {
                RuntimeError::Setup {
                    what: "join the network namespace given to --network".into(),
                    source: e.into(),
                }
            })?;
        }
        let shm = match launch.join_ipc {
            Some(donor) => join_ipc(donor)?,
            None => None,
        };
        rootfs::prepare(launch.spec, launch.rootfs, launch.accounts, shm)?;
        match (console, &launch.stdio) {
            (Some(socket), _) => open_console(socket, launch.console_size)?,
            (None, stdio) => {
                // Its own session and process group, as under runc and crun: the container's
                // first process leads them (`ps` shows PGID and SID 1), and job control in
                // the caller's session never reaches it except through burrow's forwarding.
                let _ = nix::unistd::setsid();
                match stdio {
                    Some(stdio) => stdio.install()?,
                    None if !launch.stdin => detach_stdin()?,
                    None => {}
                }
            }
        }
        let _ = channel.send(&Message::Ready);
        match channel.receive() {
            Ok(Some(Message::Go)) => {}
            _ => {
                return Err(RuntimeError::Invalid(
                    "the parent went away before the container started".into(),
                ));
            }
        }
        set_parent_death_signal(None)?;
        pass_preserved(launch.preserved, &mut channel)?;
        close_inherited(3 + launch.preserved.len() as u32).map_err(|source| {
            RuntimeError::Setup {
                what: "mark inherited descriptors close-on-exec".into(),
                source,
            }
        })?;
        process::exec(
            launch.spec,
            launch.seccomp,
            launch.init,
            launch.container_id,
        )
    })();
    let error = result.unwrap_err();
    let _ = channel.send(&Message::Failed {
        message: error.to_string(),
        code: error.exit_code(),
    });
    error.exit_code() as isize
}

/// `--ipc container:X`: joins X's IPC namespace, and returns a detached copy of X's /dev/shm
/// mount (none if X has no /dev/shm), which shares its files as podman's shm directory does.
/// The copy is made inside X's mount namespace, the only place open_tree may clone it from;
/// the process then returns to its own, which has no pivot yet.
fn join_ipc(donor: &ProcessHandle) -> Result<Option<std::os::fd::OwnedFd>, RuntimeError> {
    use std::os::fd::AsFd;
    let setns = |fd: std::os::fd::BorrowedFd, flag: CloneFlags, what: &str| {
        nix::sched::setns(fd, flag).map_err(|e| RuntimeError::Setup {
            what: what.into(),
            source: e.into(),
        })
    };
    setns(
        donor.as_fd(),
        CloneFlags::CLONE_NEWIPC,
        "join the IPC namespace of the container given to --ipc",
    )?;
    let own = std::fs::File::open("/proc/self/ns/mnt").map_err(|source| RuntimeError::Setup {
        what: "open the container's mount namespace".into(),
        source,
    })?;
    setns(
        donor.as_fd(),
        CloneFlags::CLONE_NEWNS,
        "enter the mount namespace of the container given to --ipc",
    )?;
    let tree = rustix::mount::open_tree(
        rustix::fs::CWD,
        "/dev/shm",
        rustix::mount::OpenTreeFlags::OPEN_TREE_CLONE
            | rustix::mount::OpenTreeFlags::OPEN_TREE_CLOEXEC,
    );
    setns(
        own.as_fd(),
        CloneFlags::CLONE_NEWNS,
        "return to the container's mount namespace",
    )?;
    match tree {
        Ok(tree) => Ok(Some(tree)),
        Err(rustix::io::Errno::NOENT) => Ok(None),
        Err(e) => Err(RuntimeError::Setup {
            what: "copy the /dev/shm mount of the container given to --ipc".into(),
            source: e.into(),
        }),
    }
}

/// `--preserve-fds`: the monitor's copies become the container's descriptors 3 and up. They
/// and the channel (still needed to report a failed exec) first move above that range, so
/// that no dup2 replaces one of them before it is in place.
fn pass_preserved(
    preserved: &[std::os::fd::OwnedFd],
    channel: &mut Channel,
) -> Result<(), RuntimeError> {
    use std::os::fd::{AsFd, AsRawFd, RawFd};
    if preserved.is_empty() {
        return Ok(());
    }
    let setup = |e: nix::Error| RuntimeError::Setup {
        what: "pass the preserved file descriptors".into(),
        source: e.into(),
    };
    let floor = 3 + preserved.len() as RawFd;
    channel
        .move_above(floor)
        .map_err(|source| RuntimeError::Setup {
            what: "move the launch channel".into(),
            source,
        })?;
    let moved: Vec<std::os::fd::OwnedFd> = preserved
        .iter()
        .map(|fd| {
            nix::fcntl::fcntl(fd.as_fd(), nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(floor))
                // SAFETY: F_DUPFD_CLOEXEC returned a new descriptor that nothing else owns.
                .map(|raw| unsafe {
                    <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(raw)
                })
        })
        .collect::<Result<_, _>>()
        .map_err(setup)?;
    for (i, fd) in moved.iter().enumerate() {
        // SAFETY: dup2 onto a number below `floor`: whatever sat there (a copy this process
        // no longer needs) is replaced; the new descriptor is not close-on-exec.
        if unsafe { libc::dup2(fd.as_raw_fd(), 3 + i as RawFd) } < 0 {
            return Err(setup(nix::Error::last()));
        }
    }
    Ok(())
}

fn set_parent_death_signal(signal: Option<Signal>) -> Result<(), RuntimeError> {
    nix::sys::prctl::set_pdeathsig(signal).map_err(|e| RuntimeError::Setup {
        what: "set the parent-death signal".into(),
        source: e.into(),
    })
}

/// The container's standard streams when burrow does not pass its own: a monitor's pipes.
pub struct ContainerStdio {
    pub stdin: std::os::fd::OwnedFd,
    pub stdout: std::os::fd::OwnedFd,
    pub stderr: std::os::fd::OwnedFd,
}

impl ContainerStdio {
    /// In the child: the three become fds 0, 1 and 2 (dup2 clears close-on-exec on them, so
    /// the originals still close at exec).
    fn install(&self) -> Result<(), RuntimeError> {
        use nix::unistd::{dup2_stderr, dup2_stdin, dup2_stdout};
        dup2_stdin(&self.stdin)
            .and_then(|()| dup2_stdout(&self.stdout))
            .and_then(|()| dup2_stderr(&self.stderr))
            .map_err(|e| RuntimeError::Setup {
                what: "connect the container's standard streams".into(),
                source: e.into(),
            })
    }
}

fn console_err(e: impl std::fmt::Display) -> RuntimeError {
    RuntimeError::Setup {
        what: "set up the container's terminal".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// In the container, after pivot_root: a pseudo-terminal from its own devpts becomes the
/// process's controlling terminal, stdio and /dev/console; the master goes to burrow.
fn open_console(socket: &UnixStream, size: Option<(u16, u16)>) -> Result<(), RuntimeError> {
    use std::os::fd::AsFd;
    let (master, slave) = console::open_pty().map_err(console_err)?;
    // Sized before the program starts, so it never sees a 0x0 terminal.
    if let Some((rows, columns)) = size {
        console::set_terminal_size(master.as_fd(), rows, columns).map_err(console_err)?;
    }
    let path = console::pty_path(slave.as_fd()).map_err(console_err)?;
    let console = std::path::Path::new("/dev/console");
    std::fs::File::create(console).map_err(|e| RuntimeError::Setup {
        what: "create /dev/console".into(),
        source: e,
    })?;
    nix::mount::mount(
        Some(&path),
        console,
        None::<&str>,
        nix::mount::MsFlags::MS_BIND,
        None::<&str>,
    )
    .map_err(|e| RuntimeError::Setup {
        what: format!("bind {} to /dev/console", path.display()),
        source: e.into(),
    })?;
    console::send_fd(socket.as_fd(), master.as_fd()).map_err(console_err)?;
    drop(master);
    console::make_controlling_terminal(slave).map_err(console_err)
}

/// Without -i the container reads end-of-file, as in podman, not the caller's input.
fn detach_stdin() -> Result<(), RuntimeError> {
    let null = std::fs::File::open("/dev/null").map_err(|e| RuntimeError::Setup {
        what: "open /dev/null".into(),
        source: e,
    })?;
    nix::unistd::dup2_stdin(&null).map_err(|e| RuntimeError::Setup {
        what: "redirect standard input from /dev/null".into(),
        source: e.into(),
    })
}

/// How a container's process ended, as burrow's exit status: its own code, or 128 + signal.
fn exit_code(status: WaitStatus) -> u8 {
    match status {
        WaitStatus::Exited(_, code) => code as u8,
        WaitStatus::Signaled(_, signal, _) => 128u8.wrapping_add(signal as u8),
        _ => 125,
    }
}

/// The caller's identity with the ID maps the spec asks for (keep-id and nomap differ from the
/// default rootless maps).
fn with_spec_mappings(identity: &Identity, spec: &Spec) -> Identity {
    let convert = |maps: &Option<Vec<oci_spec::runtime::LinuxIdMapping>>| {
        maps.as_ref().map(|maps| {
            maps.iter()
                .map(|m| crate::userns::IdMap {
                    container_id: m.container_id(),
                    host_id: m.host_id(),
                    size: m.size(),
                })
                .collect::<Vec<_>>()
        })
    };
    let mut out = identity.clone();
    if let Some(linux) = spec.linux() {
        if let Some(maps) = convert(linux.uid_mappings()) {
            out.uid_map = maps;
        }
        if let Some(maps) = convert(linux.gid_mappings()) {
            out.gid_map = maps;
        }
    }
    out
}

/// A container whose process is built and waits to exec: record `pid`, then `proceed`.
/// Dropping it instead kills the process.
pub struct Starting {
    pub pid: Pid,
    channel: Option<Channel>,
    console: Option<std::os::fd::OwnedFd>,
}

/// A container whose process has exec'd, with the master of its terminal when it has one.
pub struct Started {
    pub pid: Pid,
    pub console: Option<std::os::fd::OwnedFd>,
}

impl Starting {
    /// Lets the process exec and waits until it has (or failed to: 126/127 errors come here).
    pub fn proceed(mut self) -> Result<Started, RuntimeError> {
        let mut channel = self.channel.take().expect("proceed runs once");
        let _ = channel.send(&Message::Go);
        match channel.receive() {
            // End-of-file: the child's end closed on exec.
            Ok(None) => Ok(Started {
                pid: self.pid,
                console: self.console.take(),
            }),
            other => Err(launch_failure(self.pid, other, "container")),
        }
    }
}

impl Drop for Starting {
    fn drop(&mut self) {
        if self.channel.is_some() {
            kill_and_reap(self.pid);
        }
    }
}

/// The error for a launch that did not go on: the failure the child reported (it has exited
/// and is reaped), or anything else it said (it is killed and reaped).
fn launch_failure(
    pid: Pid,
    received: std::io::Result<Option<Message>>,
    what: &str,
) -> RuntimeError {
    match received {
        Ok(Some(Message::Failed { message, code })) => {
            let _ = waitpid(pid, None);
            if code == 125 {
                RuntimeError::Child(message)
            } else {
                RuntimeError::Exec { code, message }
            }
        }
        other => {
            kill_and_reap(pid);
            RuntimeError::Invalid(format!("unexpected message from the {what}: {other:?}"))
        }
    }
}

fn kill_and_reap(pid: Pid) {
    let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
    let _ = waitpid(pid, None);
}

/// What to launch: the spec, its root filesystem, and what the spec cannot say.
pub struct Launch<'a> {
    /// The container's ID, for the errors that name it.
    pub container_id: &'a str,
    pub spec: &'a Spec,
    pub rootfs: &'a Rootfs,
    pub identity: &'a Identity,
    /// burrow already is root in a user namespace with the spec's mapping (the user's shared
    /// one): the container lives there instead of in a new one, and needs no maps written.
    pub shared_userns: bool,
    /// The compiled filter to install (None: unconfined).
    pub seccomp: Option<&'a [seccompiler::BpfProgram]>,
    /// Keep a built-in init as PID 1 (`--init`).
    pub init: bool,
    /// Pass the caller's standard input (`-i`); without it the container reads /dev/null.
    /// Only without `stdio`.
    pub stdin: bool,
    /// The container's standard streams, instead of burrow's own; ignored with a terminal.
    pub stdio: Option<ContainerStdio>,
    /// The terminal's size (rows, columns), with `-t`.
    pub console_size: Option<(u16, u16)>,
    /// Descriptors the process gets as 3 and up (`--preserve-fds`).
    pub preserved: &'a [std::os::fd::OwnedFd],
    /// Lines for the container's /etc/passwd and /etc/group.
    pub accounts: rootfs::AccountEntries<'a>,
    /// `--ipc container:X`: X's process, whose IPC namespace the container joins.
    pub join_ipc: Option<&'a ProcessHandle>,
    /// `--network container:X` (X's process) or `ns:PATH` (the open file): the network
    /// namespace the container joins.
    pub join_net: Option<std::os::fd::BorrowedFd<'a>>,
    /// Called once the process exists in its namespaces with its IDs mapped, before it
    /// builds its root: what needs only the namespaces (the network helper) overlaps the build.
    pub on_cloned: Option<&'a dyn Fn(Pid)>,
    /// Called after the mapping and before the process goes on: puts it in its cgroup. The
    /// process makes its cgroup namespace only after this, so that namespace's root (and the
    /// cgroup2 it mounts at /sys/fs/cgroup) is the container's own cgroup. False aborts.
    pub place: Option<&'a dyn Fn(Pid) -> bool>,
}

/// Whether the spec asks for a terminal (`-t`).
fn wants_terminal(spec: &Spec) -> bool {
    spec.process()
        .as_ref()
        .and_then(|p| p.terminal())
        .unwrap_or(false)
}

/// Builds the container up to its exec: returns once the process waits for `proceed`.
///
/// Must be called with no other thread running: clone copies only the calling thread. The
/// signals burrow forwards (and SIGCHLD) stay blocked after a success, for a signalfd to read.
pub fn start(launch: &Launch) -> Result<Starting, RuntimeError> {
    let (parent, child) = Channel::pair().map_err(|e| RuntimeError::Setup {
        what: "create the launch channel".into(),
        source: e,
    })?;
    // Signals to forward are blocked before the container exists, so none that arrives
    // while it starts can kill burrow and orphan it.
    let mut caller_mask = SigSet::empty();
    sigprocmask(
        SigmaskHow::SIG_BLOCK,
        Some(&forwarded()),
        Some(&mut caller_mask),
    )
    .map_err(|e| RuntimeError::Setup {
        what: "block signals".into(),
        source: e.into(),
    })?;
    let started = start_blocked(launch, parent, child);
    if started.is_err() {
        let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&caller_mask), None);
    }
    started
}

fn start_blocked(
    launch: &Launch,
    mut parent: Channel,
    child: Channel,
) -> Result<Starting, RuntimeError> {
    let spec = launch.spec;
    let mut flags = namespace_flags(spec);
    if launch.shared_userns {
        flags.remove(CloneFlags::CLONE_NEWUSER);
    }
    // Made by the child once it is in its cgroup (see `Launch::place`).
    flags.remove(CloneFlags::CLONE_NEWCGROUP);
    // The terminal's master comes over a socket of its own (crun's console socket): on the
    // launch channel a buffered read could swallow the message that carries it.
    let console = if wants_terminal(spec) {
        Some(UnixStream::pair().map_err(|e| RuntimeError::Setup {
            what: "create the console socket".into(),
            source: e,
        })?)
    } else {
        None
    };
    let mut stack = vec![0u8; 1 << 20];
    let mut child = Some(child);
    let child_console = console.as_ref().map(|(_, theirs)| theirs);
    let callback = Box::new(move || match child.take() {
        Some(channel) => child_main(launch, channel, child_console),
        None => 125,
    });
    // SAFETY: the caller guarantees a single-threaded process, so the child's copy of memory
    // holds no lock another thread owned; the child only runs `child_main`, which ends in exec
    // or exit, and the stack outlives the call because the child gets its own copy of it.
    let pid =
        unsafe { nix::sched::clone(callback, &mut stack, flags, Some(Signal::SIGCHLD as i32)) }
            .map_err(RuntimeError::Clone)?;
    if flags.contains(CloneFlags::CLONE_NEWUSER)
        && let Err(e) =
            crate::userns::write_mappings(pid, &with_spec_mappings(launch.identity, spec))
    {
        kill_and_reap(pid);
        return Err(e.into());
    }
    if let Some(place) = launch.place
        && !place(pid)
    {
        kill_and_reap(pid);
        return Err(RuntimeError::Invalid(
            "the container's cgroup could not be made".into(),
        ));
    }
    let _ = parent.send(&Message::MappingWritten);
    if let Some(on_cloned) = launch.on_cloned {
        on_cloned(pid);
    }
    match parent.receive() {
        Ok(Some(Message::Ready)) => {
            let console = match console {
                Some((ours, theirs)) => {
                    drop(theirs);
                    match console::receive_fd(std::os::fd::AsFd::as_fd(&ours)) {
                        Ok(master) => Some(master),
                        Err(e) => {
                            kill_and_reap(pid);
                            return Err(console_err(e));
                        }
                    }
                }
                None => None,
            };
            Ok(Starting {
                pid,
                channel: Some(parent),
                console,
            })
        }
        other => Err(launch_failure(pid, other, "container")),
    }
}

/// Marks every descriptor from `first` up close-on-exec, so none of them reaches the program
/// exec'd next, whatever the caller left open (CVE-2024-21626). Async-signal-safe.
pub fn close_inherited(first: u32) -> std::io::Result<()> {
    // SAFETY: with CLOSE_RANGE_CLOEXEC, close_range only sets close-on-exec on the range and
    // closes nothing, so no descriptor owned by Rust code is invalidated.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            first,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Signals burrow passes on to the container, as podman's --sig-proxy does by default, and
/// SIGCHLD, which tells that it ended.
pub fn forwarded() -> SigSet {
    let mut set = SigSet::empty();
    for signal in [
        Signal::SIGHUP,
        Signal::SIGINT,
        Signal::SIGQUIT,
        Signal::SIGTERM,
        Signal::SIGUSR1,
        Signal::SIGUSR2,
        Signal::SIGWINCH,
        Signal::SIGCHLD,
    ] {
        set.add(signal);
    }
    set
}

fn wait_err(e: nix::Error) -> RuntimeError {
    RuntimeError::Setup {
        what: "wait for the container".into(),
        source: e.into(),
    }
}

/// The container's exit status if it has ended (the zombie is collected).
pub fn reap(pid: Pid) -> Result<Option<u8>, RuntimeError> {
    use nix::sys::wait::WaitPidFlag;
    loop {
        return match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
            Ok(status @ (WaitStatus::Exited(..) | WaitStatus::Signaled(..))) => {
                Ok(Some(exit_code(status)))
            }
            Ok(_) => Ok(None),
            Err(nix::Error::EINTR) => continue,
            Err(e) => Err(wait_err(e)),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_podman() {
        assert_eq!(exit_code(WaitStatus::Exited(Pid::from_raw(1), 3)), 3);
        assert_eq!(
            exit_code(WaitStatus::Signaled(
                Pid::from_raw(1),
                Signal::SIGKILL,
                false
            )),
            137
        );
    }

    #[test]
    fn only_namespaces_without_a_path_are_created() {
        let spec = Spec::rootless(1000, 1000);
        let flags = namespace_flags(&spec);
        assert!(flags.contains(
            CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNS | CloneFlags::CLONE_NEWPID
        ));
    }
}
