//! Resource-limit flags (`--memory`, `--cpus`, `--pids-limit`, ...): checked with podman's
//! rules and error texts. Where they are applied (a cgroup of the container's own) is decided
//! by `cgroups::limits_support`.

use super::SpecError;

/// How a resource flag's value is read, with the error podman gives for a malformed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    /// units.RAMInBytes; podman names "memory" in the error for all memory flags.
    Size {
        minus_one: bool,
    },
    /// pflag's uint, int and float flags.
    Unsigned,
    Signed,
    Float,
    /// `--blkio-weight`, parsed by podman itself.
    Weight,
    /// DEVICE:RATE with an optional kb/mb/gb unit.
    DeviceBps,
    /// DEVICE:NUMBER.
    DeviceIops,
    /// Passed to the kernel as written.
    Text,
}

/// The resource flags podman accepts on run and create, with the name pflag prints.
const RESOURCE_FLAGS: [(&str, &str, ValueKind); 17] = [
    (
        "memory",
        "-m, --memory",
        ValueKind::Size { minus_one: false },
    ),
    (
        "memory-swap",
        "--memory-swap",
        ValueKind::Size { minus_one: true },
    ),
    (
        "memory-reservation",
        "--memory-reservation",
        ValueKind::Size { minus_one: false },
    ),
    (
        "memory-swappiness",
        "--memory-swappiness",
        ValueKind::Signed,
    ),
    ("cpus", "--cpus", ValueKind::Float),
    ("cpu-shares", "-c, --cpu-shares", ValueKind::Unsigned),
    ("cpu-period", "--cpu-period", ValueKind::Unsigned),
    ("cpu-quota", "--cpu-quota", ValueKind::Signed),
    ("cpuset-cpus", "--cpuset-cpus", ValueKind::Text),
    ("cpuset-mems", "--cpuset-mems", ValueKind::Text),
    ("pids-limit", "--pids-limit", ValueKind::Signed),
    ("blkio-weight", "--blkio-weight", ValueKind::Weight),
    (
        "blkio-weight-device",
        "--blkio-weight-device",
        ValueKind::Text,
    ),
    ("device-read-bps", "--device-read-bps", ValueKind::DeviceBps),
    (
        "device-write-bps",
        "--device-write-bps",
        ValueKind::DeviceBps,
    ),
    (
        "device-read-iops",
        "--device-read-iops",
        ValueKind::DeviceIops,
    ),
    (
        "device-write-iops",
        "--device-write-iops",
        ValueKind::DeviceIops,
    ),
];

/// Checks one resource flag (`name` without dashes) as podman parses it.
pub fn check_resource_flag(name: &str, value: &str) -> Result<(), SpecError> {
    let Some((_, shown, kind)) = RESOURCE_FLAGS.iter().find(|(n, _, _)| *n == name) else {
        return Ok(());
    };
    let pflag = |go_func: &str| SpecError::BadFlagValue {
        message: format!(
            "invalid argument {value:?} for {shown:?} flag: strconv.{go_func}: parsing {value:?}: invalid syntax"
        ),
    };
    match kind {
        ValueKind::Size { minus_one } => {
            if !(*minus_one && value == "-1") && ram_in_bytes(value).is_none() {
                return Err(SpecError::BadFlagValue {
                    message: format!("invalid value for memory: invalid size: '{value}'"),
                });
            }
        }
        ValueKind::Unsigned => {
            value.parse::<u64>().map_err(|_| pflag("ParseUint"))?;
        }
        ValueKind::Signed => {
            value.parse::<i64>().map_err(|_| pflag("ParseInt"))?;
        }
        ValueKind::Float => {
            value.parse::<f64>().map_err(|_| pflag("ParseFloat"))?;
        }
        ValueKind::Weight => {
            value
                .parse::<u16>()
                .map_err(|_| SpecError::BadFlagValue {
                    message: format!(
                        "invalid value for blkio-weight: strconv.ParseUint: parsing {value:?}: invalid syntax"
                    ),
                })?;
        }
        ValueKind::DeviceBps | ValueKind::DeviceIops => check_device_rate(value, *kind)?,
        ValueKind::Text => {}
    }
    Ok(())
}

