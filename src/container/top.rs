//! `burrow top`: the processes of a container as podman shows them.
//!
//! podman gets this table from psgo, which joins the container's mount namespace and reads the
//! container's own /proc. burrow reads the host's /proc instead and translates what psgo would
//! have seen there: pids through the NSpid/NSpgid lines, ids through the container's id maps,
//! names through the container's /etc/passwd and /etc/group, terminals through the container's
//! /dev. Parsing and formatting are pure functions over file contents; the I/O is at the bottom.

use std::collections::HashMap;
use std::ffi::CStr;
use std::fs;
use std::io::{self, Read};
use std::os::fd::OwnedFd;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags};

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
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("unexpected content in {path}: {reason}")]
    Malformed { path: PathBuf, reason: String },
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

/// The column headers for `descriptors`, as the first row of `top` shows them.
pub fn headers(descriptors: &[String]) -> Result<Vec<&'static str>, TopError> {
    Ok(resolve_descriptors(descriptors)?
        .into_iter()
        .map(|d| d.header)
        .collect())
}

// ---------------------------------------------------------------------------------------------
// /proc parsing

use crate::runtime::procfs::{Stat, parse_stat};

/// The lines of /proc/PID/status that top shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Status {
    name: String,
    state: String,
    ppid: i32,
    uids: [u32; 4],
    gids: [u32; 4],
    groups: Vec<u32>,
    nspid: Vec<i32>,
    nspgid: Vec<i32>,
    vmrss: Option<String>,
    cap_inh: String,
    cap_prm: String,
    cap_eff: String,
    cap_bnd: String,
    cap_amb: String,
    seccomp: Option<String>,
}

fn parse_status(content: &str) -> Result<Status, String> {
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
/// final NUL (so `args` ends in a space, as podman's does).
fn parse_cmdline(content: &[u8]) -> Vec<String> {
    content
        .split(|b| *b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect()
}

fn format_args(cmdline: &[String], name: &str) -> String {
    // ps(1) shows "[name]" for processes without a command line (kernel threads, zombies).
    match cmdline.first() {
        Some(first) if !first.is_empty() => cmdline.join(" "),
        _ => format!("[{name}]"),
    }
}

fn parse_boot_time(proc_stat: &str) -> Option<i64> {
    proc_stat.lines().find_map(|l| {
        let mut f = l.split_whitespace();
        (f.next() == Some("btime"))
            .then(|| f.next()?.parse().ok())
            .flatten()
    })
}

/// One line of a uid_map or gid_map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IdRange {
    inside: u32,
    outside: u32,
    count: u32,
}

fn parse_id_map(content: &str) -> Result<Vec<IdRange>, String> {
    content
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let n: Vec<u32> = l
                .split_whitespace()
                .map(|f| f.parse().map_err(|_| format!("bad id map line {l:?}")))
                .collect::<Result<_, _>>()?;
            match n[..] {
                [inside, outside, count] => Ok(IdRange {
                    inside,
                    outside,
                    count,
                }),
                _ => Err(format!("bad id map line {l:?}")),
            }
        })
        .collect()
}

fn outside_to_inside(id: u32, map: &[IdRange]) -> Option<u32> {
    map.iter().find_map(|r| {
        let off = u64::from(id).checked_sub(u64::from(r.outside))?;
        (off < u64::from(r.count)).then(|| (u64::from(r.inside) + off) as u32)
    })
}

