//! `--init`: a minimal init as the container's PID 1, built in rather than bind-mounted (an
//! image need not have a libc burrow could run with). The container's process forks just before
//! exec; the parent stays behind as PID 1, forwards every signal it gets to the command, reaps
//! every orphan the PID namespace hands it, and exits with the command's status.
//!
//! PID 1 is a fork of the container's process, not a new program: burrow's binary cannot run
//! inside an image without its libc. It runs from the unwritable view of the binary that the
//! monitor runs from (see `sealed`), and it stays dumpable like any process of the container, so
//! `exec` (which needs ptrace-read access to join its namespaces) can reach it. Its command line
//! and environment areas, the caller's environment among them, are overwritten so that
//! /proc/1/cmdline reads `burrow-init` and /proc/1/environ is empty; what remains of burrow's
//! memory is the container's own spec and the store's paths.

use std::io::{Seek, SeekFrom, Write};

use nix::sys::signal::{SigSet, SigmaskHow, Signal, kill, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork};

use super::RuntimeError;

const NAME: &[u8] = b"burrow-init";

/// Signals the init takes over: all but the ones that cannot be caught and those the kernel
/// raises for faults of the init itself.
fn handled() -> SigSet {
    let mut set = SigSet::all();
    for s in [
        Signal::SIGKILL,
        Signal::SIGSTOP,
        Signal::SIGSEGV,
        Signal::SIGBUS,
        Signal::SIGILL,
        Signal::SIGFPE,
        Signal::SIGABRT,
        Signal::SIGTRAP,
        Signal::SIGSYS,
    ] {
        set.remove(s);
    }
    set
}

/// Forks the command off: returns in the child, which goes on to exec; the parent never returns.
pub fn fork_init() -> Result<(), RuntimeError> {
    let setup = |what: &str| {
        let what = what.to_string();
        move |e: nix::Error| RuntimeError::Setup {
            what,
            source: e.into(),
        }
    };
    // Before the fork, so the command can never see PID 1's memory as it was; the command
    // execs right away, which gives it its own name, memory and dumpable flag.
    hide_memory();
    let mut previous = SigSet::empty();
    // Blocked before the fork, so no signal (SIGCHLD above all) slips by between fork and
    // signalfd; blocked signals are queued even for a PID 1 without handlers.
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&handled()), Some(&mut previous))
        .map_err(setup("block signals in the init"))?;
    // SAFETY: the container's process is single-threaded (cloned from burrow's only thread), so
    // the child's copy of memory holds no lock of another thread.
    match unsafe { fork() }.map_err(setup("fork the init"))? {
        ForkResult::Child => {
            // The command gets a process group of its own and, with a terminal, the foreground:
            // ^C then reaches the command once, not also the init (which would forward it again).
            // SIGTTOU is still blocked, so taking the foreground cannot stop us.
            let me = nix::unistd::getpid();
            let _ = nix::unistd::setpgid(me, me);
            let stdin = std::io::stdin();
            if nix::unistd::isatty(&stdin).unwrap_or(false) {
                let _ = nix::unistd::tcsetpgrp(&stdin, me);
            }
            sigprocmask(SigmaskHow::SIG_SETMASK, Some(&previous), None)
                .map_err(setup("restore the signal mask"))?;
            Ok(())
        }
        ForkResult::Parent { child } => {
            let code = supervise(child);
            // SAFETY: _exit ends PID 1 (and so the namespace) without running burrow's
            // destructors, which belong to the burrow process this was cloned from.
            unsafe { libc::_exit(code) }
        }
    }
}

/// PID 1's loop; returns its exit status.
fn supervise(child: Pid) -> i32 {
    // The launch channel and whatever else was inherited stay open in the command; PID 1 holding
    // them would keep burrow from seeing the command's exec (the channel reaching end-of-file).
    close_inherited_fds();
    let Ok(signals) = SignalFd::with_flags(&handled(), SfdFlags::SFD_CLOEXEC) else {
        return 125;
    };
    loop {
        // Reap everything that ended; the command's end is the init's.
        loop {
            match waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(pid, code)) if pid == child => return code,
                Ok(WaitStatus::Signaled(pid, signal, _)) if pid == child => {
                    return 128 + signal as i32;
                }
                Ok(WaitStatus::StillAlive) | Err(nix::Error::ECHILD) => break,
                Ok(_) | Err(nix::Error::EINTR) => continue,
                Err(_) => return 125,
            }
        }
        match signals.read_signal() {
            Ok(Some(info)) => {
                if let Ok(signal) = Signal::try_from(info.ssi_signo as i32)
                    && signal != Signal::SIGCHLD
                {
                    let _ = kill(child, signal);
                }
            }
            Ok(None) | Err(nix::Error::EINTR) => {}
            Err(_) => return 125,
        }
    }
}

fn close_inherited_fds() {
    let fds: Vec<i32> = std::fs::read_dir("/proc/self/fd")
        .map(|dir| {
            dir.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .filter(|fd| *fd > 2)
                .collect()
        })
        .unwrap_or_default();
    for fd in fds {
        // The directory's own fd is among them and already closed; EBADF is fine.
        let _ = nix::unistd::close(fd);
    }
}

/// Overwrites PID 1's argument and environment areas. The change of user before may have made
/// it non-dumpable, which keeps its owner (and `exec`) out of /proc/self/mem and its namespaces.
fn hide_memory() {
    let _ = nix::sys::prctl::set_name(c"burrow-init");
    let _ = nix::sys::prctl::set_dumpable(true);
    overwrite_arguments();
}

fn overwrite_arguments() {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return;
    };
    let Some(areas) = super::procfs::parse_stat(&stat)
        .ok()
        .and_then(|stat| stat.args_and_env)
    else {
        return;
    };
    let Ok(mut mem) = std::fs::OpenOptions::new()
        .write(true)
        .open("/proc/self/mem")
    else {
        return;
    };
    for (start, end, text) in [(areas[0], areas[1], NAME), (areas[2], areas[3], &b""[..])] {
        let len = end.saturating_sub(start) as usize;
        let mut bytes = vec![0u8; len];
        let n = text.len().min(len.saturating_sub(1));
        bytes[..n].copy_from_slice(&text[..n]);
        if mem.seek(SeekFrom::Start(start)).is_ok() {
            let _ = mem.write_all(&bytes);
        }
    }
}
