//! Flags that shape a container's life rather than its process: the restart policy and where
//! its output goes. Parsed with podman's rules and texts.

use serde::{Deserialize, Serialize};

use super::SpecError;

/// `--restart`: what the monitor does when the container's process ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RestartPolicy {
    #[default]
    No,
    /// Restart after a non-zero exit, at most `max_retries` times (0: no limit).
    OnFailure {
        max_retries: u32,
    },
    Always,
    UnlessStopped,
}

impl RestartPolicy {
    /// podman's name for the policy, as `inspect` shows it (`""` for no policy given).
    pub fn name(self) -> &'static str {
        match self {
            RestartPolicy::No => "no",
            RestartPolicy::OnFailure { .. } => "on-failure",
            RestartPolicy::Always => "always",
            RestartPolicy::UnlessStopped => "unless-stopped",
        }
    }

    pub fn max_retries(self) -> u32 {
        match self {
            RestartPolicy::OnFailure { max_retries } => max_retries,
            _ => 0,
        }
    }

    /// Whether a process that ended with `code`, after `restarts` restarts, starts again. A
    /// container the user stopped never does.
    pub fn restarts(self, code: i32, restarts: u32, stopped_by_user: bool) -> bool {
        if stopped_by_user {
            return false;
        }
        match self {
            RestartPolicy::No => false,
            RestartPolicy::OnFailure { max_retries } => {
                code != 0 && (max_retries == 0 || restarts < max_retries)
            }
            RestartPolicy::Always | RestartPolicy::UnlessStopped => true,
        }
    }
}

/// Parses `--restart` as podman does: `no`, `on-failure[:N]`, `always`, `unless-stopped`.
pub fn parse_restart(text: &str) -> Result<RestartPolicy, SpecError> {
    let bad = || SpecError::BadRestart(text.to_string());
    let (name, count) = match text.split_once(':') {
        Some((name, count)) => (name, Some(count)),
        None => (text, None),
    };
    let policy = match name {
        "" | "no" => RestartPolicy::No,
        "on-failure" => RestartPolicy::OnFailure {
            max_retries: match count {
                Some(n) => n.parse().map_err(|_| bad())?,
                None => 0,
            },
        },
        "always" => RestartPolicy::Always,
        "unless-stopped" => RestartPolicy::UnlessStopped,
        _ => return Err(bad()),
    };
    if count.is_some() && !matches!(policy, RestartPolicy::OnFailure { .. }) {
        return Err(SpecError::RestartRetries(text.to_string()));
    }
    Ok(policy)
}

/// `--log-driver`: where the container's output goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LogDriver {
    /// A file in podman's (and Kubernetes') format, which `logs` reads.
    #[default]
    K8sFile,
    /// Nowhere but to attached clients.
    None,
    /// The caller's own stdio, handed to the container (foreground only).
    Passthrough,
}

impl LogDriver {
    pub fn name(self) -> &'static str {
        match self {
            LogDriver::K8sFile => "k8s-file",
            LogDriver::None => "none",
            LogDriver::Passthrough => "passthrough",
        }
    }
}

pub fn parse_log_driver(text: &str) -> Result<LogDriver, SpecError> {
    match text {
        "k8s-file" | "" => Ok(LogDriver::K8sFile),
        "none" => Ok(LogDriver::None),
        "passthrough" => Ok(LogDriver::Passthrough),
        "journald" => Err(SpecError::Unsupported(
            "the journald log driver is not available: burrow needs no systemd session; use --log-driver k8s-file".into(),
        )),
        _ => Err(SpecError::BadLogDriver(text.to_string())),
    }
}

/// Parses one `--log-opt`; returns the maximum log size for `max-size=`. Other keys podman
/// knows (`path`, `tag`) are refused rather than silently ignored.
pub fn parse_log_size(opt: &str) -> Result<u64, SpecError> {
    let bad = || SpecError::BadLogOpt(opt.to_string());
    let (key, value) = opt.split_once('=').ok_or_else(bad)?;
    if key != "max-size" {
        return Err(bad());
    }
    parse_bytes(value).ok_or_else(bad)
}

/// A size as podman reads `--log-opt max-size` (go-units' FromHumanSize): a number with an
/// optional b, k, m, g or t suffix (and an optional trailing b), in powers of 1000, so that
/// `inspect` shows `1m` back as podman's `1MB`.
fn parse_bytes(text: &str) -> Option<u64> {
    let lower = text.trim().to_ascii_lowercase();
    let digits_end = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(lower.len());
    let (number, unit) = lower.split_at(digits_end);
    let number: f64 = number.parse().ok()?;
    let multiplier: u64 = match unit.trim_end_matches('b') {
        "" => 1,
        "k" => 1_000,
        "m" => 1_000_000,
        "g" => 1_000_000_000,
        "t" => 1_000_000_000_000,
        _ if unit == "b" => 1,
        _ => return None,
    };
    Some((number * multiplier as f64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restart_policies_parse_as_podman() {
        assert_eq!(parse_restart("no").unwrap(), RestartPolicy::No);
        assert_eq!(parse_restart("always").unwrap(), RestartPolicy::Always);
        assert_eq!(
            parse_restart("on-failure:3").unwrap(),
            RestartPolicy::OnFailure { max_retries: 3 }
        );
        assert_eq!(
            parse_restart("on-failure").unwrap(),
            RestartPolicy::OnFailure { max_retries: 0 }
        );
        assert!(parse_restart("sometimes").is_err());
        assert!(parse_restart("on-failure:x").is_err());
        assert!(parse_restart("always:2").is_err());
    }

    #[test]
    fn restart_decisions_follow_the_policy() {
        let three = RestartPolicy::OnFailure { max_retries: 3 };
        assert!(three.restarts(1, 2, false));
        assert!(!three.restarts(1, 3, false));
        assert!(!three.restarts(0, 0, false));
        assert!(RestartPolicy::Always.restarts(0, 100, false));
        assert!(!RestartPolicy::Always.restarts(0, 0, true));
        assert!(!RestartPolicy::No.restarts(1, 0, false));
    }

    #[test]
    fn log_sizes_use_powers_of_1000() {
        assert_eq!(parse_log_size("max-size=10mb").unwrap(), 10_000_000);
        assert_eq!(parse_log_size("max-size=512k").unwrap(), 512_000);
        assert_eq!(parse_log_size("max-size=1.5m").unwrap(), 1_500_000);
        assert_eq!(parse_log_size("max-size=100").unwrap(), 100);
        assert!(parse_log_size("max-size=lots").is_err());
        assert!(parse_log_size("tag=x").is_err());
        assert!(parse_log_driver("syslog").is_err());
        assert_eq!(parse_log_driver("none").unwrap(), LogDriver::None);
    }
}