fn inside_to_outside(id: u32, map: &[IdRange]) -> Option<u32> {
    map.iter().find_map(|r| {
        let off = u64::from(id).checked_sub(u64::from(r.inside))?;
        (off < u64::from(r.count)).then(|| (u64::from(r.outside) + off) as u32)
    })
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

/// Go's `time.Duration.String()`, which psgo uses for ELAPSED and TIME.
fn format_go_duration(nanos: i64) -> String {
    if nanos == 0 {
        return "0s".to_string();
    }
    let sign = if nanos < 0 { "-" } else { "" };
    let u = nanos.unsigned_abs();
    // Go prints the fraction without trailing zeros and without the point when it is zero.
    fn frac(value: u64, digits: u32) -> String {
        let scale = 10u64.pow(digits);
        let f = value % scale;
        if f == 0 {
            return format!("{}", value / scale);
        }
        let digits = format!("{:0width$}", f, width = digits as usize);
        format!("{}.{}", value / scale, digits.trim_end_matches('0'))
    }
    if u < 1_000 {
        return format!("{sign}{u}ns");
    }
    if u < 1_000_000 {
        return format!("{sign}{}µs", frac(u, 3));
    }
    if u < 1_000_000_000 {
        return format!("{sign}{}ms", frac(u, 6));
    }
    let secs = u / 1_000_000_000;
    let sub = u % 1_000_000_000;
    let seconds = frac((secs % 60) * 1_000_000_000 + sub, 9);
    if secs < 60 {
        format!("{sign}{seconds}s")
    } else if secs < 3600 {
        format!("{sign}{}m{seconds}s", secs / 60)
    } else {
        format!("{sign}{}h{}m{seconds}s", secs / 3600, (secs / 60) % 60)
    }
}

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

/// Go's `time.Time.String()` for a whole-second time: "2006-01-02 15:04:05 -0700 MST".
fn format_go_time(unix_secs: i64, offset_secs: i32, zone: &str) -> String {
    let local = chrono::DateTime::from_timestamp(unix_secs + i64::from(offset_secs), 0)
        .map(|t| t.naive_utc().format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| unix_secs.to_string());
    let sign = if offset_secs < 0 { '-' } else { '+' };
    let minutes = offset_secs.unsigned_abs() / 60;
    let offset = format!("{sign}{:02}{:02}", minutes / 60, minutes % 60);
    let zone = if zone.is_empty() {
        offset.as_str()
    } else {
        zone
    };
    format!("{local} {offset} {zone}")
}

/// Major and minor of a tty_nr from /proc/PID/stat (the kernel's new_encode_dev layout).
fn decode_tty_nr(tty_nr: u64) -> (u64, u64) {
    let major = (tty_nr >> 8) & 0xfff;
    let minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);
    (major, minor)
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
    container_uids: Option<Vec<IdRange>>,
    container_gids: Option<Vec<IdRange>>,
    /// Our own uid_map/gid_map: our ids to the parent (host) namespace's.
    host_uids: Vec<IdRange>,
    host_gids: Vec<IdRange>,
    overflow_uid: u32,
    overflow_gid: u32,
}

impl IdView {
    fn container_uid(&self, id: u32) -> u32 {
        match &self.container_uids {
            Some(map) => outside_to_inside(id, map).unwrap_or(self.overflow_uid),
            None => id,
        }
    }
    fn container_gid(&self, id: u32) -> u32 {
        match &self.container_gids {
            Some(map) => outside_to_inside(id, map).unwrap_or(self.overflow_gid),
            None => id,
        }
    }
    fn host_uid(&self, id: u32) -> u32 {
        if self.host_uids.is_empty() {
            return id;
        }
        inside_to_outside(id, &self.host_uids).unwrap_or(self.overflow_uid)
    }
    fn host_gid(&self, id: u32) -> u32 {
        if self.host_gids.is_empty() {
            return id;
        }
        inside_to_outside(id, &self.host_gids).unwrap_or(self.overflow_gid)
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
    fn tty(&self, tty_nr: u64) -> TtyDevice<'_> {
        let (major, minor) = decode_tty_nr(tty_nr);
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
        Field::Etime => format_go_duration(ctx.elapsed_nanos(p)),
        Field::Ruser => ctx.container_users.name(ids.container_uid(st.uids[0])),
        Field::Time => format_go_duration((ctx.cpu_secs(p) as i64).saturating_mul(1_000_000_000)),
        Field::Tty => ctx.tty(p.stat.tty_nr).name.to_string(),
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
// reading /proc

fn vanished(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ESRCH))
}

fn read_error(path: PathBuf) -> impl FnOnce(io::Error) -> TopError {
    move |source| TopError::Read { path, source }
}

/// Reads a /proc file of `pid`; Ok(None) when the process has exited meanwhile.
fn read_proc(pid: i32, file: &str) -> Result<Option<Vec<u8>>, TopError> {
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
) -> Result<Option<T>, TopError> {
    let Some(bytes) = read_proc(pid, file)? else {
        return Ok(None);
    };
    parse(&String::from_utf8_lossy(&bytes))
        .map(Some)
        .map_err(|reason| TopError::Malformed {
            path: PathBuf::from(format!("/proc/{pid}/{file}")),
            reason,
        })
}

/// The namespace a /proc/PID/ns/* link points at, as (device, inode).
fn namespace_id(pid: &str, ns: &str) -> io::Result<(u64, u64)> {
    let meta = fs::metadata(format!("/proc/{pid}/ns/{ns}"))?;
    Ok((meta.dev(), meta.ino()))
}

