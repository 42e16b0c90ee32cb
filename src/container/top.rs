//! `burrow top`: the processes of a container as podman shows them.
//!
//! podman gets this table from psgo, which joins the container's mount namespace and reads the
//! container's own /proc. burrow reads the host's /proc instead (`runtime::procfs`) and
//! translates what psgo would have seen there: pids through the NSpid/NSpgid lines, ids through
//! the container's id maps, names through the container's /etc/passwd and /etc/group,
//! terminals through the container's /dev. This file holds psgo's descriptors and how each
//! column is formatted and rendered; the reading of the container's files is at the bottom.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::os::fd::OwnedFd;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::DateTime;
use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags};

use crate::output::{go_duration_string, go_local_time_string};
use crate::runtime::procfs::{self, ProcError, Process, Stat, Status};
use crate::userns::{IdMap, to_container, to_host};

#[derive(Debug, thiserror::Error)]
pub enum TopError {
    #[error(
        "'{descriptor}': unknown descriptor; use one of: {valid}, or an AIX code: {codes} (several may be given, also comma-separated)"
    )]
    UnknownDescriptor {
        descriptor: String,
        valid: String,
        codes: String,
    },
    #[error(
        "process {pid} of the container is gone; the container is no longer running (check with: burrow ps -a)"
    )]
    ProcessGone { pid: i32 },
    #[error(transparent)]
    Proc(ProcError),
}

impl From<ProcError> for TopError {
    fn from(e: ProcError) -> Self {
        match e {
            ProcError::Gone { pid } => TopError::ProcessGone { pid },
            other => TopError::Proc(other),
        }
    }
}

/// What a column shows; one per psgo descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Pcpu,
    Group,
    Groups,
    Ppid,
    User,
    Uid,
    Args,
    Comm,
    Rgroup,
    Nice,
    Pid,
    Pgid,
    Etime,
    Ruser,
    Time,
    Tty,
    Vsz,
    CapAmb,
    CapInh,
    CapPrm,
    CapEff,
    CapBnd,
    Seccomp,
    Label,
    Hpid,
    Huser,
    Huid,
    Hgroup,
    Hgroups,
    Rss,
    State,
    Stime,
}

#[derive(Debug)]
struct Descriptor {
    code: Option<&'static str>,
    normal: &'static str,
    header: &'static str,
    field: Field,
}

const fn desc(
    code: Option<&'static str>,
    normal: &'static str,
    header: &'static str,
    field: Field,
) -> Descriptor {
    Descriptor {
        code,
        normal,
        header,
        field,
    }
}

/// psgo's table, in psgo's order: AIX code, normal name, header.
const DESCRIPTORS: &[Descriptor] = &[
    desc(Some("%C"), "pcpu", "%CPU", Field::Pcpu),
    desc(Some("%G"), "group", "GROUP", Field::Group),
    desc(None, "groups", "GROUPS", Field::Groups),
    desc(Some("%P"), "ppid", "PPID", Field::Ppid),
    desc(Some("%U"), "user", "USER", Field::User),
    desc(None, "uid", "UID", Field::Uid),
    desc(Some("%a"), "args", "COMMAND", Field::Args),
    desc(Some("%c"), "comm", "COMMAND", Field::Comm),
    desc(Some("%g"), "rgroup", "RGROUP", Field::Rgroup),
    desc(Some("%n"), "nice", "NI", Field::Nice),
    desc(Some("%p"), "pid", "PID", Field::Pid),
    desc(Some("%r"), "pgid", "PGID", Field::Pgid),
    desc(Some("%t"), "etime", "ELAPSED", Field::Etime),
    desc(Some("%u"), "ruser", "RUSER", Field::Ruser),
    desc(Some("%x"), "time", "TIME", Field::Time),
    desc(Some("%y"), "tty", "TTY", Field::Tty),
    desc(Some("%z"), "vsz", "VSZ", Field::Vsz),
    desc(None, "capamb", "AMBIENT CAPS", Field::CapAmb),
    desc(None, "capinh", "INHERITED CAPS", Field::CapInh),
    desc(None, "capprm", "PERMITTED CAPS", Field::CapPrm),
    desc(None, "capeff", "EFFECTIVE CAPS", Field::CapEff),
    desc(None, "capbnd", "BOUNDING CAPS", Field::CapBnd),
    desc(None, "seccomp", "SECCOMP", Field::Seccomp),
    desc(None, "label", "LABEL", Field::Label),
    desc(None, "hpid", "HPID", Field::Hpid),
    desc(None, "huser", "HUSER", Field::Huser),
    desc(None, "huid", "HUID", Field::Huid),
    desc(None, "hgroup", "HGROUP", Field::Hgroup),
    desc(None, "hgroups", "HGROUPS", Field::Hgroups),
    desc(None, "rss", "RSS", Field::Rss),
    desc(None, "state", "STATE", Field::State),
    desc(None, "stime", "STIME", Field::Stime),
];

