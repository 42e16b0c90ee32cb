//! The last steps in the container before exec: hostname, limits, privileges, identity,
//! working directory and the program itself.

use std::ffi::CString;
use std::path::{Path, PathBuf};

use caps::{CapSet, CapsHashSet};
use oci_spec::runtime::{Process, Spec};

use super::RuntimeError;

/// podman's exit codes for a program that cannot be run.
pub const EXIT_CANNOT_EXECUTE: u8 = 126;
pub const EXIT_NOT_FOUND: u8 = 127;

/// oci-spec names capabilities without the prefix (`CHOWN`); the caps crate with it.
fn to_caps(list: Option<&oci_spec::runtime::Capabilities>) -> CapsHashSet {
    list.map(|set| {
        set.iter()
            .filter_map(|c| format!("CAP_{c}").parse().ok())
            .collect()
    })
    .unwrap_or_default()
}

fn caps_err(what: &'static str) -> impl FnOnce(caps::errors::CapsError) -> RuntimeError {
    move |e| RuntimeError::Setup {
        what: what.to_string(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// Cuts the bounding set to the spec's. Done before the change of user, as runc does: that
/// change empties the effective set, and dropping from the bounding set needs CAP_SETPCAP
/// in it.
fn limit_bounding_set(process: &Process) {
    let Some(c) = process.capabilities() else {
        return;
    };
    let bounding = to_caps(c.bounding().as_ref());
    for cap in caps::all() {
        if !bounding.contains(&cap) {
            // Capabilities the kernel does not know cannot be dropped; that is fine.
            let _ = caps::drop(None, CapSet::Bounding, cap);
        }
    }
}

/// Sets the other four capability sets the spec asks for, after the change of user.
fn apply_capabilities(process: &Process) -> Result<(), RuntimeError> {
    let Some(c) = process.capabilities() else {
        return Ok(());
    };
    // The kernel wants effective within permitted at every step, so shrink effective first.
    caps::set(None, CapSet::Effective, &to_caps(c.effective().as_ref()))
        .map_err(caps_err("set effective capabilities"))?;
    caps::set(None, CapSet::Permitted, &to_caps(c.permitted().as_ref()))
        .map_err(caps_err("set permitted capabilities"))?;
    caps::set(
        None,
        CapSet::Inheritable,
        &to_caps(c.inheritable().as_ref()),
    )
    .map_err(caps_err("set inheritable capabilities"))?;
    caps::set(None, CapSet::Ambient, &to_caps(c.ambient().as_ref()))
        .map_err(caps_err("set ambient capabilities"))
}

fn apply_rlimits(process: &Process) -> Result<(), RuntimeError> {
    for limit in process.rlimits().as_deref().unwrap_or_default() {
        nix::sys::resource::setrlimit(rlimit_resource(limit.typ()), limit.soft(), limit.hard())
            .map_err(|e| RuntimeError::Setup {
                what: format!(
                    "set limit {:?} to {}:{}",
                    limit.typ(),
                    limit.soft(),
                    limit.hard()
                ),
                source: e.into(),
            })?;
    }
    Ok(())
}

/// The kernel's resource for an OCI rlimit type, by name: the numbers differ between
/// architectures (RLIMIT_NOFILE is 7 on x86 and arm, 5 on mips), so the enum's order is no guide.
fn rlimit_resource(typ: oci_spec::runtime::PosixRlimitType) -> nix::sys::resource::Resource {
    use nix::sys::resource::Resource;
    use oci_spec::runtime::PosixRlimitType as T;
    match typ {
        T::RlimitCpu => Resource::RLIMIT_CPU,
        T::RlimitFsize => Resource::RLIMIT_FSIZE,
        T::RlimitData => Resource::RLIMIT_DATA,
        T::RlimitStack => Resource::RLIMIT_STACK,
        T::RlimitCore => Resource::RLIMIT_CORE,
        T::RlimitRss => Resource::RLIMIT_RSS,
        T::RlimitNproc => Resource::RLIMIT_NPROC,
        T::RlimitNofile => Resource::RLIMIT_NOFILE,
        T::RlimitMemlock => Resource::RLIMIT_MEMLOCK,
        T::RlimitAs => Resource::RLIMIT_AS,
        T::RlimitLocks => Resource::RLIMIT_LOCKS,
        T::RlimitSigpending => Resource::RLIMIT_SIGPENDING,
        T::RlimitMsgqueue => Resource::RLIMIT_MSGQUEUE,
        T::RlimitNice => Resource::RLIMIT_NICE,
        T::RlimitRtprio => Resource::RLIMIT_RTPRIO,
        T::RlimitRttime => Resource::RLIMIT_RTTIME,
    }
}

fn set_identity(process: &Process) -> Result<(), RuntimeError> {
    let user = process.user();
    let sys = |what: &'static str| {
        move |e: nix::Error| RuntimeError::Setup {
            what: what.into(),
            source: e.into(),
        }
    };
    let groups: Vec<nix::unistd::Gid> = user
        .additional_gids()
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|g| nix::unistd::Gid::from_raw(*g))
        .collect();
    // setgroups is denied in a single-ID user namespace; there is nothing to set there anyway.
    match nix::unistd::setgroups(&groups) {
        Ok(()) | Err(nix::Error::EPERM) if groups.is_empty() => {}
        Ok(()) => {}
        Err(e) => return Err(sys("set supplementary groups")(e)),
    }
    let gid = nix::unistd::Gid::from_raw(user.gid());
    nix::unistd::setresgid(gid, gid, gid).map_err(sys("set the group ID"))?;
    // Keep capabilities across the uid change; the sets are applied right after.
    caps::securebits::set_keepcaps(true).map_err(caps_err("keep capabilities"))?;
    let uid = nix::unistd::Uid::from_raw(user.uid());
    nix::unistd::setresuid(uid, uid, uid).map_err(sys("set the user ID"))
}

/// Rust's runtime ignores SIGPIPE in burrow, and an ignored signal stays ignored across exec:
/// without this, `yes | head -1` in the container would see EPIPE instead of dying quietly.
fn restore_sigpipe() -> Result<(), RuntimeError> {
    use nix::sys::signal::{SigHandler, Signal, signal};
    // SAFETY: SIG_DFL installs no handler code, so no signal-safety rules are involved.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }
        .map(drop)
        .map_err(|e| RuntimeError::Setup {
            what: "restore the default action of SIGPIPE".into(),
            source: e.into(),
        })
}

/// Finds the program as execvp would, on the container's PATH.
fn find_program(name: &str, env: &[String]) -> Option<PathBuf> {
    if name.contains('/') {
        return Some(PathBuf::from(name));
    }
    let path = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    path.split(':')
        .map(|dir| Path::new(if dir.is_empty() { "." } else { dir }).join(name))
        .find(|candidate| std::fs::metadata(candidate).is_ok_and(|m| m.is_file()))
}

fn cstrings(items: &[String]) -> Result<Vec<CString>, RuntimeError> {
    items
        .iter()
        .map(|s| {
            CString::new(s.as_bytes())
                .map_err(|_| RuntimeError::Invalid(format!("\"{s}\" contains a NUL byte")))
        })
        .collect()
}

/// Installs the filters in order (a stack: the kernel runs them all, see
/// `seccomp::compile_abis`).
fn apply_seccomp(stack: &[seccompiler::BpfProgram]) -> Result<(), RuntimeError> {
    stack.iter().try_for_each(apply_one_filter)
}

/// Installs a filter with seccomp(2) itself: seccompiler's `apply_filter` always sets
/// no_new_privs, which podman leaves off by default so setuid programs keep working.
fn apply_one_filter(filter: &seccompiler::BpfProgram) -> Result<(), RuntimeError> {
    // The kernel's struct sock_fprog.
    #[repr(C)]
    struct SockFprog {
        len: u16,
        filter: *const seccompiler::sock_filter,
    }
    let setup_err = |source| RuntimeError::Setup {
        what: "install the seccomp filter".into(),
        source,
    };
    let len = u16::try_from(filter.len())
        .map_err(|_| setup_err(std::io::Error::other("the filter is too long")))?;
    let program = SockFprog {
        len,
        filter: filter.as_ptr(),
    };
    // SAFETY: `program` points at `filter`, which outlives the call; the kernel copies the
    // instructions and keeps no pointer to them.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            0,
            &program as *const SockFprog,
        )
    };
    if rc != 0 {
        return Err(setup_err(std::io::Error::last_os_error()));
    }
    Ok(())
}

