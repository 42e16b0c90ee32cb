//! `exec`: a new process in a running container, as podman's exec runs one. The container's
//! state is only read: an exec session leaves no record.

use std::path::Path;

use oci_spec::runtime::Process;

use super::{ContainerError, Host, find, running_process};
use crate::runtime::{self, RuntimeError};
use crate::seccomp::FilterStack;
use crate::spec::{self, ExecOptions, SpecError};
use crate::store::{Container, Store};

#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    #[error("can only create exec sessions on running containers: container state improper")]
    NotRunning,
    #[error(
        "file descriptor {0} is not available - the preserve-fds option requires that all file descriptors must be passed"
    )]
    MissingDescriptor(u32),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error(transparent)]
    Spec(#[from] SpecError),
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
}

impl ExecError {
    /// podman's exit code: the runtime's 126 and 127 for a program that cannot run, else 125.
    pub fn exit_code(&self) -> u8 {
        match self {
            ExecError::Runtime(e) => e.exit_code(),
            ExecError::Container(e) => e.exit_code(),
            _ => 125,
        }
    }
}

/// What `exec` needs besides the container and the process options.
#[derive(Debug, Clone)]
pub struct ExecRequest<'a> {
    pub options: &'a ExecOptions,
    /// Pass burrow's standard input (`-i`).
    pub interactive: bool,
    /// Start in the background and return once the program runs (`-d`).
    pub detach: bool,
    /// Pass burrow's descriptors 3 to 3+N-1 (`--preserve-fds`).
    pub preserve_fds: u32,
    /// Keys that detach from the process's terminal and leave it running (`--detach-keys`).
    pub detach_keys: Vec<u8>,
}

/// Runs a command in the running container `key` (name, ID or ID prefix) and returns its exit
/// status, or 0 once it runs when detached.
///
/// burrow joins the container's namespaces for good on the way, so this is the last thing a
/// burrow process does; it must be single-threaded.
pub fn exec(store: &Store, host: &Host, key: &str, request: &ExecRequest) -> Result<u8, ExecError> {
    // Checked first, while every descriptor above 2 is still the caller's.
    for fd in 3..3u32.saturating_add(request.preserve_fds) {
        if !runtime::descriptor_is_open(fd as i32) {
            return Err(ExecError::MissingDescriptor(fd));
        }
    }
    // The process that joins the container must not be the installed binary, which the
    // container could reach and overwrite through /proc (see runtime::sealed).
    runtime::sealed::reexec_sealed().map_err(RuntimeError::from)?;
    let container = find(store, host, key)?;
    let target = running_process(&container.state).ok_or(ExecError::NotRunning)?;
    let handle = target.open().ok_or(ExecError::NotRunning)?;
    let (process, seccomp) = load_process(store, &container, request.options.privileged)?;
    // Every process of the container shares its cgroup (its limits count it, `stop` and `rm`
    // take it along): burrow joins it here, and its child, the exec'd program, inherits it.
    let run_dir = host.container_run_dir(&container.record.id);
    if let Some(cgroup) = crate::cgroups::ContainerCgroup::load(&run_dir) {
        if crate::cgroups::fs::is_frozen(&cgroup.dir()) {
            return Err(ExecError::NotRunning);
        }
        crate::cgroups::join(&cgroup, std::process::id()).map_err(ContainerError::from)?;
    }
    // Written while the store is still in reach: after the join, paths are the container's.
    super::event(store, "exec", &container.record);
    runtime::join_container(&handle, target.pid)?;
    // From here on, paths are the container's.
    let (passwd, group) = if needs_user_files(&process, request.options) {
        (
            runtime::read_container_file(Path::new("/etc/passwd"))?,
            runtime::read_container_file(Path::new("/etc/group"))?,
        )
    } else {
        (None, None)
    };
    let planned = spec::exec_process(
        &process,
        request.options,
        passwd.as_deref(),
        group.as_deref(),
    )?;
    let started = runtime::spawn_exec(&runtime::ExecLaunch {
        container_id: &container.record.id,
        process: &planned,
        seccomp: seccomp.as_deref(),
        stdin: request.interactive,
        detach: request.detach,
        preserve_fds: request.preserve_fds,
        detach_keys: request.detach_keys.clone(),
    })?;
    match started {
        Some(started) => Ok(started.wait()?),
        None => Ok(0),
    }
}

/// The user files are read only when they matter: to resolve `-u`, or for a HOME the
/// container's environment lacks.
fn needs_user_files(process: &Process, options: &ExecOptions) -> bool {
    options.user.is_some()
        || !process
            .env()
            .iter()
            .flatten()
            .any(|e| e.starts_with("HOME="))
}

/// The container's process as its saved spec says, and its seccomp filter (none when
/// `privileged`, or when the container has none).
fn load_process(
    store: &Store,
    container: &Container,
    privileged: bool,
) -> Result<(Process, Option<FilterStack>), ContainerError> {
    let (spec, seccomp) = super::read_saved(store, container)?;
    let process = spec
        .process()
        .clone()
        .ok_or_else(|| ContainerError::Corrupt {
            name: container.record.name.clone(),
            path: store
                .container_dir(&container.record.id)
                .join("userdata/config.json"),
            reason: "the spec has no process".into(),
        })?;
    if privileged {
        return Ok((process, None));
    }
    Ok((process, seccomp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_files_are_read_only_for_a_user_or_a_missing_home() {
        let mut process = Process::default();
        process.set_env(Some(vec!["PATH=/bin".into(), "HOME=/root".into()]));
        let plain = ExecOptions::default();
        assert!(!needs_user_files(&process, &plain));
        let with_user = ExecOptions {
            user: Some("app".into()),
            ..ExecOptions::default()
        };
        assert!(needs_user_files(&process, &with_user));
        process.set_env(Some(vec!["PATH=/bin".into()]));
        assert!(needs_user_files(&process, &plain));
    }

    #[test]
    fn exit_codes_follow_podman() {
        assert_eq!(ExecError::NotRunning.exit_code(), 125);
        let not_found = RuntimeError::Exec {
            code: 127,
            message: "not found".into(),
        };
        assert_eq!(ExecError::from(not_found).exit_code(), 127);
    }
}