/// podman's default, the `ps -ef` columns.
pub const DEFAULT_DESCRIPTORS: &[&str] = &[
    "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
];

/// The descriptor names `top` accepts in their normal form, sorted (podman's
/// `top --list-descriptors` and the "Format Descriptors" line of its help).
pub fn list_descriptors() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = DESCRIPTORS.iter().map(|d| d.normal).collect();
    names.sort_unstable();
    names
}

/// Like podman, each argument may hold several descriptors separated by commas, and no
/// descriptor at all means the default set.
fn resolve_descriptors(args: &[String]) -> Result<Vec<&'static Descriptor>, TopError> {
    let mut wanted: Vec<&str> = args
        .iter()
        .flat_map(|a| a.split(','))
        .filter(|s| !s.is_empty())
        .collect();
    if wanted.is_empty() {
        wanted = DEFAULT_DESCRIPTORS.to_vec();
    }
    wanted
        .into_iter()
        .map(|w| {
            let w = w.trim();
            DESCRIPTORS
                .iter()
                .find(|d| d.code == Some(w) || d.normal == w)
                .ok_or_else(|| TopError::UnknownDescriptor {
                    descriptor: w.to_string(),
                    valid: list_descriptors().join(", "),
                    codes: DESCRIPTORS
                        .iter()
                        .filter_map(|d| d.code)
                        .collect::<Vec<_>>()
                        .join(", "),
                })
        })
        .collect()
}

/// ps(1) shows "[name]" for processes without a command line (kernel threads, zombies).
fn format_args(cmdline: &[String], name: &str) -> String {
    match cmdline.first() {
        Some(first) if !first.is_empty() => cmdline.join(" "),
        _ => format!("[{name}]"),
    }
}

/// Names by id from /etc/passwd or /etc/group (both have the name first and the id third).
#[derive(Debug, Clone, Default)]
struct NameTable(Vec<(String, u32)>);

impl NameTable {
    fn parse(content: &str) -> Self {
        NameTable(
            content
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .filter_map(|l| {
                    let f: Vec<&str> = l.split(':').collect();
                    Some((f.first()?.to_string(), f.get(2)?.parse().ok()?))
                })
                .collect(),
        )
    }