fn check_device_rate(value: &str, kind: ValueKind) -> Result<(), SpecError> {
    let Some((_, rate)) = value.split_once(':') else {
        return Err(SpecError::BadFlagValue {
            message: format!("bad format: {value}"),
        });
    };
    let ok = match kind {
        ValueKind::DeviceBps => ram_in_bytes(rate).is_some(),
        _ => rate.parse::<u64>().is_ok(),
    };
    if ok {
        return Ok(());
    }
    let message = if kind == ValueKind::DeviceBps {
        format!(
            "invalid rate for device: {value}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb"
        )
    } else {
        format!(
            "invalid rate for device: {value}. The correct format is <device-path>:<number>. Number must be a positive integer"
        )
    };
    Err(SpecError::BadFlagValue { message })
}

/// go-units RAMInBytes: a non-negative number with an optional b, k, m, g, t or p unit (an
/// optional trailing b or ib), in powers of 1024.
fn ram_in_bytes(text: &str) -> Option<u64> {
    let lower = text.to_ascii_lowercase();
    let end = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(lower.len());
    let (number, unit) = lower.split_at(end);
    let number: f64 = number.parse().ok()?;
    let unit = unit.trim_start();
    let unit = unit
        .strip_suffix("ib")
        .or_else(|| unit.strip_suffix('b').filter(|u| !u.is_empty()))
        .unwrap_or(unit);
    let shift = match unit {
        "" | "b" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        "p" => 50,
        _ => return None,
    };
    Some((number * (1u64 << shift) as f64) as u64)
}

/// The resource limits of a container, parsed (what `check_resource_flag` accepts). Kept in
/// the container's record; `cgroups::limits` turns them into cgroup v2 files or systemd unit
/// properties.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Resources {
    /// memory.max, in bytes.
    pub memory: Option<u64>,
    /// Memory plus swap, in bytes (`-1`: unlimited swap), docker's meaning.
    pub memory_swap: Option<i64>,
    /// memory.low, in bytes.
    pub memory_reservation: Option<u64>,
    pub memory_swappiness: Option<i64>,
    pub cpu_shares: Option<u64>,
    /// cpu.max's quota and period, in microseconds (`--cpus` sets both).
    pub cpu_quota: Option<i64>,
    pub cpu_period: Option<u64>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    /// `-1` or `0`: unlimited.
    pub pids_limit: Option<i64>,
    pub blkio_weight: Option<u16>,
    pub blkio_weight_device: Vec<DeviceLimit>,
    pub device_read_bps: Vec<DeviceLimit>,
    pub device_write_bps: Vec<DeviceLimit>,
    pub device_read_iops: Vec<DeviceLimit>,
    pub device_write_iops: Vec<DeviceLimit>,
}

/// One `DEVICE:VALUE` of the block I/O flags.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DeviceLimit {
    pub path: String,
    pub value: u64,
}

impl Resources {
    /// Whether any limit is set (podman's default pids limit is not one).
    pub fn is_empty(&self) -> bool {
        *self == Resources::default()
    }

