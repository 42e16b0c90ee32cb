//! Reading a cgroup's v2 interface files (pure parsers; the reads are in `fs`).

use std::collections::BTreeMap;

/// A flat-keyed file ("key value" per line): cpu.stat, memory.stat, memory.events,
/// cgroup.events, pids.events.
pub fn parse_flat_keyed(text: &str) -> BTreeMap<String, u64> {
    text.lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(' ')?;
            Some((key.to_string(), value.trim().parse().ok()?))
        })
        .collect()
}

/// A single-value file ("max" is None): memory.max, pids.max, memory.current.
pub fn parse_single(text: &str) -> Option<u64> {
    text.trim().parse().ok()
}

/// Bytes read and written, summed over the devices of io.stat
/// ("8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0" per line).
pub fn parse_io_stat(text: &str) -> (u64, u64) {
    let mut read = 0u64;
    let mut written = 0u64;
    for line in text.lines() {
        for field in line.split_whitespace().skip(1) {
            match field.split_once('=') {
                Some(("rbytes", v)) => read = read.saturating_add(v.parse().unwrap_or(0)),
                Some(("wbytes", v)) => written = written.saturating_add(v.parse().unwrap_or(0)),
                _ => {}
            }
        }
    }
    (read, written)
}

/// The controllers of cgroup.controllers or cgroup.subtree_control.
pub fn parse_controllers(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// The unified (v2) path in /proc/PID/cgroup: the "0::" line.
pub fn unified_path(proc_cgroup: &str) -> Option<&str> {
    proc_cgroup
        .lines()
        .find_map(|line| line.strip_prefix("0::"))
        .map(str::trim)
}

/// A container's usage at one moment, from its cgroup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// cpu.stat usage_usec.
    pub cpu_usec: u64,
    /// memory.current less the page cache the kernel may drop at once (inactive_file): what
    /// docker, cAdvisor and the OOM killer count as the container's own.
    pub memory_bytes: u64,
    /// memory.max; None when unlimited.
    pub memory_limit: Option<u64>,
    pub pids: u64,
    pub block_read: u64,
    pub block_write: u64,
    /// memory.events oom_kill: processes the kernel killed for the memory limit.
    pub oom_kills: u64,
}

/// Usage from the contents of the interface files (each empty when the controller is absent).
pub fn usage_from(
    cpu_stat: &str,
    memory_current: &str,
    memory_stat: &str,
    memory_max: &str,
    pids_current: &str,
    io_stat: &str,
    memory_events: &str,
) -> Usage {
    let (block_read, block_write) = parse_io_stat(io_stat);
    Usage {
        cpu_usec: parse_flat_keyed(cpu_stat)
            .get("usage_usec")
            .copied()
            .unwrap_or(0),
        memory_bytes: parse_single(memory_current).unwrap_or(0).saturating_sub(
            parse_flat_keyed(memory_stat)
                .get("inactive_file")
                .copied()
                .unwrap_or(0),
        ),
        memory_limit: parse_single(memory_max),
        pids: parse_single(pids_current).unwrap_or(0),
        block_read,
        block_write,
        oom_kills: parse_flat_keyed(memory_events)
            .get("oom_kill")
            .copied()
            .unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interface_files_parse() {
        let cpu = "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\nnr_periods 0\n";
        assert_eq!(parse_flat_keyed(cpu)["usage_usec"], 2500);
        let events = "populated 1\nfrozen 0\n";
        assert_eq!(parse_flat_keyed(events)["frozen"], 0);
        assert_eq!(parse_single("max\n"), None);
        assert_eq!(parse_single("67108864\n"), Some(64 << 20));
        let io = "8:0 rbytes=4096 wbytes=100 rios=1 wios=1 dbytes=0 dios=0\n259:0 rbytes=4 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n";
        assert_eq!(parse_io_stat(io), (4100, 100));
        assert_eq!(
            parse_controllers("cpu memory pids\n"),
            vec!["cpu", "memory", "pids"]
        );
        assert_eq!(
            unified_path("1:name=systemd:/x\n0::/user.slice/burrow-1.scope\n"),
            Some("/user.slice/burrow-1.scope")
        );
        assert_eq!(unified_path("1:name=systemd:/x\n"), None);
    }

    #[test]
    fn usage_gathers_the_files() {
        let u = usage_from(
            "usage_usec 1000\n",
            "8192\n",
            "anon 2048\nfile 6144\ninactive_file 4096\n",
            "max\n",
            "3\n",
            "8:0 rbytes=1 wbytes=2\n",
            "low 0\nhigh 0\nmax 2\noom 1\noom_kill 1\n",
        );
        assert_eq!(
            u,
            Usage {
                cpu_usec: 1000,
                memory_bytes: 4096,
                memory_limit: None,
                pids: 3,
                block_read: 1,
                block_write: 2,
                oom_kills: 1,
            }
        );
        assert_eq!(usage_from("", "", "", "", "", "", ""), Usage::default());
    }
}
