//! Reading /proc: one small parser per file (a process's stat, status, cmdline, uid_map and
//! gid_map; the system's btime), and the reads that `top` and the liveness checks make with
//! them. A process that exits while it is read is `Ok(None)`, not an error: /proc changes
//! under every reader.

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use crate::userns::IdMap;

#[derive(Debug, thiserror::Error)]
pub enum ProcError {
    /// The process named in the question is gone (its /proc directory vanished).
    #[error("process {pid} is gone")]
    Gone { pid: i32 },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("unexpected content in {path}: {reason}")]
    Malformed { path: PathBuf, reason: String },
}

// ---------------------------------------------------------------------------------------------
// parsers (pure)

/// The fields of /proc/PID/stat that burrow uses (proc(5) numbers them from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stat {
    pub comm: String,
    /// Field 3: R, S, D, Z (zombie), X (dead), ...
    pub state: String,
    pub pgrp: i32,
    pub tty_nr: u64,
    pub utime: u64,
    pub stime: u64,
    pub nice: String,
    /// Clock ticks since boot.
    pub starttime: u64,
    pub vsize: u64,
    /// Fields 48 to 51 (Linux 3.5): where the argument and environment strings lie in the
    /// process's memory, as `[arg_start, arg_end, env_start, env_end]`; `None` when absent.
    pub args_and_env: Option<[u64; 4]>,
}

impl Stat {
    /// A zombie or a dead process: it has ended, whatever is left of it.
    pub fn ended(&self) -> bool {
        self.state == "Z" || self.state == "X"
    }

    /// Major and minor of the controlling terminal (tty_nr is in the kernel's
    /// new_encode_dev layout: minor bits above 255 live in bits 20..31).
    pub fn tty(&self) -> (u64, u64) {
        let major = (self.tty_nr >> 8) & 0xfff;
        let minor = (self.tty_nr & 0xff) | ((self.tty_nr >> 12) & 0xfff00);
        (major, minor)
    }
}

pub fn parse_stat(content: &str) -> Result<Stat, String> {
    // comm may itself contain spaces and parentheses, so it is cut at the last ')'.
    let (Some(open), Some(close)) = (content.find('('), content.rfind(')')) else {
        return Err("no (comm) field".to_string());
    };
    if close < open {
        return Err("no (comm) field".to_string());
    }
    let comm = content[open + 1..close].to_string();
    // rest[0] is field 3 (state) of proc(5).
    let rest: Vec<&str> = content[close + 1..].split_whitespace().collect();
    if rest.len() < 21 {
        return Err(format!(
            "{} fields after comm, expected at least 21",
            rest.len()
        ));
    }
    let field = |n: usize| rest[n - 3];
    fn num<T: std::str::FromStr>(s: &str, what: &str) -> Result<T, String> {
        s.parse()
            .map_err(|_| format!("{what} is not a number: {s:?}"))
    }
    Ok(Stat {
        comm,
        state: field(3).to_string(),
        pgrp: num(field(5), "pgrp")?,
        tty_nr: num(field(7), "tty_nr")?,
        utime: num(field(14), "utime")?,
        stime: num(field(15), "stime")?,
        nice: field(19).to_string(),
        starttime: num(field(22), "starttime")?,
        vsize: num(field(23), "vsize")?,
        args_and_env: (|| {
            let mut areas = [0u64; 4];
            for (slot, n) in areas.iter_mut().zip(48..) {
                *slot = rest.get(n - 3)?.parse().ok()?;
            }
            (areas[0] < areas[1] && areas[2] <= areas[3]).then_some(areas)
        })(),
    })
}