    /// These limits with those `update` sets replacing theirs (a device limit replaces the
    /// same kind of limit on the same device).
    pub fn updated_by(&self, update: &Resources) -> Resources {
        fn pick<T: Clone>(new: &Option<T>, old: &Option<T>) -> Option<T> {
            new.clone().or_else(|| old.clone())
        }
        fn devices(old: &[DeviceLimit], new: &[DeviceLimit]) -> Vec<DeviceLimit> {
            let mut out: Vec<DeviceLimit> = old
                .iter()
                .filter(|o| !new.iter().any(|n| n.path == o.path))
                .cloned()
                .collect();
            out.extend(new.iter().cloned());
            out
        }
        Resources {
            memory: pick(&update.memory, &self.memory),
            memory_swap: pick(&update.memory_swap, &self.memory_swap),
            memory_reservation: pick(&update.memory_reservation, &self.memory_reservation),
            memory_swappiness: pick(&update.memory_swappiness, &self.memory_swappiness),
            cpu_shares: pick(&update.cpu_shares, &self.cpu_shares),
            cpu_quota: pick(&update.cpu_quota, &self.cpu_quota),
            cpu_period: pick(&update.cpu_period, &self.cpu_period),
            cpuset_cpus: pick(&update.cpuset_cpus, &self.cpuset_cpus),
            cpuset_mems: pick(&update.cpuset_mems, &self.cpuset_mems),
            pids_limit: pick(&update.pids_limit, &self.pids_limit),
            blkio_weight: pick(&update.blkio_weight, &self.blkio_weight),
            blkio_weight_device: devices(&self.blkio_weight_device, &update.blkio_weight_device),
            device_read_bps: devices(&self.device_read_bps, &update.device_read_bps),
            device_write_bps: devices(&self.device_write_bps, &update.device_write_bps),
            device_read_iops: devices(&self.device_read_iops, &update.device_read_iops),
            device_write_iops: devices(&self.device_write_iops, &update.device_write_iops),
        }
    }
}

/// `--cgroup-manager` (and containers.conf `cgroup_manager`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Manager {
    #[default]
    Systemd,
    Cgroupfs,
}

impl std::str::FromStr for Manager {
    type Err = super::SpecError;
    fn from_str(text: &str) -> Result<Self, super::SpecError> {
        match text {
            "systemd" => Ok(Manager::Systemd),
            "cgroupfs" => Ok(Manager::Cgroupfs),
            _ => Err(super::SpecError::BadFlagValue {
                message: format!("invalid cgroup manager {text:?}: use systemd or cgroupfs"),
            }),
        }
    }
}

/// What a container asks of cgroups, kept in its record.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CgroupRequest {
    /// `--cgroups disabled`.
    pub disabled: bool,
    /// `--cgroup-manager`; None: containers.conf's, else systemd where a user bus exists.
    pub manager: Option<Manager>,
    /// `--cgroup-parent`: a slice name for systemd, a cgroup path for cgroupfs.
    pub parent: Option<String>,
}

/// podman's CFS period for `--cpus`.
const DEFAULT_CPU_PERIOD: u64 = 100_000;

