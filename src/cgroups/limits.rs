//! Resource limits → what the kernel and systemd are told (pure, unit-tested): cgroup v2
//! interface files for a cgroup burrow writes itself, unit properties for a systemd scope, and
//! the controllers a set of limits needs delegated.

use std::collections::BTreeMap;

use crate::spec::{DeviceLimit, Resources};

/// podman's pids limit for a container that names none (containers.conf `pids_limit`).
pub const DEFAULT_PIDS_LIMIT: i64 = 2048;

/// A block device's numbers, as io.max and io.weight name it.
pub type DeviceNumbers = BTreeMap<String, (u64, u64)>;

/// One cgroup v2 interface file and the line written to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWrite {
    pub file: &'static str,
    pub value: String,
}

/// A systemd unit property's value, as much of D-Bus's types as scopes need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Property {
    U64(u64),
    Bool(bool),
    Str(String),
    /// `ay`: a CPU or memory-node bitmask.
    Bytes(Vec<u8>),
    /// `au`: the scope's processes.
    Pids(Vec<u32>),
    /// `a(st)`: per-device limits.
    Devices(Vec<(String, u64)>),
}

/// The controllers `resources` needs, in cgroup.controllers' spelling; with the pids
/// controller only when the limit is the user's (podman's default applies where pids is
/// delegated, and is left out elsewhere).
pub fn required_controllers(r: &Resources) -> Vec<&'static str> {
    let mut out = Vec::new();
    if r.cpu_shares.is_some() || r.cpu_quota.is_some() || r.cpu_period.is_some() {
        out.push("cpu");
    }
    if r.cpuset_cpus.is_some() || r.cpuset_mems.is_some() {
        out.push("cpuset");
    }
    if r.blkio_weight.is_some()
        || !r.blkio_weight_device.is_empty()
        || !r.device_read_bps.is_empty()
        || !r.device_write_bps.is_empty()
        || !r.device_read_iops.is_empty()
        || !r.device_write_iops.is_empty()
    {
        out.push("io");
    }
    if r.memory.is_some() || r.memory_swap.is_some() || r.memory_reservation.is_some() {
        out.push("memory");
    }
    if r.pids_limit.is_some() {
        out.push("pids");
    }
    out
}

/// The user-facing flag behind each controller, for errors that name what the user asked.
pub fn flag_for(controller: &str, r: &Resources) -> &'static str {
    match controller {
        "cpu" if r.cpu_shares.is_some() => "--cpu-shares",
        "cpu" => "--cpus",
        "cpuset" if r.cpuset_cpus.is_some() => "--cpuset-cpus",
        "cpuset" => "--cpuset-mems",
        "io" if r.blkio_weight.is_some() => "--blkio-weight",
        "io" => "--device-read-bps",
        "memory" => "--memory",
        _ => "--pids-limit",
    }
}

/// The pids limit that applies: the user's, else podman's default where `pids` is delegated.
pub fn effective_pids_limit(r: &Resources, pids_delegated: bool) -> Option<i64> {
    r.pids_limit
        .or(pids_delegated.then_some(DEFAULT_PIDS_LIMIT))
}

/// cgroup v1 shares (2..262144) → cgroup v2 cpu.weight (1..10000), as crun and systemd map them.
pub fn shares_to_weight(shares: u64) -> u64 {
    let shares = shares.clamp(2, 262_144);
    1 + ((shares - 2) * 9999) / 262_142
}

/// blkio weight (10..1000) → io.weight (1..10000), as crun maps it.
pub fn blkio_to_io_weight(weight: u64) -> u64 {
    let weight = weight.clamp(10, 1000);
    1 + ((weight - 10) * 9999) / 990
}

fn max_or(value: i64) -> String {
    if value <= 0 {
        "max".into()
    } else {
        value.to_string()
    }
}

/// memory.swap.max: docker's --memory-swap counts memory and swap together; cgroup v2 counts
/// swap alone. Without --memory-swap, swap may be as large as memory (docker's default of
/// twice the memory limit in all).
fn swap_max(r: &Resources) -> Option<String> {
    match (r.memory, r.memory_swap) {
        (_, Some(-1)) => Some("max".into()),
        (Some(memory), Some(total)) => Some((total as u64).saturating_sub(memory).to_string()),
        (Some(memory), None) => Some(memory.to_string()),
        (None, _) => None,
    }
}