    /// The first name for `id`, or the number when there is none (as psgo does).
    fn name(&self, id: u32) -> String {
        self.0
            .iter()
            .find(|(_, i)| *i == id)
            .map(|(n, _)| n.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// formatting

/// psgo's %CPU: whole CPU seconds over the elapsed time as a Go float64, printed with
/// `strconv.FormatFloat(v, 'f', 3, 64)`.
fn format_pcpu(cpu_secs: u64, elapsed_nanos: i64) -> String {
    // Go's Duration.Seconds() splits whole and fractional seconds before converting.
    let elapsed =
        (elapsed_nanos / 1_000_000_000) as f64 + (elapsed_nanos % 1_000_000_000) as f64 / 1e9;
    let pcpu = 100.0 * cpu_secs as f64 / elapsed;
    if pcpu.is_nan() {
        "NaN".to_string()
    } else if pcpu.is_infinite() {
        if pcpu > 0.0 { "+Inf" } else { "-Inf" }.to_string()
    } else {
        format!("{pcpu:.3}")
    }
}

/// Capability names by bit, as psgo knows them (up to CAP_CHECKPOINT_RESTORE).
const CAPABILITIES: &[&str] = &[
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "KILL",
    "SETGID",
    "SETUID",
    "SETPCAP",
    "LINUX_IMMUTABLE",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_ADMIN",
    "NET_RAW",
    "IPC_LOCK",
    "IPC_OWNER",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_CHROOT",
    "SYS_PTRACE",
    "SYS_PACCT",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_NICE",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "MKNOD",
    "LEASE",
    "AUDIT_WRITE",
    "AUDIT_CONTROL",
    "SETFCAP",
    "MAC_OVERRIDE",
    "MAC_ADMIN",
    "SYSLOG",
    "WAKE_ALARM",
    "BLOCK_SUSPEND",
    "AUDIT_READ",
    "PERFMON",
    "BPF",
    "CHECKPOINT_RESTORE",
];

/// psgo's rendering of a capability mask: "full" when every known capability is set, "none"
/// when none is, otherwise the sorted names joined by commas ("unknown" for unnamed bits).
fn format_caps(hex: &str) -> String {
    let Ok(mask) = u64::from_str_radix(hex, 16) else {
        return "?".to_string();
    };
    let full = (1u64 << CAPABILITIES.len()) - 1;
    if mask == full {
        return "full".to_string();
    }
    let mut names: Vec<&str> = (0..64)
        .filter(|bit| mask >> bit & 1 == 1)
        .map(|bit| CAPABILITIES.get(bit).copied().unwrap_or("unknown"))
        .collect();
    if names.is_empty() {
        return "none".to_string();
    }
    names.sort_unstable();
    names.join(",")
}

fn format_seccomp(mode: Option<&str>) -> &'static str {
    match mode {
        Some("0") => "disabled",
        Some("1") => "strict",
        Some("2") => "filter",
        _ => "?",
    }
}

/// The PID the container sees: the last NSpid entry is the innermost namespace's.
fn container_pid(host_pid: i32, nspid: &[i32]) -> i32 {
    nspid.last().copied().unwrap_or(host_pid)
}

/// The parent's PID as the container sees it. A parent outside the container's namespace
/// (the runtime's monitor, or the caller of an exec) shows as 0, as in the container's /proc.
/// The parent is in the same namespace or an ancestor, so equal NSpid depth means the same.
fn container_ppid(host_ppid: i32, child_nspid: &[i32], parent_nspid: Option<&[i32]>) -> i32 {
    match parent_nspid {
        Some(parent) if parent.len() == child_nspid.len() => {
            parent.last().copied().unwrap_or(host_ppid)
        }
        _ => 0,
    }
}

// ---------------------------------------------------------------------------------------------
// rendering

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TtyDevice<'a> {
    major: u64,
    minor: u64,
    name: &'a str,
}

/// Everything about one process that a row needs, already read.
#[derive(Debug, Clone)]
struct ProcessData {
    host_pid: i32,
    stat: Stat,
    status: Status,
    cmdline: Vec<String>,
    label: String,
    container_ppid: i32,
}

impl From<Process> for ProcessData {
    fn from(p: Process) -> Self {
        ProcessData {
            host_pid: p.pid,
            stat: p.stat,
            status: p.status,
            cmdline: p.cmdline,
            label: p.label,
            container_ppid: 0,
        }
    }
}

impl ProcessData {
    fn container_pid(&self) -> i32 {
        container_pid(self.host_pid, &self.status.nspid)
    }
}

/// How ids read from the host's /proc turn into the container's and the host's ids.
#[derive(Debug, Clone, Default)]
struct IdView {
    /// The container's uid_map/gid_map as read from here; None when we share its user
    /// namespace, so /proc already shows its ids.
    container_uids: Option<Vec<IdMap>>,
    container_gids: Option<Vec<IdMap>>,
    /// Our own uid_map/gid_map: our ids to the parent (host) namespace's.
    host_uids: Vec<IdMap>,
    host_gids: Vec<IdMap>,
    overflow_uid: u32,
    overflow_gid: u32,
}

impl IdView {
    fn container_uid(&self, id: u32) -> u32 {
        match &self.container_uids {
            Some(map) => to_container(map, id).unwrap_or(self.overflow_uid),
            None => id,
        }
    }
    fn container_gid(&self, id: u32) -> u32 {
        match &self.container_gids {
            Some(map) => to_container(map, id).unwrap_or(self.overflow_gid),
            None => id,
        }
    }
    fn host_uid(&self, id: u32) -> u32 {
        if self.host_uids.is_empty() {
            return id;
        }
        to_host(&self.host_uids, id).unwrap_or(self.overflow_uid)
    }
    fn host_gid(&self, id: u32) -> u32 {
        if self.host_gids.is_empty() {
            return id;
        }
        to_host(&self.host_gids, id).unwrap_or(self.overflow_gid)
    }
}

struct Context {
    now_nanos: i64,
    boot_time: i64,
    clock_ticks: u64,
    ids: IdView,
    container_users: NameTable,
    container_groups: NameTable,
    host_users: NameTable,
    host_groups: NameTable,
    /// (major, minor, name relative to /dev) of the container's /dev/tty* and /dev/pts/*.
    ttys: Vec<(u64, u64, String)>,
    format_start: fn(i64) -> String,
}

impl Context {
    fn start_secs(&self, p: &ProcessData) -> i64 {
        self.boot_time + (p.stat.starttime / self.clock_ticks) as i64
    }
    fn elapsed_nanos(&self, p: &ProcessData) -> i64 {
        self.now_nanos - self.start_secs(p) * 1_000_000_000
    }
    fn cpu_secs(&self, p: &ProcessData) -> u64 {
        (p.stat.utime + p.stat.stime) / self.clock_ticks
    }
    fn tty(&self, tty: (u64, u64)) -> TtyDevice<'_> {
        let (major, minor) = tty;
        let name = self
            .ttys
            .iter()
            .find(|(ma, mi, _)| *ma == major && *mi == minor)
            .map_or("?", |(_, _, n)| n.as_str());
        TtyDevice { major, minor, name }
    }
}