/// Every process in the PID namespace of `init_pid` (the container's processes), in pid order.
/// Processes that exit while /proc is read, and processes we may not inspect (other users'),
/// are left out.
pub fn container_processes(init_pid: i32) -> Result<Vec<i32>, TopError> {
    let target = namespace_id(&init_pid.to_string(), "pid").map_err(|e| {
        if vanished(&e) {
            TopError::ProcessGone { pid: init_pid }
        } else {
            read_error(PathBuf::from(format!("/proc/{init_pid}/ns/pid")))(e)
        }
    })?;
    let entries = fs::read_dir("/proc").map_err(read_error(PathBuf::from("/proc")))?;
    let mut pids = Vec::new();
    for entry in entries {
        let entry = entry.map_err(read_error(PathBuf::from("/proc")))?;
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        if namespace_id(&pid.to_string(), "pid").is_ok_and(|ns| ns == target) {
            pids.push(pid);
        }
    }
    pids.sort_unstable();
    Ok(pids)
}

fn read_process(pid: i32) -> Result<Option<ProcessData>, TopError> {
    let Some(stat) = read_proc_text(pid, "stat", parse_stat)? else {
        return Ok(None);
    };
    let Some(status) = read_proc_text(pid, "status", parse_status)? else {
        return Ok(None);
    };
    let Some(cmdline) = read_proc(pid, "cmdline")? else {
        return Ok(None);
    };
    // Like psgo: the LSM label, or "?" when the kernel has none to give.
    let label = match fs::read_to_string(format!("/proc/{pid}/attr/current")) {
        Ok(l) => l.trim_matches('\n').to_string(),
        Err(_) => match fs::metadata(format!("/proc/{pid}")) {
            Err(e) if vanished(&e) => return Ok(None),
            _ => "?".to_string(),
        },
    };
    Ok(Some(ProcessData {
        host_pid: pid,
        container_ppid: 0,
        cmdline: parse_cmdline(&cmdline),
        stat,
        status,
        label,
    }))
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

fn read_overflow(file: &str) -> u32 {
    fs::read_to_string(format!("/proc/sys/kernel/{file}"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(65534)
}

fn read_id_map(path: &str) -> Result<Vec<IdRange>, TopError> {
    let text = fs::read_to_string(path).map_err(read_error(PathBuf::from(path)))?;
    parse_id_map(&text).map_err(|reason| TopError::Malformed {
        path: PathBuf::from(path),
        reason,
    })
}

/// The local offset and zone abbreviation at `unix_secs`, as Go would print them.
fn local_zone(unix_secs: i64) -> (i32, String) {
    let t: libc::time_t = unix_secs as libc::time_t;
    // SAFETY: `tm` is plain old data that localtime_r fully writes on success; `t` and `tm`
    // outlive the call. tm_zone, when not null, points at the C library's static zone names,
    // which stay valid; it is copied out before anything else can change them.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return (0, "UTC".to_string());
        }
        let zone = if tm.tm_zone.is_null() {
            String::new()
        } else {
            CStr::from_ptr(tm.tm_zone).to_string_lossy().into_owned()
        };
        (tm.tm_gmtoff as i32, zone)
    }
}

fn format_local_start(unix_secs: i64) -> String {
    let (offset, zone) = local_zone(unix_secs);
    format_go_time(unix_secs, offset, &zone)
}

fn load_context(root_pid: i32) -> Result<Context, TopError> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    let proc_stat =
        fs::read_to_string("/proc/stat").map_err(read_error(PathBuf::from("/proc/stat")))?;
    let boot_time = parse_boot_time(&proc_stat).ok_or_else(|| TopError::Malformed {
        path: PathBuf::from("/proc/stat"),
        reason: "no btime line".to_string(),
    })?;
    let clock_ticks = nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
        .ok()
        .flatten()
        .filter(|t| *t > 0)
        .unwrap_or(100) as u64;

    // /proc shows ids as seen from our user namespace; when the container has its own, its
    // uid_map read from here translates them (as psgo does after joining).
    let shared_userns = match (
        namespace_id("self", "user"),
        namespace_id(&root_pid.to_string(), "user"),
    ) {
        (Ok(a), Ok(b)) => a == b,
        (_, Err(e)) if vanished(&e) => return Err(TopError::ProcessGone { pid: root_pid }),
        _ => true,
    };
    let (container_uids, container_gids) = if shared_userns {
        (None, None)
    } else {
        (
            Some(read_id_map(&format!("/proc/{root_pid}/uid_map"))?),
            Some(read_id_map(&format!("/proc/{root_pid}/gid_map"))?),
        )
    };
    let ids = IdView {
        container_uids,
        container_gids,
        host_uids: read_id_map("/proc/self/uid_map").unwrap_or_default(),
        host_gids: read_id_map("/proc/self/gid_map").unwrap_or_default(),
        overflow_uid: read_overflow("overflowuid"),
        overflow_gid: read_overflow("overflowgid"),
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
        if let Some(p) = read_process(pid)? {
            processes.push(p);
        }
    }

    let nspid_by_host: HashMap<i32, Vec<i32>> = processes
        .iter()
        .map(|p| (p.host_pid, p.status.nspid.clone()))
        .collect();
    for p in &mut processes {
        let parent = match nspid_by_host.get(&p.status.ppid) {
            Some(n) => Some(n.clone()),
            None if p.status.ppid > 0 => read_proc_text(p.status.ppid, "status", parse_status)
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

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    const STAT: &str = "4242 (my (odd) name) S 4200 4242 4242 34816 4242 4194560 1000 0 0 0 \
        1234 66 0 0 20 5 1 0 50000 10485760 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 \
        1 0 0 0 0 0\n";

    const STATUS: &str = "Name:\tsleep\n\
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
    fn boot_time_comes_from_btime() {
        assert_eq!(
            parse_boot_time("cpu  1 2 3\nintr 5\nbtime 1700000000\nprocesses 9\n"),
            Some(1700000000)
        );
        assert_eq!(parse_boot_time("cpu 1 2\n"), None);
    }

    #[test]
    fn go_duration_strings() {
        let s = 1_000_000_000i64;
        assert_eq!(format_go_duration(0), "0s");
        assert_eq!(format_go_duration(1), "1ns");
        assert_eq!(format_go_duration(1_500), "1.5µs");
        assert_eq!(format_go_duration(20_000_000), "20ms");
        assert_eq!(format_go_duration(123_456_789), "123.456789ms");
        assert_eq!(format_go_duration(s), "1s");
        assert_eq!(format_go_duration(13 * s + 980_000_000), "13.98s");
        assert_eq!(format_go_duration(60 * s), "1m0s");
        assert_eq!(format_go_duration(100 * s), "1m40s");
        assert_eq!(format_go_duration(3600 * s), "1h0m0s");
        assert_eq!(
            format_go_duration((6 * 3600 + 3 * 60 + 27) * s + 677_997_443),
            "6h3m27.677997443s"
        );
        assert_eq!(
            format_go_duration(128 * 3600 * s + 52 * 60 * s),
            "128h52m0s"
        );
        assert_eq!(format_go_duration(-1_500 * 1_000_000), "-1.5s");
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
    fn go_time_string() {
        assert_eq!(
            format_go_time(1575885036, 3600, "CET"),
            "2019-12-09 10:50:36 +0100 CET"
        );
        assert_eq!(format_go_time(0, 0, "UTC"), "1970-01-01 00:00:00 +0000 UTC");
        assert_eq!(
            format_go_time(1575885036, -(3 * 3600 + 1800), ""),
            "2019-12-09 06:20:36 -0330 -0330"
        );
    }

    #[test]
    fn tty_nr_decoding() {
        assert_eq!(decode_tty_nr(34816), (136, 0));
        assert_eq!(decode_tty_nr(34817), (136, 1));
        // pts/300: minor bits above 255 live in bits 20..31
        let nr = (300 & 0xff) | (136 << 8) | ((300 & !0xff) << 12);
        assert_eq!(decode_tty_nr(nr), (136, 300));
        assert_eq!(decode_tty_nr(0), (0, 0));
    }

    #[test]
    fn id_maps_translate_both_ways() {
        let map = parse_id_map("         0     100000      65536\n 65536 1000 1\n").unwrap();
        assert_eq!(outside_to_inside(100033, &map), Some(33));
        assert_eq!(outside_to_inside(1000, &map), Some(65536));
        assert_eq!(outside_to_inside(99999, &map), None);
        assert_eq!(outside_to_inside(165536, &map), None);
        assert_eq!(inside_to_outside(33, &map), Some(100033));
        assert_eq!(inside_to_outside(65537, &map), None);
        let full = parse_id_map("0 0 4294967295\n").unwrap();
        assert_eq!(inside_to_outside(4294967294, &full), Some(4294967294));
        assert!(parse_id_map("0 1\n").is_err());
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
            format_start: |s| format_go_time(s, 0, "UTC"),
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
        let pids = container_processes(me).unwrap();
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
        let pids = container_processes(me).unwrap();
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
            container_processes(gone),
            Err(TopError::ProcessGone { pid }) if pid == gone
        ));
        assert_eq!(top(&[gone], &[]).unwrap().len(), 1);
    }
}