/// A session keyring of its own: the caller's (and every key in it) stays out of the container,
/// as crun and runc do on start and exec.
fn join_new_session_keyring() -> Result<(), RuntimeError> {
    // SAFETY: KEYCTL_JOIN_SESSION_KEYRING with a null name only creates and joins an anonymous
    // keyring; the kernel reads no memory of ours.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_keyctl,
            libc::KEYCTL_JOIN_SESSION_KEYRING,
            std::ptr::null::<libc::c_char>(),
        )
    };
    if rc >= 0 {
        return Ok(());
    }
    let source = std::io::Error::last_os_error();
    match source.raw_os_error() {
        // A kernel without keys has no keyring to leak.
        Some(libc::ENOSYS) => Ok(()),
        Some(libc::EDQUOT) => Err(RuntimeError::Setup {
            what: "give the container a session keyring of its own: the user's key quota is \
                   used up; raise kernel.keys.maxkeys and kernel.keys.maxbytes with sysctl"
                .into(),
            source,
        }),
        _ => Err(RuntimeError::Setup {
            what: "give the container a session keyring of its own".into(),
            source,
        }),
    }
}

/// Enters the working directory and checks it is inside the container's root: a directory
/// reached through a descriptor the caller leaked (`-w /proc/self/fd/7`) would leave the
/// process outside it, and the kernel then reports the path as unreachable (CVE-2024-21626).
fn enter_working_directory(cwd: &Path, container_id: &str) -> Result<(), RuntimeError> {
    nix::unistd::chdir(cwd).map_err(|e| {
        // podman's texts for `run -w`; its exec passes runc's instead.
        let (id, path) = (container_id, cwd.display());
        match e {
            nix::Error::ENOENT => RuntimeError::Exec {
                code: EXIT_CANNOT_EXECUTE,
                message: format!("workdir \"{path}\" does not exist on container {id}"),
            },
            nix::Error::ENOTDIR => RuntimeError::Exec {
                code: EXIT_CANNOT_EXECUTE,
                message: format!(
                    "workdir \"{path}\" exists on container {id}, but is not a directory"
                ),
            },
            e => RuntimeError::Setup {
                what: format!("enter the working directory {path}"),
                source: e.into(),
            },
        }
    })?;
    let mut buf = [0u8; libc::PATH_MAX as usize];
    // SAFETY: getcwd writes at most `buf.len()` bytes into `buf`. The raw system call is used
    // because it returns "(unreachable)/..." for a directory outside the root, where libc's
    // wrapper only says ENOENT for it too.
    let len = unsafe { libc::syscall(libc::SYS_getcwd, buf.as_mut_ptr(), buf.len()) };
    let inside = len > 0 && buf[0] == b'/';
    if !inside {
        return Err(RuntimeError::Exec {
            code: EXIT_CANNOT_EXECUTE,
            message: format!(
                "the working directory {} is outside the container's root filesystem; use a path inside the container",
                cwd.display()
            ),
        });
    }
    Ok(())
}