fn cell(field: Field, p: &ProcessData, ctx: &Context) -> String {
    let ids = &ctx.ids;
    let st = &p.status;
    match field {
        Field::Pcpu => format_pcpu(ctx.cpu_secs(p), ctx.elapsed_nanos(p)),
        Field::Group => ctx.container_groups.name(ids.container_gid(st.gids[1])),
        Field::Groups => st
            .groups
            .iter()
            .map(|g| ctx.container_groups.name(ids.container_gid(*g)))
            .collect::<Vec<_>>()
            .join(","),
        Field::Ppid => p.container_ppid.to_string(),
        Field::User => ctx.container_users.name(ids.container_uid(st.uids[1])),
        Field::Uid => ids.container_uid(st.uids[1]).to_string(),
        Field::Args => format_args(&p.cmdline, &st.name),
        Field::Comm => p.stat.comm.clone(),
        Field::Rgroup => ctx.container_groups.name(ids.container_gid(st.gids[0])),
        Field::Nice => p.stat.nice.clone(),
        Field::Pid => p.container_pid().to_string(),
        Field::Pgid => st.nspgid.last().copied().unwrap_or(p.stat.pgrp).to_string(),
        Field::Etime => go_duration_string(ctx.elapsed_nanos(p)),
        Field::Ruser => ctx.container_users.name(ids.container_uid(st.uids[0])),
        Field::Time => go_duration_string((ctx.cpu_secs(p) as i64).saturating_mul(1_000_000_000)),
        Field::Tty => ctx.tty(p.stat.tty()).name.to_string(),
        Field::Vsz => (p.stat.vsize / 1024).to_string(),
        Field::CapAmb => format_caps(&st.cap_amb),
        Field::CapInh => format_caps(&st.cap_inh),
        Field::CapPrm => format_caps(&st.cap_prm),
        Field::CapEff => format_caps(&st.cap_eff),
        Field::CapBnd => format_caps(&st.cap_bnd),
        Field::Seccomp => format_seccomp(st.seccomp.as_deref()).to_string(),
        Field::Label => p.label.clone(),
        Field::Hpid => p.host_pid.to_string(),
        Field::Huser => ctx.host_users.name(ids.host_uid(st.uids[1])),
        Field::Huid => ids.host_uid(st.uids[1]).to_string(),
        Field::Hgroup => ctx.host_groups.name(ids.host_gid(st.gids[1])),
        Field::Hgroups => st
            .groups
            .iter()
            .map(|g| ctx.host_groups.name(ids.host_gid(*g)))
            .collect::<Vec<_>>()
            .join(","),
        Field::Rss => st.vmrss.clone().unwrap_or_else(|| "0".to_string()),
        Field::State => st.state.clone(),
        Field::Stime => (ctx.format_start)(ctx.start_secs(p)),
    }
}

fn render(
    descriptors: &[&Descriptor],
    processes: &[ProcessData],
    ctx: &Context,
) -> Vec<Vec<String>> {
    let mut table = Vec::with_capacity(processes.len() + 1);
    table.push(descriptors.iter().map(|d| d.header.to_string()).collect());
    for p in processes {
        table.push(descriptors.iter().map(|d| cell(d.field, p, ctx)).collect());
    }
    table
}

// ---------------------------------------------------------------------------------------------
// reading

/// The container's processes, in pid order: those of the PID namespace of `init_pid`, exec'd
/// ones included. A container in the host's PID namespace (`--pid host`) has those of its
/// own cgroup, or without one its first process and that one's descendants. Processes that
/// exit while /proc is read, and processes we may not inspect (other users'), are left out.
pub fn container_processes(init_pid: i32, id: &str) -> Result<Vec<i32>, TopError> {
    if !procfs::shares_namespace(init_pid, "pid", false)? {
        return Ok(procfs::pid_namespace_members(init_pid)?);
    }
    let mut pids = match crate::cgroups::of_process(init_pid, id) {
        Some(cgroup) => crate::cgroups::fs::processes(&cgroup.dir()),
        None => {
            let mut out = vec![init_pid];
            let mut next = 0;
            while let Some(&p) = out.get(next) {
                out.extend(procfs::children(p));
                next += 1;
            }
            out
        }
    };
    pids.sort_unstable();
    pids.dedup();
    Ok(pids)
}

/// A file inside the container's root, opened without following links out of that root
/// (openat2 with RESOLVE_IN_ROOT; burrow needs Linux 5.6 anyway).
fn read_in_root(root: &OwnedFd, rel: &str) -> io::Result<String> {
    let fd = rustix::fs::openat2(
        root,
        rel,
        OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
        ResolveFlags::IN_ROOT,
    )?;
    let mut text = String::new();
    fs::File::from(fd).read_to_string(&mut text)?;
    Ok(text)
}