fn io_max_lines(r: &Resources, devices: &DeviceNumbers) -> Vec<String> {
    let mut per_device: BTreeMap<(u64, u64), Vec<String>> = BTreeMap::new();
    let lists: [(&str, &Vec<DeviceLimit>); 4] = [
        ("rbps", &r.device_read_bps),
        ("wbps", &r.device_write_bps),
        ("riops", &r.device_read_iops),
        ("wiops", &r.device_write_iops),
    ];
    for (key, list) in lists {
        for limit in list {
            if let Some(&numbers) = devices.get(&limit.path) {
                per_device
                    .entry(numbers)
                    .or_default()
                    .push(format!("{key}={}", limit.value));
            }
        }
    }
    per_device
        .into_iter()
        .map(|((major, minor), keys)| format!("{major}:{minor} {}", keys.join(" ")))
        .collect()
}

/// The interface files a cgroup gets for `r`, in the order they are written (cpuset first: the
/// kernel refuses tasks on a cgroup whose cpuset is empty). `devices` holds the numbers of the
/// block devices the I/O flags name.
pub fn plan_files(
    r: &Resources,
    pids_limit: Option<i64>,
    devices: &DeviceNumbers,
) -> Vec<FileWrite> {
    let mut out = Vec::new();
    let mut put = |file: &'static str, value: String| out.push(FileWrite { file, value });
    if let Some(cpus) = &r.cpuset_cpus {
        put("cpuset.cpus", cpus.clone());
    }
    if let Some(mems) = &r.cpuset_mems {
        put("cpuset.mems", mems.clone());
    }
    if let Some(memory) = r.memory {
        put("memory.max", memory.to_string());
    }
    if let Some(swap) = swap_max(r) {
        put("memory.swap.max", swap);
    }
    if let Some(low) = r.memory_reservation {
        put("memory.low", low.to_string());
    }
    if let Some(shares) = r.cpu_shares {
        put("cpu.weight", shares_to_weight(shares).to_string());
    }
    if r.cpu_quota.is_some() || r.cpu_period.is_some() {
        let period = r.cpu_period.unwrap_or(100_000);
        put(
            "cpu.max",
            format!("{} {period}", max_or(r.cpu_quota.unwrap_or(-1))),
        );
    }
    if let Some(limit) = pids_limit {
        put("pids.max", max_or(limit));
    }
    if let Some(weight) = r.blkio_weight {
        put(
            "io.weight",
            format!("default {}", blkio_to_io_weight(weight.into())),
        );
    }
    for limit in &r.blkio_weight_device {
        if let Some((major, minor)) = devices.get(&limit.path) {
            put(
                "io.weight",
                format!("{major}:{minor} {}", blkio_to_io_weight(limit.value)),
            );
        }
    }
    for line in io_max_lines(r, devices) {
        put("io.max", line);
    }
    out
}

/// A cpuset list ("0-3,5") as its members, or None when malformed.
pub fn parse_cpu_list(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for part in text.trim().split(',').filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (u32, u32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
                if a > b || b - a > 65_536 {
                    return None;
                }
                out.extend(a..=b);
            }
            None => out.push(part.trim().parse().ok()?),
        }
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// systemd's AllowedCPUs bitmask: bit N of byte N/8 for CPU N.
pub fn cpu_mask(members: &[u32]) -> Vec<u8> {
    let mut mask = vec![0u8; members.iter().max().map_or(0, |m| *m as usize / 8 + 1)];
    for &cpu in members {
        mask[cpu as usize / 8] |= 1 << (cpu % 8);
    }
    mask
}

/// The members of `asked` that `allowed` (cpuset.cpus.effective) lacks.
pub fn outside_set(asked: &str, allowed: &str) -> Option<Vec<u32>> {
    let asked = parse_cpu_list(asked)?;
    let allowed = parse_cpu_list(allowed)?;
    Some(asked.into_iter().filter(|c| !allowed.contains(c)).collect())
}

