//! `stats`: a container's resource use at one moment, as podman's `ContainerStats` holds it.
//!
//! The numbers come from the container's own cgroup (cpu.stat, memory.current less the
//! droppable page cache, pids.current, io.stat) and from its network namespace
//! (/proc/PID/net/dev). A container without a cgroup (a cgroup v1 or hybrid host, or
//! `--cgroups disabled`) is measured from /proc instead, summed over its processes, where
//! podman gives up: CPU time and block I/O of processes that already ended are not counted
//! there, and resident memory counts shared pages once per process.

use chrono::Utc;

use crate::runtime::procfs;
use crate::store::{Container, Status};

/// One measurement of one container.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sample {
    pub id: String,
    pub name: String,
    /// It runs (a paused one counts); one that does not shows zeros, as in podman.
    pub running: bool,
    /// CPU time used since it started.
    pub cpu_nanos: u64,
    /// When this was measured and when the container started, in unix nanoseconds.
    pub taken_nanos: u64,
    pub started_nanos: u64,
    pub memory_usage: u64,
    /// memory.max, or the host's memory when lower or unlimited; 0 when not running.
    pub memory_limit: u64,
    pub pids: u64,
    pub block_read: u64,
    pub block_written: u64,
    pub net_received: u64,
    pub net_sent: u64,
}

impl Sample {
    /// CPU use in percent of one CPU since `previous` of the same run, else since the start
    /// (which makes the first of a series the average, as podman's is).
    pub fn cpu_percent(&self, previous: Option<&Sample>) -> f64 {
        match previous.filter(|p| p.running && p.cpu_nanos <= self.cpu_nanos) {
            Some(p) => percent(
                self.cpu_nanos - p.cpu_nanos,
                self.taken_nanos.saturating_sub(p.taken_nanos),
            ),
            None => self.average_cpu_percent(),
        }
    }

    /// CPU use in percent of one CPU since the start.
    pub fn average_cpu_percent(&self) -> f64 {
        percent(
            self.cpu_nanos,
            self.taken_nanos.saturating_sub(self.started_nanos),
        )
    }

    pub fn memory_percent(&self) -> f64 {
        if self.memory_limit == 0 {
            return 0.0;
        }
        self.memory_usage as f64 / self.memory_limit as f64 * 100.0
    }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 || part == 0 {
        return 0.0;
    }
    part as f64 / whole as f64 * 100.0
}

/// The host's memory, the limit of a container without one.
fn host_memory() -> u64 {
    nix::sys::sysinfo::sysinfo().map_or(0, |i| i.ram_total())
}

fn unix_nanos(t: chrono::DateTime<Utc>) -> u64 {
    t.timestamp_nanos_opt().unwrap_or(0).max(0) as u64
}

/// Measures `container` now.
pub fn sample(container: &Container) -> Sample {
    let mut out = Sample {
        id: container.record.id.clone(),
        name: container.record.name.clone(),
        taken_nanos: unix_nanos(Utc::now()),
        ..Sample::default()
    };
    let process = super::running_process(&container.state).filter(|p| p.alive());
    let Some(process) = process.filter(|_| container.state.status == Status::Running) else {
        return out;
    };
    out.running = true;
    out.started_nanos = container.state.started_at.map_or(0, unix_nanos);
    let host_memory = host_memory();
    match crate::cgroups::of_process(process.pid, &container.record.id) {
        Some(cgroup) => {
            let usage = crate::cgroups::fs::usage(&cgroup.dir());
            out.cpu_nanos = usage.cpu_usec.saturating_mul(1000);
            out.memory_usage = usage.memory_bytes;
            out.memory_limit = usage
                .memory_limit
                .map_or(host_memory, |l| l.min(host_memory));
            out.pids = usage.pids;
            out.block_read = usage.block_read;
            out.block_written = usage.block_write;
        }
        None => {
            from_processes(&mut out, process.pid, &container.record.id);
            out.memory_limit = host_memory;
        }
    }
    (out.net_received, out.net_sent) = network(process.pid);
    out
}

/// Bytes through the container's own network namespace; none when it shares the host's
/// (`--network host`), as in podman.
fn network(pid: i32) -> (u64, u64) {
    match procfs::shares_namespace(pid, "net", true) {
        Ok(false) => procfs::parse_net_dev(&read(&format!("/proc/{pid}/net/dev"))),
        _ => (0, 0),
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The /proc measure, summed over the container's processes.
fn from_processes(out: &mut Sample, pid: i32, id: &str) {
    let ticks = nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
        .ok()
        .flatten()
        .filter(|t| *t > 0)
        .unwrap_or(100) as u64;
    for p in super::top::container_processes(pid, id).unwrap_or_default() {
        let Ok(Some(stat)) = procfs::read_stat(p) else {
            continue;
        };
        out.cpu_nanos += (stat.utime + stat.stime) * 1_000_000_000 / ticks;
        if let Ok(Some(status)) = procfs::read_status(p) {
            let kib: u64 = status.vmrss.and_then(|k| k.parse().ok()).unwrap_or(0);
            out.memory_usage += kib * 1024;
        }
        out.pids += std::fs::read_dir(format!("/proc/{p}/task")).map_or(1, |d| d.count() as u64);
        let (read, written) = procfs::parse_io(&read(&format!("/proc/{p}/io")));
        out.block_read += read;
        out.block_written += written;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn running(cpu_nanos: u64, taken: u64) -> Sample {
        Sample {
            running: true,
            cpu_nanos,
            taken_nanos: taken,
            started_nanos: 1_000,
            ..Sample::default()
        }
    }

    #[test]
    fn cpu_percent_is_since_the_last_sample_else_since_the_start() {
        let first = running(500, 2_000);
        assert!((first.cpu_percent(None) - 50.0).abs() < 1e-9);
        assert_eq!(first.cpu_percent(None), first.average_cpu_percent());
        let second = running(1_400, 3_000);
        assert!((second.cpu_percent(Some(&first)) - 90.0).abs() < 1e-9);
        assert!((second.average_cpu_percent() - 70.0).abs() < 1e-9);
        // A restart (less CPU time than before) starts the series again.
        let restarted = running(100, 4_000);
        assert!((restarted.cpu_percent(Some(&second)) - 100.0 / 3_000.0 * 100.0).abs() < 1e-9);
        assert_eq!(Sample::default().cpu_percent(None), 0.0);
    }

    #[test]
    fn memory_percent_is_of_the_limit() {
        let s = Sample {
            memory_usage: 16 << 20,
            memory_limit: 64 << 20,
            ..Sample::default()
        };
        assert_eq!(s.memory_percent(), 25.0);
        assert_eq!(Sample::default().memory_percent(), 0.0);
    }
}