/// The container's terminals, as psgo lists them: /dev/tty* and everything in /dev/pts.
fn container_ttys(root: &OwnedFd) -> Vec<(u64, u64, String)> {
    let mut ttys = Vec::new();
    for (dir, prefix, only_tty) in [("dev", "", true), ("dev/pts", "pts/", false)] {
        let Ok(fd) = rustix::fs::openat2(
            root,
            dir,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
            ResolveFlags::IN_ROOT,
        ) else {
            continue;
        };
        let Ok(entries) = rustix::fs::Dir::read_from(&fd) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().to_str().ok().map(str::to_string))
            .filter(|n| n != "." && n != ".." && (!only_tty || n.starts_with("tty")))
            .collect();
        names.sort_unstable();
        for name in names {
            let Ok(st) = rustix::fs::statat(&fd, name.as_str(), AtFlags::SYMLINK_NOFOLLOW) else {
                continue;
            };
            if FileType::from_raw_mode(st.st_mode) != FileType::CharacterDevice {
                continue;
            }
            let rdev = st.st_rdev;
            ttys.push((
                u64::from(rustix::fs::major(rdev)),
                u64::from(rustix::fs::minor(rdev)),
                format!("{prefix}{name}"),
            ));
        }
    }
    ttys
}

/// A process start time as psgo's STIME shows it: Go's time.Time in the local zone.
fn format_local_start(unix_secs: i64) -> String {
    DateTime::from_timestamp(unix_secs, 0)
        .map(go_local_time_string)
        .unwrap_or_else(|| unix_secs.to_string())
}

fn load_context(root_pid: i32) -> Result<Context, TopError> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    let boot_time = procfs::boot_time()?;
    let clock_ticks = nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
        .ok()
        .flatten()
        .filter(|t| *t > 0)
        .unwrap_or(100) as u64;

    // /proc shows ids as seen from our user namespace; when the container has its own, its
    // uid_map read from here translates them (as psgo does after joining).
    let shared_userns = procfs::shares_user_namespace(root_pid)?;
    let (container_uids, container_gids) = if shared_userns {
        (None, None)
    } else {
        (
            Some(procfs::read_id_map(&format!("/proc/{root_pid}/uid_map"))?),
            Some(procfs::read_id_map(&format!("/proc/{root_pid}/gid_map"))?),
        )
    };
    let (overflow_uid, overflow_gid) = procfs::overflow_ids();
    let ids = IdView {
        container_uids,
        container_gids,
        host_uids: procfs::read_id_map("/proc/self/uid_map").unwrap_or_default(),
        host_gids: procfs::read_id_map("/proc/self/gid_map").unwrap_or_default(),
        overflow_uid,
        overflow_gid,
    };

    // Names and terminals come from the container's files; when its root cannot be opened
    // the columns fall back to numbers and "?", as psgo's lookups do.
    let proc_root = PathBuf::from(format!("/proc/{root_pid}/root"));
    let root = rustix::fs::open(
        &proc_root,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .ok();
    let table_in_root = |rel: &str| {
        root.as_ref()
            .and_then(|r| read_in_root(r, rel).ok())
            .map(|t| NameTable::parse(&t))
            .unwrap_or_default()
    };
    let host_table = |path: &str| {
        fs::read_to_string(path)
            .map(|t| NameTable::parse(&t))
            .unwrap_or_default()
    };
    Ok(Context {
        now_nanos: now,
        boot_time,
        clock_ticks,
        ids,
        container_users: table_in_root("etc/passwd"),
        container_groups: table_in_root("etc/group"),
        host_users: host_table("/etc/passwd"),
        host_groups: host_table("/etc/group"),
        ttys: root.as_ref().map(container_ttys).unwrap_or_default(),
        format_start: format_local_start,
    })
}

/// The `top` table for the processes `pids` (host PIDs, normally from `container_processes`):
/// the first row holds the headers, then one row per process sorted by its PID in the
/// container. `descriptors` are psgo's names or AIX codes, possibly comma-separated; none means
/// podman's default (USER PID PPID %CPU ELAPSED TTY TIME COMMAND). Processes that exit while
/// being read are left out.
pub fn top(pids: &[i32], descriptors: &[String]) -> Result<Vec<Vec<String>>, TopError> {
    let descriptors = resolve_descriptors(descriptors)?;
    let mut processes = Vec::with_capacity(pids.len());
    for &pid in pids {
        if let Some(p) = procfs::read_process(pid)? {
            processes.push(ProcessData::from(p));
        }
    }

    let nspid_by_host: HashMap<i32, Vec<i32>> = processes
        .iter()
        .map(|p| (p.host_pid, p.status.nspid.clone()))
        .collect();
    for p in &mut processes {
        let parent = match nspid_by_host.get(&p.status.ppid) {
            Some(n) => Some(n.clone()),
            None if p.status.ppid > 0 => procfs::read_status(p.status.ppid)
                .ok()
                .flatten()
                .map(|s| s.nspid),
            None => None,
        };
        p.container_ppid = container_ppid(p.status.ppid, &p.status.nspid, parent.as_deref());
    }
    processes.sort_by_key(ProcessData::container_pid);

    // The container's init (PID 1 inside) is the surest view of its root and user namespace.
    let Some(root_pid) = processes
        .iter()
        .find(|p| p.container_pid() == 1)
        .or(processes.first())
        .map(|p| p.host_pid)
    else {
        return Ok(render(&descriptors, &[], &Context::empty()));
    };
    let ctx = load_context(root_pid)?;
    Ok(render(&descriptors, &processes, &ctx))
}

