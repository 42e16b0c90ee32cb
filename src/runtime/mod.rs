//! The built-in runtime: clone the container into its namespaces, map its IDs from outside,
//! build its root filesystem and exec its process; then wait and report how it ended.
//!
//! The parent and the child talk over a socketpair, one named message per step
//! (`channel::Message`): the child waits for `MappingWritten` before it touches anything, and
//! reports any failure as `Failed` so the parent can print a real error instead of a silent exit.

mod channel;
mod files;
mod init;
mod liveness;
mod mountopts;
mod process;
mod rootfs;

pub use files::{ContainerFacts, files_in as container_files_in, write as write_container_files};
pub use liveness::{ProcessHandle, ProcessIdentity};
pub use rootfs::{Rootfs, read_layer_file};

use nix::sched::CloneFlags;
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::Pid;
use oci_spec::runtime::{LinuxNamespaceType, Spec};

use crate::userns::Identity;
use channel::{Channel, Message};

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

/// The child's side: wait for the mapping, build the container, exec. Never returns on success.
fn child_main(launch: &Launch, caller_mask: &SigSet, mut channel: Channel) -> isize {
    let result = (|| -> Result<std::convert::Infallible, RuntimeError> {
        // The parent blocked the signals it forwards; the container starts with the caller's
        // mask, since exec keeps whatever mask is in force.
        sigprocmask(SigmaskHow::SIG_SETMASK, Some(caller_mask), None).map_err(|e| {
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
        rootfs::prepare(launch.spec, launch.rootfs)?;
        process::exec(launch.spec, launch.seccomp, launch.init)
    })();
    let error = result.unwrap_err();
    let _ = channel.send(&Message::Failed {
        message: error.to_string(),
        code: error.exit_code(),
    });
    error.exit_code() as isize
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

/// A started container: its pid (in burrow's namespace) and the channel to hear failures.
pub struct Started {
    pub pid: Pid,
    channel: Channel,
}

/// What to launch: the spec, its root filesystem, and what the spec cannot say.
pub struct Launch<'a> {
    pub spec: &'a Spec,
    pub rootfs: &'a Rootfs,
    pub identity: &'a Identity,
    /// The compiled filter to install (None: unconfined).
    pub seccomp: Option<&'a seccompiler::BpfProgram>,
    /// Keep a built-in init as PID 1 (`--init`).
    pub init: bool,
}

/// Starts the container, returning once its process has exec'd.
///
/// Must be called with no other thread running: clone copies only the calling thread.
pub fn start(launch: &Launch) -> Result<Started, RuntimeError> {
    let (parent, child) = Channel::pair().map_err(|e| RuntimeError::Setup {
        what: "create the launch channel".into(),
        source: e,
    })?;
    // Signals to forward are blocked before the container exists, so none that arrives
    // while it starts can kill burrow and orphan it; `Started::wait` reads them later.
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
    let started = start_blocked(launch, &caller_mask, parent, child);
    if started.is_err() {
        let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&caller_mask), None);
    }
    started
}

fn start_blocked(
    launch: &Launch,
    caller_mask: &SigSet,
    mut parent: Channel,
    child: Channel,
) -> Result<Started, RuntimeError> {
    let spec = launch.spec;
    let flags = namespace_flags(spec);
    let mut stack = vec![0u8; 1 << 20];
    let mut child = Some(child);
    let callback = Box::new(move || match child.take() {
        Some(channel) => child_main(launch, caller_mask, channel),
        None => 125,
    });
    // SAFETY: the caller guarantees a single-threaded process, so the child's copy of memory
    // holds no lock another thread owned; the child only runs `child_main`, which ends in exec
    // or exit, and the stack outlives the call because the child gets its own copy of it.
    let pid =
        unsafe { nix::sched::clone(callback, &mut stack, flags, Some(Signal::SIGCHLD as i32)) }
            .map_err(RuntimeError::Clone)?;
    let mapped = if flags.contains(CloneFlags::CLONE_NEWUSER) {
        crate::userns::write_mappings(pid, &with_spec_mappings(launch.identity, spec))
    } else {
        Ok(())
    };
    if let Err(e) = mapped {
        let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
        let _ = waitpid(pid, None);
        return Err(e.into());
    }
    let _ = parent.send(&Message::MappingWritten);
    match parent.receive() {
        // End-of-file: the child's end closed on exec.
        Ok(None) => Ok(Started {
            pid,
            channel: parent,
        }),
        Ok(Some(Message::Failed { message, code })) => {
            let _ = waitpid(pid, None);
            Err(if code == 125 {
                RuntimeError::Child(message)
            } else {
                RuntimeError::Exec { code, message }
            })
        }
        other => {
            let _ = waitpid(pid, None);
            Err(RuntimeError::Invalid(format!(
                "unexpected message from the container: {other:?}"
            )))
        }
    }
}

/// Signals burrow passes on to the container, as podman's --sig-proxy does by default, and
/// SIGCHLD, which tells that it ended.
fn forwarded() -> SigSet {
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

impl Started {
    /// Waits for the container's process to end, forwarding the signals burrow receives to it,
    /// and returns burrow's exit status for it.
    pub fn wait(self) -> Result<u8, RuntimeError> {
        use nix::sys::signal::kill;
        use nix::sys::signalfd::{SfdFlags, SignalFd};
        use nix::sys::wait::WaitPidFlag;
        drop(self.channel);
        // `start` blocked these signals; a signalfd reads them instead of handlers.
        let signals =
            SignalFd::with_flags(&forwarded(), SfdFlags::SFD_CLOEXEC).map_err(wait_err)?;
        loop {
            // Look before sleeping: a SIGCHLD read earlier may stand for this exit already.
            match waitpid(self.pid, Some(WaitPidFlag::WNOHANG)) {
                Ok(status @ (WaitStatus::Exited(..) | WaitStatus::Signaled(..))) => {
                    return Ok(exit_code(status));
                }
                Ok(_) | Err(nix::Error::EINTR) => {}
                Err(e) => return Err(wait_err(e)),
            }
            match signals.read_signal() {
                Ok(Some(info)) => {
                    if let Ok(signal) = Signal::try_from(info.ssi_signo as i32)
                        && signal != Signal::SIGCHLD
                    {
                        // The container may be gone already; its exit is collected above.
                        let _ = kill(self.pid, signal);
                    }
                }
                Ok(None) | Err(nix::Error::EINTR) => {}
                Err(e) => return Err(wait_err(e)),
            }
        }
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