/// Parses the resource flags given (name without dashes, value), after `check_resource_flag`
/// passed each: the values as the kernel gets them, and the combinations podman refuses.
pub fn parse_resources(given: &[(&str, &str)]) -> Result<Resources, SpecError> {
    let bad = |message: String| SpecError::BadFlagValue { message };
    let mut r = Resources::default();
    let mut cpus = None;
    for &(name, value) in given {
        check_resource_flag(name, value)?;
        let size = || ram_in_bytes(value).unwrap_or(0);
        let device = |rate: fn(&str) -> Option<u64>| -> DeviceLimit {
            let (path, number) = value.rsplit_once(':').unwrap_or((value, "0"));
            DeviceLimit {
                path: path.to_string(),
                value: rate(number).unwrap_or(0),
            }
        };
        match name {
            "memory" => r.memory = Some(size()),
            "memory-swap" => r.memory_swap = Some(if value == "-1" { -1 } else { size() as i64 }),
            "memory-reservation" => r.memory_reservation = Some(size()),
            "memory-swappiness" => {
                let v: i64 = value.parse().unwrap_or(-1);
                if !(-1..=100).contains(&v) {
                    return Err(bad(format!(
                        "invalid value: {v}, valid memory swappiness range is 0-100"
                    )));
                }
                r.memory_swappiness = (v >= 0).then_some(v);
            }
            "cpus" => {
                let v: f64 = value.parse().unwrap_or(0.0);
                if !(v >= 0.0 && v.is_finite()) {
                    return Err(bad(format!(
                        "invalid value for --cpus: {value}: the number of CPUs cannot be negative; give a number such as 0.5 or 2"
                    )));
                }
                cpus = (v > 0.0).then_some(v);
            }
            "cpu-shares" => r.cpu_shares = value.parse().ok(),
            "cpu-period" => r.cpu_period = value.parse().ok(),
            "cpu-quota" => r.cpu_quota = value.parse().ok(),
            "cpuset-cpus" => r.cpuset_cpus = Some(value.to_string()),
            "cpuset-mems" => r.cpuset_mems = Some(value.to_string()),
            "pids-limit" => r.pids_limit = value.parse().ok(),
            "blkio-weight" => {
                let v: u16 = value.parse().unwrap_or(0);
                if v != 0 && !(10..=1000).contains(&v) {
                    return Err(bad(format!(
                        "invalid value for blkio-weight: {v}: it must be between 10 and 1000"
                    )));
                }
                r.blkio_weight = (v != 0).then_some(v);
            }
            "blkio-weight-device" => {
                let limit = device(|n| n.parse().ok());
                if !(10..=1000).contains(&limit.value) {
                    return Err(bad(format!(
                        "invalid weight for device: {value}: the weight must be between 10 and 1000"
                    )));
                }
                r.blkio_weight_device.push(limit);
            }
            "device-read-bps" => r.device_read_bps.push(device(ram_in_bytes)),
            "device-write-bps" => r.device_write_bps.push(device(ram_in_bytes)),
            "device-read-iops" => r.device_read_iops.push(device(|n| n.parse().ok())),
            "device-write-iops" => r.device_write_iops.push(device(|n| n.parse().ok())),
            _ => {}
        }
    }
    if let Some(cpus) = cpus {
        if r.cpu_period.is_some() || r.cpu_quota.is_some() {
            return Err(bad(
                "--cpu-period and --cpu-quota cannot be set as --cpus is also set".into(),
            ));
        }
        r.cpu_period = Some(DEFAULT_CPU_PERIOD);
        r.cpu_quota = Some((cpus * DEFAULT_CPU_PERIOD as f64) as i64);
    }
    if let (Some(swap), Some(memory)) = (r.memory_swap, r.memory)
        && swap != -1
        && (swap as u64) < memory
    {
        return Err(bad(
            "minimum memoryswap limit should be larger than memory limit, see usage".into(),
        ));
    }
    if r.memory_swap.is_some_and(|s| s != -1) && r.memory.is_none() {
        return Err(bad(
            "you must provide a memory limit when providing a memory swap limit".into(),
        ));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(name: &str, value: &str) -> String {
        check_resource_flag(name, value).unwrap_err().to_string()
    }

    #[test]
    fn malformed_values_get_podmans_texts() {
        assert_eq!(
            message("memory", "bogus"),
            "invalid value for memory: invalid size: 'bogus'"
        );
        assert_eq!(
            message("memory-swap", "x"),
            "invalid value for memory: invalid size: 'x'"
        );
        assert_eq!(
            message("memory", "-1"),
            "invalid value for memory: invalid size: '-1'"
        );
        assert_eq!(
            message("cpus", "bogus"),
            r#"invalid argument "bogus" for "--cpus" flag: strconv.ParseFloat: parsing "bogus": invalid syntax"#
        );
        assert_eq!(
            message("cpu-shares", "bogus"),
            r#"invalid argument "bogus" for "-c, --cpu-shares" flag: strconv.ParseUint: parsing "bogus": invalid syntax"#
        );
        assert_eq!(
            message("pids-limit", "bogus"),
            r#"invalid argument "bogus" for "--pids-limit" flag: strconv.ParseInt: parsing "bogus": invalid syntax"#
        );
        assert_eq!(
            message("blkio-weight", "bogus"),
            r#"invalid value for blkio-weight: strconv.ParseUint: parsing "bogus": invalid syntax"#
        );
        assert_eq!(message("device-read-bps", "bogus"), "bad format: bogus");
        assert!(message("device-read-bps", "/dev/sda:x").contains("Unit is optional"));
        assert!(message("device-write-iops", "/dev/sda:x").ends_with("must be a positive integer"));
    }

    #[test]
    fn wellformed_values_pass() {
        for (name, value) in [
            ("memory", "100m"),
            ("memory", "0"),
            ("memory", "1.5g"),
            ("memory-swap", "-1"),
            ("memory-reservation", "512MiB"),
            ("cpus", "0.5"),
            ("cpu-shares", "512"),
            ("pids-limit", "-1"),
            ("cpuset-cpus", "0-1"),
            ("blkio-weight", "500"),
            ("device-read-bps", "/dev/sda:1mb"),
            ("device-write-iops", "/dev/sda:100"),
        ] {
            assert_eq!(check_resource_flag(name, value), Ok(()), "{name}={value}");
        }
    }

    fn parsed(given: &[(&str, &str)]) -> Resources {
        parse_resources(given).unwrap()
    }

    #[test]
    fn an_update_replaces_only_what_it_names() {
        let old = parse_resources(&[
            ("memory", "64m"),
            ("cpus", "0.5"),
            ("device-read-bps", "/dev/sda:1mb"),
            ("device-read-bps", "/dev/sdb:2mb"),
        ])
        .unwrap();
        let update =
            parse_resources(&[("memory", "128m"), ("device-read-bps", "/dev/sdb:3mb")]).unwrap();
        let new = old.updated_by(&update);
        assert_eq!(new.memory, Some(128 << 20));
        assert_eq!(
            (new.cpu_quota, new.cpu_period),
            (Some(50_000), Some(100_000))
        );
        assert_eq!(
            new.device_read_bps,
            vec![
                DeviceLimit {
                    path: "/dev/sda".into(),
                    value: 1 << 20
                },
                DeviceLimit {
                    path: "/dev/sdb".into(),
                    value: 3 << 20
                }
            ]
        );
        assert_eq!(old.updated_by(&Resources::default()), old);
    }

    #[test]
    fn resources_parse_to_kernel_values() {
        let r = parsed(&[
            ("memory", "64m"),
            ("memory-swap", "128m"),
            ("cpus", "0.5"),
            ("pids-limit", "50"),
            ("device-read-bps", "/dev/sda:1mb"),
            ("device-write-iops", "/dev/sda:100"),
        ]);
        assert_eq!(r.memory, Some(64 << 20));
        assert_eq!(r.memory_swap, Some(128 << 20));
        assert_eq!((r.cpu_quota, r.cpu_period), (Some(50_000), Some(100_000)));
        assert_eq!(r.pids_limit, Some(50));
        assert_eq!(
            r.device_read_bps,
            vec![DeviceLimit {
                path: "/dev/sda".into(),
                value: 1 << 20
            }]
        );
        assert_eq!(r.device_write_iops[0].value, 100);
        assert!(parsed(&[]).is_empty());
        assert_eq!(
            parsed(&[("memory-swap", "-1"), ("memory", "1g")]).memory_swap,
            Some(-1)
        );
    }

    #[test]
    fn bad_resource_combinations_are_refused_by_name() {
        let err = |given: &[(&str, &str)]| parse_resources(given).unwrap_err().to_string();
        assert_eq!(
            err(&[("memory", "12q")]),
            "invalid value for memory: invalid size: '12q'"
        );
        assert!(
            err(&[("cpus", "-1")])
                .starts_with("invalid value for --cpus: -1: the number of CPUs cannot be negative")
        );
        assert_eq!(
            err(&[("cpus", "1"), ("cpu-quota", "1000")]),
            "--cpu-period and --cpu-quota cannot be set as --cpus is also set"
        );
        assert_eq!(
            err(&[("memory", "64m"), ("memory-swap", "32m")]),
            "minimum memoryswap limit should be larger than memory limit, see usage"
        );
        assert_eq!(
            err(&[("memory-swap", "64m")]),
            "you must provide a memory limit when providing a memory swap limit"
        );
        assert!(err(&[("blkio-weight", "5")]).contains("between 10 and 1000"));
        assert!(err(&[("memory-swappiness", "101")]).contains("0-100"));
    }
}