impl Context {
    fn empty() -> Self {
        Context {
            now_nanos: 0,
            boot_time: 0,
            clock_ticks: 100,
            ids: IdView::default(),
            container_users: NameTable::default(),
            container_groups: NameTable::default(),
            host_users: NameTable::default(),
            host_groups: NameTable::default(),
            ttys: Vec::new(),
            format_start: |s| s.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::procfs::{parse_cmdline, parse_id_map, parse_stat, parse_status};

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// The column headers for `descriptors`, as the first row of `top` shows them.
    fn headers(descriptors: &[String]) -> Result<Vec<&'static str>, TopError> {
        Ok(resolve_descriptors(descriptors)?
            .into_iter()
            .map(|d| d.header)
            .collect())
    }

    use crate::runtime::procfs::tests::{STAT, STATUS};

    #[test]
    fn args_join_cmdline_like_psgo() {
        let c = parse_cmdline(b"sleep\x00100\x00");
        assert_eq!(c, strings(&["sleep", "100", ""]));
        assert_eq!(format_args(&c, "sleep"), "sleep 100 ");
        // a process that rewrote its argv into one string
        assert_eq!(
            format_args(&parse_cmdline(b"nginx: master process"), "nginx"),
            "nginx: master process"
        );
        assert_eq!(format_args(&parse_cmdline(b""), "kthreadd"), "[kthreadd]");
    }

    #[test]
    fn pcpu_matches_go_formatting() {
        assert_eq!(format_pcpu(13, 200_000_000_000), "6.500");
        assert_eq!(format_pcpu(0, 17_249_905_587), "0.000");
        assert_eq!(format_pcpu(1, 3_000_000_000), "33.333");
        // Go rounds an exact tie to even: 100*1/1600 = 0.0625
        assert_eq!(format_pcpu(1, 1_600_000_000_000), "0.062");
        assert_eq!(format_pcpu(0, 0), "NaN");
        assert_eq!(format_pcpu(1, 0), "+Inf");
    }

    #[test]
    fn capabilities_render_like_psgo() {
        assert_eq!(format_caps("000001ffffffffff"), "full");
        assert_eq!(format_caps("0000000000000000"), "none");
        // podman's current default set, and the older one with MKNOD, NET_RAW and AUDIT_WRITE
        assert_eq!(
            format_caps("00000000800405fb"),
            "CHOWN,DAC_OVERRIDE,FOWNER,FSETID,KILL,NET_BIND_SERVICE,SETFCAP,SETGID,SETPCAP,SETUID,SYS_CHROOT"
        );
        assert_eq!(
            format_caps("00000000a80425fb"),
            "AUDIT_WRITE,CHOWN,DAC_OVERRIDE,FOWNER,FSETID,KILL,MKNOD,NET_BIND_SERVICE,NET_RAW,SETFCAP,SETGID,SETPCAP,SETUID,SYS_CHROOT"
        );
        // a bit the table does not name, and a full set on a newer kernel is not "full"
        assert_eq!(format_caps("0000020000000001"), "CHOWN,unknown");
        assert_eq!(format_caps("zz"), "?");
    }

    #[test]
    fn seccomp_modes() {
        assert_eq!(format_seccomp(Some("0")), "disabled");
        assert_eq!(format_seccomp(Some("1")), "strict");
        assert_eq!(format_seccomp(Some("2")), "filter");
        assert_eq!(format_seccomp(Some("7")), "?");
        assert_eq!(format_seccomp(None), "?");
    }

    #[test]
    fn id_maps_translate_both_ways() {
        let ids = sample_context().ids;
        assert_eq!(ids.container_uid(100033), 33);
        assert_eq!(ids.container_uid(99999), 65534);
        assert_eq!(ids.container_gid(165536), 65534);
        assert_eq!(ids.host_uid(4294967294), 4294967294);
        let own = IdView::default();
        assert_eq!((own.container_uid(7), own.host_gid(7)), (7, 7));
    }

    #[test]
    fn names_come_from_the_first_matching_line() {
        let t = NameTable::parse(
            "# comment\nroot:x:0:0:root:/root:/bin/sh\n\nwww-data:x:33:33::/var/www:/bin/false\nalias:x:33:33::/:/bin/false\nbroken\n",
        );
        assert_eq!(t.name(0), "root");
        assert_eq!(t.name(33), "www-data");
        assert_eq!(t.name(1000), "1000");
    }

    #[test]
    fn ppid_outside_the_container_is_zero() {
        // parent in the same namespace (same depth)
        assert_eq!(container_ppid(4200, &[4242, 7], Some(&[4200, 1])), 1);
        // parent is the runtime's monitor on the host
        assert_eq!(container_ppid(4100, &[4200, 1], Some(&[4100])), 0);
        // parent unreadable or gone
        assert_eq!(container_ppid(4100, &[4200, 1], None), 0);
        assert_eq!(container_pid(4242, &[4242, 7]), 7);
        assert_eq!(container_pid(4242, &[]), 4242);
    }

    #[test]
    fn default_descriptors_give_podmans_headers() {
        assert_eq!(
            headers(&[]).unwrap(),
            [
                "USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"
            ]
        );
        // an argument made only of commas is no descriptor at all
        assert_eq!(headers(&strings(&[","])).unwrap().len(), 8);
    }

    #[test]
    fn descriptors_accept_codes_commas_and_spaces() {
        assert_eq!(
            headers(&strings(&["pid,seccomp", "args", "%C"])).unwrap(),
            ["PID", "SECCOMP", "COMMAND", "%CPU"]
        );
        assert_eq!(
            headers(&strings(&["pid, user", "%z,%y,%x"])).unwrap(),
            ["PID", "USER", "VSZ", "TTY", "TIME"]
        );
        assert_eq!(
            headers(&strings(&[
                "huser", "hgroup", "hpid", "capeff", "label", "stime"
            ]))
            .unwrap(),
            [
                "HUSER",
                "HGROUP",
                "HPID",
                "EFFECTIVE CAPS",
                "LABEL",
                "STIME"
            ]
        );
    }

    #[test]
    fn every_descriptor_resolves_to_its_own_header() {
        for d in DESCRIPTORS {
            assert_eq!(headers(&strings(&[d.normal])).unwrap(), [d.header]);
            if let Some(code) = d.code {
                assert_eq!(headers(&strings(&[code])).unwrap(), [d.header]);
            }
        }
        assert_eq!(list_descriptors().len(), DESCRIPTORS.len());
        assert_eq!(list_descriptors()[0], "args");
    }

    #[test]
    fn unknown_descriptor_names_it_and_the_valid_ones() {
        let err = headers(&strings(&["pid,bogus"])).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("'bogus': unknown descriptor"), "{msg}");
        assert!(msg.contains("args, capamb, capbnd"), "{msg}");
        assert!(msg.contains("%C, %G, %P"), "{msg}");
        assert!(
            matches!(err, TopError::UnknownDescriptor { descriptor, .. } if descriptor == "bogus")
        );
        // ps(1) options are not descriptors
        assert!(headers(&strings(&["-eo", "pid"])).is_err());
    }

