//! Detached containers without a daemon: each running container has a monitor process of its
//! own (podman's conmon) that holds its standard streams or terminal, writes its log, serves
//! `attach` clients over a socket, reaps it and has its end recorded. The monitor is burrow
//! itself, executed as `burrow-monitor`, in a session of its own; `container` drives what it
//! does to records, this module only moves bytes.

pub mod client;
pub mod proto;
pub mod serve;
pub mod socket;

pub use client::{AttachOptions, Outcome, attach, hold_signals};
pub use proto::parse_detach_keys;
pub use serve::{Session, Streams, supervise};

/// argv[0] of a monitor.
pub const MONITOR_NAME: &str = "burrow-monitor";

/// Whether this process was started as a monitor.
pub fn is_monitor_invocation() -> bool {
    std::env::args_os()
        .next()
        .is_some_and(|arg0| arg0 == MONITOR_NAME)
}

#[derive(Debug, thiserror::Error)]
pub enum MonitorError {
    #[error("cannot {what}: {source}")]
    Io {
        what: &'static str,
        source: std::io::Error,
    },
    #[error("cannot set up the terminal: {0}")]
    Terminal(String),
    #[error(transparent)]
    Runtime(#[from] crate::runtime::RuntimeError),
}

/// Gives back the memory the monitor used only to start the container, so each idle monitor
/// costs little: freed heap goes back to the kernel, and the pages of burrow's and the
/// libraries' code and read-only data are dropped from this process's page tables (they stay
/// in the page cache; the few the loop uses fault back in cheaply).
pub fn trim_memory() {
    // SAFETY: malloc_trim only returns free heap memory to the kernel.
    unsafe {
        libc::malloc_trim(0);
    }
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return;
    };
    for (start, end) in droppable_ranges(&smaps) {
        // SAFETY: the range is a private, never-written mapping of a file (no anonymous, that
        // is copied-on-write, pages in it): MADV_DONTNEED only unmaps its pages until the
        // next access reads them from the file again, so no state is lost.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
        }
    }
}

/// The mappings of a /proc/PID/smaps text that can be dropped without losing anything:
/// private, not writable, backed by a file, and without a single page copied on write (that
/// rules out relocated read-only data, which the loader wrote before protecting it).
fn droppable_ranges(smaps: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let mut fields = line.split_whitespace();
        let Some(first) = fields.next() else {
            continue;
        };
        if let Some((start, end)) = first.split_once('-')
            && let (Ok(start), Ok(end)) = (
                usize::from_str_radix(start, 16),
                usize::from_str_radix(end, 16),
            )
        {
            let perms = fields.next().unwrap_or("");
            let path = fields.nth(3).unwrap_or("");
            current = (perms.starts_with('r')
                && perms.as_bytes().get(1) == Some(&b'-')
                && perms.ends_with('p')
                && path.starts_with('/'))
            .then_some((start, end));
        } else if first == "Anonymous:"
            && let Some(range) = current.take()
            && fields.next() == Some("0")
        {
            out.push(range);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_never_written_file_mappings_are_dropped() {
        let smaps = "\
55d0a0000000-55d0a0100000 r--p 00000000 08:01 42 /usr/bin/burrow
Rss:                 100 kB
Anonymous:             0 kB
55d0a0100000-55d0a0900000 r-xp 00100000 08:01 42 /usr/bin/burrow
Anonymous:             0 kB
55d0a0900000-55d0a0a00000 r--p 00900000 08:01 42 /usr/bin/burrow
Anonymous:            64 kB
55d0a0a00000-55d0a0b00000 rw-p 00a00000 08:01 42 /usr/bin/burrow
Anonymous:             0 kB
7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0 [stack]
Anonymous:           132 kB
7ffe00000000-7ffe00002000 r-xp 00000000 00:00 0 [vdso]
Anonymous:             0 kB";
        assert_eq!(
            droppable_ranges(smaps),
            vec![
                (0x55d0a0000000, 0x55d0a0100000),
                (0x55d0a0100000, 0x55d0a0900000)
            ]
        );
    }
}