/// The container's first process: its hostname, then `apply_and_exec`. Returns only on failure.
pub fn exec(
    spec: &Spec,
    seccomp: Option<&[seccompiler::BpfProgram]>,
    init: bool,
    container_id: &str,
) -> Result<std::convert::Infallible, RuntimeError> {
    let process = spec
        .process()
        .as_ref()
        .ok_or_else(|| RuntimeError::Invalid("the spec has no process".into()))?;
    if let Some(hostname) = spec.hostname() {
        nix::unistd::sethostname(hostname).map_err(|e| RuntimeError::Setup {
            what: format!("set the hostname {hostname}"),
            source: e.into(),
        })?;
    }
    apply_and_exec(process, seccomp, init, container_id)
}

/// Everything a process of the container gets, from limits to exec, with `init` forked off
/// just before; shared by the container's first process and `exec`. Returns only on failure.
///
/// The seccomp filter goes on as runc orders it: without no_new_privs the kernel only accepts
/// a filter while CAP_SYS_ADMIN is held, so it is installed before the identity and capability
/// changes (which the default profile allows); with no_new_privs, last, just before exec.
pub fn apply_and_exec(
    process: &Process,
    seccomp: Option<&[seccompiler::BpfProgram]>,
    init: bool,
    container_id: &str,
) -> Result<std::convert::Infallible, RuntimeError> {
    restore_sigpipe()?;
    join_new_session_keyring()?;
    apply_rlimits(process)?;
    let no_new_privs = process.no_new_privileges().unwrap_or(false);
    if let (Some(filter), false) = (seccomp, no_new_privs) {
        apply_seccomp(filter)?;
    }
    limit_bounding_set(process);
    set_identity(process)?;
    apply_capabilities(process)?;
    if no_new_privs {
        nix::sys::prctl::set_no_new_privs().map_err(|e| RuntimeError::Setup {
            what: "set no_new_privs".into(),
            source: e.into(),
        })?;
        if let Some(filter) = seccomp {
            apply_seccomp(filter)?;
        }
    }
    enter_working_directory(process.cwd(), container_id)?;
    if init {
        // Returns in the command's process; the init stays behind as PID 1.
        super::init::fork_init()?;
    }
    let args = process.args().clone().unwrap_or_default();
    let env = process.env().clone().unwrap_or_default();
    let Some(name) = args.first() else {
        return Err(RuntimeError::Invalid("no command to run".into()));
    };
    let Some(program) = find_program(name, &env) else {
        return Err(RuntimeError::Exec {
            code: EXIT_NOT_FOUND,
            message: format!(
                "executable file `{name}` not found in $PATH: No such file or directory"
            ),
        });
    };
    let c_program = CString::new(program.as_os_str().as_encoded_bytes())
        .map_err(|_| RuntimeError::Invalid(format!("\"{name}\" contains a NUL byte")))?;
    let errno = nix::unistd::execve(&c_program, &cstrings(&args)?, &cstrings(&env)?).unwrap_err();
    let code = if errno == nix::Error::ENOENT {
        EXIT_NOT_FOUND
    } else {
        EXIT_CANNOT_EXECUTE
    };
    let message = if errno == nix::Error::EACCES {
        // A directory, or a file without the execute bit: podman's (runc's) words.
        format!(
            "exec: \"{}\": permission denied: OCI permission denied",
            program.display()
        )
    } else {
        format!("{}: {}", program.display(), std::io::Error::from(errno))
    };
    Err(RuntimeError::Exec { code, message })
}

#[cfg(test)]
mod tests {
    use super::*;
    use caps::Capability;

    #[test]
    fn programs_are_found_on_the_container_path() {
        let env = vec!["PATH=/nonexistent:/bin".to_string()];
        assert_eq!(find_program("sh", &env), Some(PathBuf::from("/bin/sh")));
        assert_eq!(find_program("./x", &env), Some(PathBuf::from("./x")));
        assert_eq!(find_program("no-such-program-anywhere", &env), None);
    }

    #[test]
    fn oci_capability_names_map_to_the_caps_crate() {
        use oci_spec::runtime::Capability as Oci;
        let set: oci_spec::runtime::Capabilities = [Oci::Chown, Oci::Kill].into_iter().collect();
        let parsed = to_caps(Some(&set));
        assert!(parsed.contains(&Capability::CAP_CHOWN) && parsed.contains(&Capability::CAP_KILL));
        assert_eq!(parsed.len(), 2);
    }
}