    fn sample_context() -> Context {
        let map = parse_id_map("0 100000 65536\n").unwrap();
        Context {
            // 250.5 s after the process started
            now_nanos: (1_700_000_000 + 500 + 250) * 1_000_000_000 + 500_000_000,
            boot_time: 1_700_000_000,
            clock_ticks: 100,
            ids: IdView {
                container_uids: Some(map.clone()),
                container_gids: Some(map),
                host_uids: parse_id_map("0 0 4294967295\n").unwrap(),
                host_gids: parse_id_map("0 0 4294967295\n").unwrap(),
                overflow_uid: 65534,
                overflow_gid: 65534,
            },
            container_users: NameTable::parse("root:x:0:0::/:/bin/sh\nwww:x:33:33::/:/bin/sh\n"),
            container_groups: NameTable::parse("root:x:0:\nwww:x:33:\nstaff:x:10:\n"),
            host_users: NameTable::parse("root:x:0:0::/:/bin/sh\nsub:x:100033:100033::/:/bin/sh\n"),
            host_groups: NameTable::parse("root:x:0:\nsubg:x:100033:\n"),
            ttys: vec![(5, 0, "tty".to_string()), (136, 0, "pts/0".to_string())],
            format_start: |s| {
                crate::output::go_time_string(DateTime::from_timestamp(s, 0).unwrap())
            },
        }
    }

    fn sample_process() -> ProcessData {
        let mut stat = parse_stat(STAT).unwrap();
        stat.starttime = 50_000; // 500 s after boot
        ProcessData {
            host_pid: 4242,
            stat,
            status: parse_status(STATUS).unwrap(),
            cmdline: parse_cmdline(b"sleep\x00infinity\x00"),
            label: "?".to_string(),
            container_ppid: 1,
        }
    }