/// The unit properties of a container's scope: delegated to the user, holding `pid`, with
/// accounting on for the controllers burrow reads and the limits systemd can express (the
/// rest are written into the delegated cgroup afterwards, `plan_files`).
pub fn plan_scope_properties(
    id: &str,
    pid: u32,
    slice: &str,
    r: &Resources,
    pids_limit: Option<i64>,
) -> Vec<(&'static str, Property)> {
    let mut out = vec![
        (
            "Description",
            Property::Str(format!("burrow container {id}")),
        ),
        ("Slice", Property::Str(slice.to_string())),
        ("Delegate", Property::Bool(true)),
        ("DefaultDependencies", Property::Bool(false)),
        // A scope whose processes all died is collected even if it "failed" (killed by OOM).
        ("CollectMode", Property::Str("inactive-or-failed".into())),
        ("PIDs", Property::Pids(vec![pid])),
        ("MemoryAccounting", Property::Bool(true)),
        ("TasksAccounting", Property::Bool(true)),
        ("CPUAccounting", Property::Bool(true)),
    ];
    out.extend(limit_properties(r, pids_limit));
    out
}

/// The unit properties that carry `r`'s limits (also what `update` changes on a scope).
pub fn limit_properties(r: &Resources, pids_limit: Option<i64>) -> Vec<(&'static str, Property)> {
    let mut out = Vec::new();
    let mut put = |name: &'static str, value: Property| out.push((name, value));
    if let Some(memory) = r.memory {
        put("MemoryMax", Property::U64(memory));
    }
    if let Some(swap) = swap_max(r) {
        put(
            "MemorySwapMax",
            Property::U64(swap.parse().unwrap_or(u64::MAX)),
        );
    }
    if let Some(low) = r.memory_reservation {
        put("MemoryLow", Property::U64(low));
    }
    if let Some(shares) = r.cpu_shares {
        put("CPUWeight", Property::U64(shares_to_weight(shares)));
    }
    if let Some(quota) = r.cpu_quota.filter(|q| *q > 0) {
        let period = r.cpu_period.unwrap_or(100_000).max(1);
        put(
            "CPUQuotaPerSecUSec",
            Property::U64(quota as u64 * 1_000_000 / period),
        );
        put("CPUQuotaPeriodUSec", Property::U64(period));
    }
    if let Some(cpus) = r.cpuset_cpus.as_deref().and_then(parse_cpu_list) {
        put("AllowedCPUs", Property::Bytes(cpu_mask(&cpus)));
    }
    if let Some(mems) = r.cpuset_mems.as_deref().and_then(parse_cpu_list) {
        put("AllowedMemoryNodes", Property::Bytes(cpu_mask(&mems)));
    }
    if let Some(limit) = pids_limit {
        put(
            "TasksMax",
            Property::U64(if limit <= 0 { u64::MAX } else { limit as u64 }),
        );
    }
    if let Some(weight) = r.blkio_weight {
        put("IOWeight", Property::U64(blkio_to_io_weight(weight.into())));
    }
    let devices = |list: &[DeviceLimit]| {
        Property::Devices(list.iter().map(|d| (d.path.clone(), d.value)).collect())
    };
    for (name, list) in [
        ("IODeviceWeight", &r.blkio_weight_device),
        ("IOReadBandwidthMax", &r.device_read_bps),
        ("IOWriteBandwidthMax", &r.device_write_bps),
        ("IOReadIOPSMax", &r.device_read_iops),
        ("IOWriteIOPSMax", &r.device_write_iops),
    ] {
        if !list.is_empty() {
            put(name, devices(list));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Resources {
        crate::spec::parse_resources(&[
            ("memory", "64m"),
            ("memory-swap", "96m"),
            ("cpus", "0.5"),
            ("cpu-shares", "1024"),
            ("cpuset-cpus", "0,2-3"),
            ("pids-limit", "50"),
            ("blkio-weight", "500"),
            ("device-read-bps", "/dev/sda:1mb"),
            ("device-read-iops", "/dev/sda:100"),
        ])
        .unwrap()
    }

    #[test]
    fn limits_become_cgroup_v2_files() {
        let r = limits();
        let devices = DeviceNumbers::from([("/dev/sda".to_string(), (8, 0))]);
        let files: Vec<(&str, String)> = plan_files(&r, r.pids_limit, &devices)
            .into_iter()
            .map(|w| (w.file, w.value))
            .collect();
        assert_eq!(
            files,
            vec![
                ("cpuset.cpus", "0,2-3".to_string()),
                ("memory.max", "67108864".into()),
                ("memory.swap.max", "33554432".into()),
                ("cpu.weight", "39".into()),
                ("cpu.max", "50000 100000".into()),
                ("pids.max", "50".into()),
                ("io.weight", "default 4950".into()),
                ("io.max", "8:0 rbps=1048576 riops=100".into()),
            ]
        );
    }

    #[test]
    fn defaults_and_unlimited_values() {
        let none = Resources::default();
        assert_eq!(effective_pids_limit(&none, true), Some(2048));
        assert_eq!(effective_pids_limit(&none, false), None);
        let files = plan_files(&none, Some(2048), &DeviceNumbers::new());
        assert_eq!(
            files,
            vec![FileWrite {
                file: "pids.max",
                value: "2048".into()
            }]
        );
        let unlimited = crate::spec::parse_resources(&[
            ("memory", "1g"),
            ("memory-swap", "-1"),
            ("pids-limit", "-1"),
        ])
        .unwrap();
        let files = plan_files(&unlimited, unlimited.pids_limit, &DeviceNumbers::new());
        assert!(files.contains(&FileWrite {
            file: "memory.swap.max",
            value: "max".into()
        }));
        assert!(files.contains(&FileWrite {
            file: "pids.max",
            value: "max".into()
        }));
        // Memory alone: swap as large again, docker's default.
        let memory = crate::spec::parse_resources(&[("memory", "64m")]).unwrap();
        assert!(
            plan_files(&memory, None, &DeviceNumbers::new()).contains(&FileWrite {
                file: "memory.swap.max",
                value: "67108864".into()
            })
        );
    }

    #[test]
    fn limits_become_scope_properties() {
        let r = limits();
        let props = plan_scope_properties("abc", 42, "user.slice", &r, r.pids_limit);
        let get = |name: &str| {
            props
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(get("Delegate"), Some(Property::Bool(true)));
        assert_eq!(get("PIDs"), Some(Property::Pids(vec![42])));
        assert_eq!(get("Slice"), Some(Property::Str("user.slice".into())));
        assert_eq!(get("MemoryMax"), Some(Property::U64(64 << 20)));
        assert_eq!(get("MemorySwapMax"), Some(Property::U64(32 << 20)));
        assert_eq!(get("CPUQuotaPerSecUSec"), Some(Property::U64(500_000)));
        assert_eq!(get("CPUWeight"), Some(Property::U64(39)));
        assert_eq!(get("AllowedCPUs"), Some(Property::Bytes(vec![0b1101])));
        assert_eq!(get("TasksMax"), Some(Property::U64(50)));
        assert_eq!(
            get("IOReadBandwidthMax"),
            Some(Property::Devices(vec![("/dev/sda".into(), 1 << 20)]))
        );
        let none = plan_scope_properties("abc", 1, "user.slice", &Resources::default(), None);
        assert!(
            none.iter()
                .all(|(n, _)| *n != "TasksMax" && *n != "MemoryMax")
        );
    }

    #[test]
    fn controllers_needed_follow_the_flags() {
        assert_eq!(
            required_controllers(&limits()),
            vec!["cpu", "cpuset", "io", "memory", "pids"]
        );
        assert!(required_controllers(&Resources::default()).is_empty());
        let r = crate::spec::parse_resources(&[("memory", "1g")]).unwrap();
        assert_eq!(required_controllers(&r), vec!["memory"]);
        assert_eq!(flag_for("memory", &r), "--memory");
    }

    #[test]
    fn cpu_lists_and_masks() {
        assert_eq!(parse_cpu_list("0-2,5"), Some(vec![0, 1, 2, 5]));
        assert_eq!(parse_cpu_list("x"), None);
        assert_eq!(parse_cpu_list("3-1"), None);
        assert_eq!(cpu_mask(&[0, 9]), vec![1, 2]);
        assert_eq!(outside_set("0-3", "0-1"), Some(vec![2, 3]));
        assert_eq!(outside_set("1", "0-1"), Some(vec![]));
        assert_eq!(shares_to_weight(2), 1);
        assert_eq!(shares_to_weight(262_144), 10_000);
        assert_eq!(blkio_to_io_weight(10), 1);
        assert_eq!(blkio_to_io_weight(1000), 10_000);
    }
}
