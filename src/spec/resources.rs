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
}