    #[test]
    fn rows_show_the_containers_view() {
        let ctx = sample_context();
        let p = sample_process();
        let all: Vec<String> = DESCRIPTORS.iter().map(|d| d.normal.to_string()).collect();
        let table = render(&resolve_descriptors(&all).unwrap(), &[p], &ctx);
        let row: HashMap<&str, &str> = DESCRIPTORS
            .iter()
            .map(|d| d.normal)
            .zip(table[1].iter().map(String::as_str))
            .collect();
        assert_eq!(row["user"], "www");
        assert_eq!(row["ruser"], "root");
        assert_eq!(row["uid"], "33");
        assert_eq!(row["group"], "www");
        assert_eq!(row["rgroup"], "root");
        assert_eq!(row["groups"], "staff,20");
        assert_eq!(row["pid"], "7");
        assert_eq!(row["ppid"], "1");
        assert_eq!(row["pgid"], "7");
        assert_eq!(row["hpid"], "4242");
        assert_eq!(row["huser"], "sub");
        assert_eq!(row["huid"], "100033");
        assert_eq!(row["hgroup"], "subg");
        assert_eq!(row["hgroups"], "100010,100020");
        assert_eq!(row["etime"], "4m10.5s");
        // (1234 + 66) / 100 = 13 whole seconds
        assert_eq!(row["time"], "13s");
        assert_eq!(row["pcpu"], format!("{:.3}", 1300.0 / 250.5));
        assert_eq!(row["tty"], "pts/0");
        assert_eq!(row["args"], "sleep infinity ");
        assert_eq!(row["comm"], "my (odd) name");
        assert_eq!(row["nice"], "5");
        assert_eq!(row["vsz"], "10240");
        assert_eq!(row["rss"], "888");
        assert_eq!(row["state"], "S");
        assert_eq!(row["seccomp"], "filter");
        assert_eq!(row["capamb"], "none");
        assert_eq!(row["label"], "?");
        assert_eq!(row["stime"], "2023-11-14 22:21:40 +0000 UTC");
        assert_eq!(table[0][0], "%CPU");
    }

    #[test]
    fn unmapped_ids_show_the_overflow_id_and_unknown_ttys_a_question_mark() {
        let mut ctx = sample_context();
        ctx.ids.container_uids = Some(parse_id_map("0 200000 10\n").unwrap());
        ctx.ttys.clear();
        let p = sample_process();
        let table = render(
            &resolve_descriptors(&strings(&["user", "tty"])).unwrap(),
            &[p],
            &ctx,
        );
        assert_eq!(table[1], strings(&["65534", "?"]));
    }

    #[test]
    fn shared_user_namespace_shows_ids_unchanged() {
        let mut ctx = sample_context();
        ctx.ids.container_uids = None;
        let table = render(
            &resolve_descriptors(&strings(&["uid"])).unwrap(),
            &[sample_process()],
            &ctx,
        );
        assert_eq!(table[1], strings(&["100033"]));
    }

    #[test]
    fn our_own_process_is_listed_in_our_namespace() {
        let me = std::process::id() as i32;
        let pids = container_processes(me, "none").unwrap();
        assert!(pids.contains(&me));
        assert!(pids.windows(2).all(|w| w[0] < w[1]));

        let table = top(
            &[me],
            &strings(&["pid", "hpid", "args", "comm", "user", "etime"]),
        )
        .unwrap();
        assert_eq!(
            table[0],
            strings(&["PID", "HPID", "COMMAND", "COMMAND", "USER", "ELAPSED"])
        );
        assert_eq!(table.len(), 2);
        let status = fs::read_to_string("/proc/self/status").unwrap();
        let nspid = parse_status(&status).unwrap().nspid;
        assert_eq!(table[1][0], nspid.last().unwrap().to_string());
        assert_eq!(table[1][1], me.to_string());
        let exe = std::env::args().next().unwrap();
        assert!(table[1][2].starts_with(&exe), "{:?}", table[1][2]);
        assert!(!table[1][3].is_empty());
        assert!(table[1][5].ends_with('s'));
    }

    #[test]
    fn default_table_for_all_our_processes() {
        let me = std::process::id() as i32;
        let pids = container_processes(me, "none").unwrap();
        let table = top(&pids, &[]).unwrap();
        assert_eq!(table[0].len(), 8);
        assert!(table.len() >= 2);
        assert!(table[1..].iter().all(|r| r.len() == 8));
        let shown: Vec<i32> = table[1..].iter().map(|r| r[1].parse().unwrap()).collect();
        assert!(
            shown.windows(2).all(|w| w[0] <= w[1]),
            "rows sorted by pid: {shown:?}"
        );
    }

    #[test]
    fn gone_processes_are_skipped_or_reported() {
        // pid_max is at most 2^22, so this pid never exists
        let gone = i32::MAX;
        assert!(matches!(
            container_processes(gone, "none"),
            Err(TopError::ProcessGone { pid }) if pid == gone
        ));
        assert_eq!(top(&[gone], &[]).unwrap().len(), 1);
    }
}