/// The lines of /proc/PID/status that burrow uses, each value's first word as psgo keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub name: String,
    pub state: String,
    pub ppid: i32,
    /// Real, effective, saved and filesystem IDs, as seen from the reader's user namespace.
    pub uids: [u32; 4],
    pub gids: [u32; 4],
    pub groups: Vec<u32>,
    /// The PID in each PID namespace from the reader's down: the last is the innermost.
    pub nspid: Vec<i32>,
    pub nspgid: Vec<i32>,
    /// In kB; none for kernel threads.
    pub vmrss: Option<String>,
    pub cap_inh: String,
    pub cap_prm: String,
    pub cap_eff: String,
    pub cap_bnd: String,
    pub cap_amb: String,
    pub seccomp: Option<String>,
}

pub fn parse_status(content: &str) -> Result<Status, String> {
    fn ids4(fields: &[&str], line: &str) -> Result<[u32; 4], String> {
        if fields.len() != 5 {
            return Err(format!("expected four ids in {line:?}"));
        }
        let mut ids = [0u32; 4];
        for (slot, f) in ids.iter_mut().zip(&fields[1..]) {
            *slot = f.parse().map_err(|_| format!("bad id in {line:?}"))?;
        }
        Ok(ids)
    }
    fn list<T: std::str::FromStr>(fields: &[&str], line: &str) -> Result<Vec<T>, String> {
        fields[1..]
            .iter()
            .map(|f| f.parse().map_err(|_| format!("bad number in {line:?}")))
            .collect()
    }
    let mut s = Status::default();
    let (mut have_uid, mut have_gid) = (false, false);
    for line in content.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            continue;
        }
        // psgo keeps the first word of each value (so "Name:" loses anything after a space
        // and "State:" is the letter alone); Groups has no words when it is empty.
        let first = fields.get(1).map(|f| f.to_string()).unwrap_or_default();
        match fields[0] {
            "Name:" => s.name = first,
            "State:" => s.state = first,
            "PPid:" => s.ppid = first.parse().map_err(|_| format!("bad {line:?}"))?,
            "Uid:" => {
                s.uids = ids4(&fields, line)?;
                have_uid = true;
            }
            "Gid:" => {
                s.gids = ids4(&fields, line)?;
                have_gid = true;
            }
            "Groups:" => s.groups = list(&fields, line)?,
            "NSpid:" => s.nspid = list(&fields, line)?,
            "NSpgid:" => s.nspgid = list(&fields, line)?,
            "VmRSS:" if fields.len() > 1 => s.vmrss = Some(first),
            "CapInh:" => s.cap_inh = first,
            "CapPrm:" => s.cap_prm = first,
            "CapEff:" => s.cap_eff = first,
            "CapBnd:" => s.cap_bnd = first,
            "CapAmb:" => s.cap_amb = first,
            "Seccomp:" if fields.len() > 1 => s.seccomp = Some(first),
            _ => {}
        }
    }
    if !have_uid || !have_gid {
        return Err("no Uid: or Gid: line".to_string());
    }
    Ok(s)
}

/// /proc/PID/cmdline split at NULs exactly as psgo does, keeping the empty piece after the
/// final NUL (so `top`'s args end in a space, as podman's do).
pub fn parse_cmdline(content: &[u8]) -> Vec<String> {
    content
        .split(|b| *b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect()
}

/// The boot time in unix seconds, from the `btime` line of /proc/stat.
pub fn parse_boot_time(proc_stat: &str) -> Option<i64> {
    proc_stat.lines().find_map(|l| {
        let mut f = l.split_whitespace();
        (f.next() == Some("btime"))
            .then(|| f.next()?.parse().ok())
            .flatten()
    })
}

/// Bytes received and sent over the interfaces of /proc/PID/net/dev (the namespace of that
/// process), loopback left out as docker leaves it out.
pub fn parse_net_dev(content: &str) -> (u64, u64) {
    let mut totals = (0u64, 0u64);
    for line in content.lines().skip(2) {
        let Some((name, fields)) = line.split_once(':') else {
            continue;
        };
        if name.trim() == "lo" {
            continue;
        }
        let numbers: Vec<u64> = fields
            .split_whitespace()
            .map(|n| n.parse().unwrap_or(0))
            .collect();
        // Eight receive counters come first, bytes first of each half.
        if let (Some(rx), Some(tx)) = (numbers.first(), numbers.get(8)) {
            totals.0 = totals.0.saturating_add(*rx);
            totals.1 = totals.1.saturating_add(*tx);
        }
    }
    totals
}

/// Bytes a process made the block layer read and write (/proc/PID/io).
pub fn parse_io(content: &str) -> (u64, u64) {
    let field = |key: &str| {
        content
            .lines()
            .find_map(|l| l.strip_prefix(key)?.trim().parse().ok())
            .unwrap_or(0)
    };
    (field("read_bytes:"), field("write_bytes:"))
}

/// A uid_map or gid_map: `inside outside count` per line.
pub fn parse_id_map(content: &str) -> Result<Vec<IdMap>, String> {
    content
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let n: Vec<u32> = l
                .split_whitespace()
                .map(|f| f.parse().map_err(|_| format!("bad id map line {l:?}")))
                .collect::<Result<_, _>>()?;
            match n[..] {
                [container_id, host_id, size] => Ok(IdMap {
                    container_id,
                    host_id,
                    size,
                }),
                _ => Err(format!("bad id map line {l:?}")),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// reading

/// ENOENT or ESRCH: the process has exited (or never was).
fn vanished(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ESRCH))
}

fn read_error(path: PathBuf) -> impl FnOnce(io::Error) -> ProcError {
    move |source| ProcError::Read { path, source }
}

/// Reads a /proc file of `pid`; Ok(None) when the process has exited meanwhile.
fn read_proc(pid: i32, file: &str) -> Result<Option<Vec<u8>>, ProcError> {
    let path = PathBuf::from(format!("/proc/{pid}/{file}"));
    match fs::read(&path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if vanished(&e) => Ok(None),
        Err(e) => Err(read_error(path)(e)),
    }
}

fn read_proc_text<T>(
    pid: i32,
    file: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, ProcError> {
    let Some(bytes) = read_proc(pid, file)? else {
        return Ok(None);
    };
    parse(&String::from_utf8_lossy(&bytes))
        .map(Some)
        .map_err(|reason| ProcError::Malformed {
            path: PathBuf::from(format!("/proc/{pid}/{file}")),
            reason,
        })
}

/// /proc/PID/stat; Ok(None) once the process has been reaped.
pub fn read_stat(pid: i32) -> Result<Option<Stat>, ProcError> {
    read_proc_text(pid, "stat", parse_stat)
}

/// /proc/PID/status; Ok(None) once the process has been reaped.
pub fn read_status(pid: i32) -> Result<Option<Status>, ProcError> {
    read_proc_text(pid, "status", parse_status)
}

/// Everything /proc tells about one process that `top` shows.
#[derive(Debug, Clone)]
pub struct Process {
    pub pid: i32,
    pub stat: Stat,
    pub status: Status,
    pub cmdline: Vec<String>,
    /// The LSM label, or "?" when the kernel has none to give (as psgo shows it).
    pub label: String,
}

/// Reads process `pid`; Ok(None) when it exits while being read.
pub fn read_process(pid: i32) -> Result<Option<Process>, ProcError> {
    let Some(stat) = read_stat(pid)? else {
        return Ok(None);
    };
    let Some(status) = read_status(pid)? else {
        return Ok(None);
    };
    let Some(cmdline) = read_proc(pid, "cmdline")? else {
        return Ok(None);
    };
    let label = match fs::read_to_string(format!("/proc/{pid}/attr/current")) {
        Ok(l) => l.trim_matches('\n').to_string(),
        Err(_) => match fs::metadata(format!("/proc/{pid}")) {
            Err(e) if vanished(&e) => return Ok(None),
            _ => "?".to_string(),
        },
    };
    Ok(Some(Process {
        pid,
        cmdline: parse_cmdline(&cmdline),
        stat,
        status,
        label,
    }))
}

/// The namespace a /proc/PID/ns/* link points at, as (device, inode); `pid` may be "self".
fn namespace_id(pid: &str, ns: &str) -> io::Result<(u64, u64)> {
    let meta = fs::metadata(format!("/proc/{pid}/ns/{ns}"))?;
    Ok((meta.dev(), meta.ino()))
}

/// Every process in the PID namespace of `pid`, in pid order. Processes that exit while /proc
/// is read, and processes we may not inspect (other users'), are left out.
pub fn pid_namespace_members(pid: i32) -> Result<Vec<i32>, ProcError> {
    let target = namespace_id(&pid.to_string(), "pid").map_err(|e| {
        if vanished(&e) {
            ProcError::Gone { pid }
        } else {
            read_error(PathBuf::from(format!("/proc/{pid}/ns/pid")))(e)
        }
    })?;
    let entries = fs::read_dir("/proc").map_err(read_error(PathBuf::from("/proc")))?;
    let mut pids = Vec::new();
    for entry in entries {
        let entry = entry.map_err(read_error(PathBuf::from("/proc")))?;
        let Some(member) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        if namespace_id(&member.to_string(), "pid").is_ok_and(|ns| ns == target) {
            pids.push(member);
        }
    }
    pids.sort_unstable();
    Ok(pids)
}

/// Whether `pid` is in our own namespace of `kind` ("pid", "user", "net"); `unknown` when
/// the two cannot be compared (a link we may not read).
pub fn shares_namespace(pid: i32, kind: &str, unknown: bool) -> Result<bool, ProcError> {
    match (
        namespace_id("self", kind),
        namespace_id(&pid.to_string(), kind),
    ) {
        (Ok(a), Ok(b)) => Ok(a == b),
        (_, Err(e)) if vanished(&e) => Err(ProcError::Gone { pid }),
        _ => Ok(unknown),
    }
}

/// Whether `pid` is in our own user namespace. One that cannot be compared counts as ours, so
/// its ids are shown as /proc gives them.
pub fn shares_user_namespace(pid: i32) -> Result<bool, ProcError> {
    shares_namespace(pid, "user", true)
}

/// A uid_map or gid_map file, e.g. `/proc/self/uid_map`.
pub fn read_id_map(path: &str) -> Result<Vec<IdMap>, ProcError> {
    let text = fs::read_to_string(path).map_err(read_error(PathBuf::from(path)))?;
    parse_id_map(&text).map_err(|reason| ProcError::Malformed {
        path: PathBuf::from(path),
        reason,
    })
}

/// The kernel's overflow uid and gid: what an id shows as where it is not mapped.
pub fn overflow_ids() -> (u32, u32) {
    let read = |file: &str| {
        fs::read_to_string(format!("/proc/sys/kernel/{file}"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(65534)
    };
    (read("overflowuid"), read("overflowgid"))
}

/// The boot time in unix seconds.
pub fn boot_time() -> Result<i64, ProcError> {
    let proc_stat =
        fs::read_to_string("/proc/stat").map_err(read_error(PathBuf::from("/proc/stat")))?;
    parse_boot_time(&proc_stat).ok_or_else(|| ProcError::Malformed {
        path: PathBuf::from("/proc/stat"),
        reason: "no btime line".to_string(),
    })
}

/// The current boot's ID; empty if the kernel does not say.
pub fn boot_id() -> String {
    fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// The children of process `pid` (of its main thread, which is where burrow's monitors fork).
pub fn children(pid: i32) -> Vec<i32> {
    fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .map(|text| {
            text.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn network_and_block_counters_parse() {
        let dev = "Inter-|   Receive                            |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n    lo:  500       5    0    0    0     0          0         0      500       5    0    0    0     0       0          0\n  tap0:  110       1    0    0    0     0          0         0      430       3    0    0    0     0       0          0\n  eth1: 1000       1    0    0    0     0          0         0        1       3    0    0    0     0       0          0\n";
        assert_eq!(parse_net_dev(dev), (1110, 431));
        assert_eq!(parse_net_dev(""), (0, 0));
        let io = "rchar: 100\nwchar: 200\nsyscr: 1\nsyscw: 2\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 0\n";
        assert_eq!(parse_io(io), (4096, 8192));
        assert_eq!(parse_io(""), (0, 0));
    }

    /// A process's stat and status files, also read by top's tests.
    pub(crate) const STAT: &str = "4242 (my (odd) name) S 4200 4242 4242 34816 4242 4194560 \
        1000 0 0 0 1234 66 0 0 20 5 1 0 50000 10485760 300 18446744073709551615 1 1 0 0 0 0 0 \
        0 0 0 0 0 17 1 0 0 0 0 0\n";

    #[test]
    fn stat_fields_survive_parentheses_in_comm() {
        let s = parse_stat(STAT).unwrap();
        assert_eq!(s.comm, "my (odd) name");
        assert_eq!(s.state, "S");
        assert!(!s.ended());
        assert_eq!(s.pgrp, 4242);
        assert_eq!(s.tty_nr, 34816);
        assert_eq!((s.utime, s.stime), (1234, 66));
        assert_eq!(s.nice, "5");
        assert_eq!(s.starttime, 50000);
        assert_eq!(s.vsize, 10485760);
        // The sample's fields 48 to 51 are zeros: no valid areas.
        assert_eq!(s.args_and_env, None);
    }

    #[test]
    fn argument_and_environment_areas_of_our_own_process() {
        let stat = parse_stat(&fs::read_to_string("/proc/self/stat").unwrap()).unwrap();
        let [arg_start, arg_end, env_start, env_end] = stat.args_and_env.unwrap();
        assert!(arg_start < arg_end && arg_end <= env_start && env_start <= env_end);
        let cmdline = fs::read("/proc/self/cmdline").unwrap();
        assert_eq!(cmdline.len() as u64, arg_end - arg_start);
    }

    #[test]
    fn stat_rejects_truncated_content() {
        assert!(parse_stat("1 (init) S 0 1").is_err());
        assert!(parse_stat("garbage").is_err());
    }

    #[test]
    fn stat_of_a_zombie_has_ended() {
        let zombie = STAT.replacen(") S ", ") Z ", 1);
        assert!(parse_stat(&zombie).unwrap().ended());
    }

    #[test]
    fn tty_nr_decoding() {
        let tty = |tty_nr| {
            Stat {
                tty_nr,
                ..parse_stat(STAT).unwrap()
            }
            .tty()
        };
        assert_eq!(tty(34816), (136, 0));
        assert_eq!(tty(34817), (136, 1));
        // pts/300: minor bits above 255 live in bits 20..31
        let nr = (300 & 0xff) | (136 << 8) | ((300 & !0xff) << 12);
        assert_eq!(tty(nr), (136, 300));
        assert_eq!(tty(0), (0, 0));
    }

    pub(crate) const STATUS: &str = "Name:\tsleep\n\
        Umask:\t0022\n\
        State:\tS (sleeping)\n\
        Tgid:\t4242\n\
        Ngid:\t0\n\
        Pid:\t4242\n\
        PPid:\t4200\n\
        TracerPid:\t0\n\
        Uid:\t100000\t100033\t100000\t100000\n\
        Gid:\t100000\t100033\t100000\t100000\n\
        FDSize:\t64\n\
        Groups:\t100010 100020 \n\
        NStgid:\t4242\t7\n\
        NSpid:\t4242\t7\n\
        NSpgid:\t4242\t7\n\
        NSsid:\t4242\t7\n\
        VmPeak:\t    2328 kB\n\
        VmSize:\t    2328 kB\n\
        VmRSS:\t     888 kB\n\
        Threads:\t1\n\
        CapInh:\t0000000000000000\n\
        CapPrm:\t00000000800405fb\n\
        CapEff:\t00000000800405fb\n\
        CapBnd:\t00000000800405fb\n\
        CapAmb:\t0000000000000000\n\
        NoNewPrivs:\t0\n\
        Seccomp:\t2\n\
        Seccomp_filters:\t1\n";

    #[test]
    fn status_lines_are_parsed() {
        let s = parse_status(STATUS).unwrap();
        assert_eq!(s.name, "sleep");
        assert_eq!(s.state, "S");
        assert_eq!(s.ppid, 4200);
        assert_eq!(s.uids, [100000, 100033, 100000, 100000]);
        assert_eq!(s.gids[1], 100033);
        assert_eq!(s.groups, vec![100010, 100020]);
        assert_eq!(s.nspid, vec![4242, 7]);
        assert_eq!(s.nspgid, vec![4242, 7]);
        assert_eq!(s.vmrss.as_deref(), Some("888"));
        assert_eq!(s.cap_eff, "00000000800405fb");
        assert_eq!(s.seccomp.as_deref(), Some("2"));
    }

    #[test]
    fn status_of_kernel_thread_has_no_rss_and_empty_groups() {
        let s = parse_status("Name:\tkthreadd\nState:\tS (sleeping)\nPPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t \nNSpid:\t2\n").unwrap();
        assert!(s.groups.is_empty());
        assert_eq!(s.vmrss, None);
        assert_eq!(s.seccomp, None);
    }

    #[test]
    fn status_without_ids_is_an_error() {
        assert!(parse_status("Name:\tx\n").is_err());
        assert!(parse_status("Uid:\t0\t0\nGid:\t0\t0\t0\t0\n").is_err());
    }

    #[test]
    fn cmdline_keeps_the_piece_after_the_last_nul() {
        assert_eq!(parse_cmdline(b"sleep\x00100\x00"), ["sleep", "100", ""]);
        assert_eq!(
            parse_cmdline(b"nginx: master process"),
            ["nginx: master process"]
        );
        assert_eq!(parse_cmdline(b""), [""]);
    }

    #[test]
    fn boot_time_comes_from_btime() {
        assert_eq!(
            parse_boot_time("cpu  1 2 3\nintr 5\nbtime 1700000000\nprocesses 9\n"),
            Some(1700000000)
        );
        assert_eq!(parse_boot_time("cpu 1 2\n"), None);
    }

    #[test]
    fn id_maps_parse_into_ranges() {
        let map = parse_id_map("         0     100000      65536\n 65536 1000 1\n").unwrap();
        assert_eq!(
            map,
            [
                IdMap {
                    container_id: 0,
                    host_id: 100000,
                    size: 65536
                },
                IdMap {
                    container_id: 65536,
                    host_id: 1000,
                    size: 1
                }
            ]
        );
        assert!(parse_id_map("0 1\n").is_err());
        assert!(parse_id_map("0 x 1\n").is_err());
    }

    #[test]
    fn our_own_process_reads_as_itself() {
        let me = std::process::id() as i32;
        let pids = pid_namespace_members(me).unwrap();
        assert!(pids.contains(&me));
        assert!(pids.windows(2).all(|w| w[0] < w[1]));
        let p = read_process(me).unwrap().unwrap();
        assert_eq!(p.pid, me);
        assert!(!p.stat.ended());
        assert_eq!(p.status.nspid.first(), Some(&me));
        assert!(shares_user_namespace(me).unwrap());
        assert!(boot_time().unwrap() > 0);
        assert!(!read_id_map("/proc/self/uid_map").unwrap().is_empty());
    }

    #[test]
    fn gone_processes_read_as_none_or_gone() {
        // pid_max is at most 2^22, so this pid never exists
        let gone = i32::MAX;
        assert!(matches!(
            pid_namespace_members(gone),
            Err(ProcError::Gone { pid }) if pid == gone
        ));
        assert!(read_process(gone).unwrap().is_none());
        assert!(read_stat(gone).unwrap().is_none());
        assert!(matches!(
            shares_user_namespace(gone),
            Err(ProcError::Gone { .. })
        ));
        assert!(children(gone).is_empty());
    }
}
