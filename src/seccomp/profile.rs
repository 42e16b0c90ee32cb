//! The docker/podman seccomp profile JSON format, as read by `--security-opt seccomp=FILE`.
//!
//! Field names and their meaning follow containers/common pkg/seccomp (types.go and
//! seccomp_linux.go), which is what podman uses; moby's format is the same plus `minKernel`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ProfileProblem, SeccompError, tables};

/// A whole seccomp profile file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Action for syscalls no rule matches, e.g. `SCMP_ACT_ERRNO`.
    #[serde(default)]
    pub default_action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_errno_ret: Option<u32>,
    /// Errno name (`ENOSYS`) or number; wins over `defaultErrnoRet` as in containers/common.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_errno: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub architectures: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arch_map: Vec<ArchMapEntry>,
    #[serde(default)]
    pub syscalls: Vec<SyscallGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// Where the profile came from, for error messages; not part of the JSON.
    #[serde(skip)]
    pub origin: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchMapEntry {
    pub architecture: String,
    #[serde(default)]
    pub sub_architectures: Vec<String>,
}

/// One entry of `syscalls`: the same action and argument conditions for a list of names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyscallGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub names: Vec<String>,
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errno_ret: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errno: Option<String>,
    /// `null` in some published profiles, hence the Option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<Arg>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default)]
    pub includes: Filter,
    #[serde(default)]
    pub excludes: Filter,
}

/// A condition on one syscall argument. For `SCMP_CMP_MASKED_EQ`, `value` is the mask and
/// `valueTwo` the value the masked argument must equal (libseccomp's order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Arg {
    pub index: u32,
    #[serde(default)]
    pub value: u64,
    #[serde(default)]
    pub value_two: u64,
    pub op: String,
}

/// `includes`/`excludes`: a group is used only when the container has all `includes.caps`, runs on
/// one of `includes.arches`, has none of `excludes.caps` and does not run on `excludes.arches`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Filter {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caps: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arches: Vec<String>,
    /// Accepted for moby compatibility but ignored, as podman ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_kernel: Option<String>,
}

/// What the filter does with a matching syscall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Allow,
    Errno(u32),
    KillThread,
    KillProcess,
    Trap,
    Log,
    /// Parsed so profiles load, but burrow runs no tracer, so compiling it fails.
    Trace(u32),
    /// Parsed so profiles load, but burrow runs no seccomp agent, so compiling it fails.
    Notify,
}

impl Action {
    /// The profile spelling, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Action::Allow => "SCMP_ACT_ALLOW",
            Action::Errno(_) => "SCMP_ACT_ERRNO",
            Action::KillThread => "SCMP_ACT_KILL_THREAD",
            Action::KillProcess => "SCMP_ACT_KILL_PROCESS",
            Action::Trap => "SCMP_ACT_TRAP",
            Action::Log => "SCMP_ACT_LOG",
            Action::Trace(_) => "SCMP_ACT_TRACE",
            Action::Notify => "SCMP_ACT_NOTIFY",
        }
    }
}

pub(crate) const ACTION_NAMES: &str = "SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_KILL, \
     SCMP_ACT_KILL_THREAD, SCMP_ACT_KILL_PROCESS, SCMP_ACT_TRAP, SCMP_ACT_LOG";

/// Comparison of a syscall argument, as libseccomp's `SCMP_CMP_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    MaskedEq { mask: u64 },
}

/// Reads a profile; `path` is only used to name the file in errors.
pub fn load_profile(json: &str, path: &Path) -> Result<Profile, SeccompError> {
    let mut profile: Profile = serde_json::from_str(json).map_err(|err| SeccompError::Json {
        path: path.to_path_buf(),
        line: err.line(),
        column: err.column(),
        // serde_json appends the position, which the error already shows.
        message: err
            .to_string()
            .trim_end_matches(&format!(" at line {} column {}", err.line(), err.column()))
            .to_string(),
    })?;
    profile.origin = path.to_path_buf();
    check(&profile).map_err(|problem| SeccompError::Profile {
        path: path.to_path_buf(),
        problem,
    })?;
    Ok(profile)
}

/// Checks everything that does not depend on capabilities or architecture, so a broken
/// profile is reported when it is loaded rather than only on the arch that reaches the bad part.
fn check(profile: &Profile) -> Result<(), ProfileProblem> {
    if !profile.architectures.is_empty() && !profile.arch_map.is_empty() {
        return Err(ProfileProblem::ArchitecturesAndArchMap);
    }
    if !profile.default_action.is_empty() {
        default_action(profile)?;
    }
    for group in &profile.syscalls {
        group_names(group)?;
        group_action(group)?;
        for arg in group.args.iter().flatten() {
            arg_condition(group, arg)?;
        }
    }
    Ok(())
}

pub(crate) fn default_action(profile: &Profile) -> Result<Action, ProfileProblem> {
    let errno = errno_value(
        profile.default_errno.as_deref(),
        profile.default_errno_ret,
        "defaultErrno",
    )?;
    parse_action(&profile.default_action, errno, "defaultAction")
}

pub(crate) fn group_action(group: &SyscallGroup) -> Result<Action, ProfileProblem> {
    let place = group_place(group);
    let errno = errno_value(group.errno.as_deref(), group.errno_ret, &place)?;
    parse_action(&group.action, errno, &place)
}

/// The names a group applies to; `name` and `names` together are rejected as podman does.
pub(crate) fn group_names(group: &SyscallGroup) -> Result<Vec<&str>, ProfileProblem> {
    match &group.name {
        Some(name) if !group.names.is_empty() => {
            Err(ProfileProblem::NameAndNames { name: name.clone() })
        }
        Some(name) => Ok(vec![name.as_str()]),
        None => Ok(group.names.iter().map(String::as_str).collect()),
    }
}

pub(crate) fn arg_condition(
    group: &SyscallGroup,
    arg: &Arg,
) -> Result<(u8, CmpOp, u64), ProfileProblem> {
    // The kernel passes six syscall arguments in seccomp_data.
    let index = u8::try_from(arg.index)
        .ok()
        .filter(|index| *index < 6)
        .ok_or_else(|| ProfileProblem::ArgIndex {
            index: arg.index,
            place: group_place(group),
        })?;
    let (op, value) = match arg.op.as_str() {
        "SCMP_CMP_EQ" => (CmpOp::Eq, arg.value),
        "SCMP_CMP_NE" => (CmpOp::Ne, arg.value),
        "SCMP_CMP_LT" => (CmpOp::Lt, arg.value),
        "SCMP_CMP_LE" => (CmpOp::Le, arg.value),
        "SCMP_CMP_GT" => (CmpOp::Gt, arg.value),
        "SCMP_CMP_GE" => (CmpOp::Ge, arg.value),
        "SCMP_CMP_MASKED_EQ" => (CmpOp::MaskedEq { mask: arg.value }, arg.value_two),
        other => {
            return Err(ProfileProblem::UnknownOperator {
                op: other.to_string(),
                place: group_place(group),
            });
        }
    };
    Ok((index, op, value))
}

fn parse_action(name: &str, errno: Option<u32>, place: &str) -> Result<Action, ProfileProblem> {
    // libseccomp's, and so runc's, errno when a profile gives none.
    const EPERM: u32 = 1;
    Ok(match name {
        "SCMP_ACT_ALLOW" => Action::Allow,
        "SCMP_ACT_ERRNO" => Action::Errno(errno.unwrap_or(EPERM)),
        // libseccomp defines SCMP_ACT_KILL as SCMP_ACT_KILL_THREAD.
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => Action::KillThread,
        "SCMP_ACT_KILL_PROCESS" => Action::KillProcess,
        "SCMP_ACT_TRAP" => Action::Trap,
        "SCMP_ACT_LOG" => Action::Log,
        "SCMP_ACT_TRACE" => Action::Trace(errno.unwrap_or(EPERM)),
        "SCMP_ACT_NOTIFY" => Action::Notify,
        other => {
            return Err(ProfileProblem::UnknownAction {
                action: other.to_string(),
                place: place.to_string(),
            });
        }
    })
}

fn errno_value(
    name: Option<&str>,
    number: Option<u32>,
    place: &str,
) -> Result<Option<u32>, ProfileProblem> {
    let Some(name) = name.filter(|name| !name.is_empty()) else {
        return Ok(number);
    };
    if let Ok(value) = name.parse::<u32>() {
        return Ok(Some(value));
    }
    tables::ERRNOS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, value)| Some(*value))
        .ok_or_else(|| ProfileProblem::UnknownErrno {
            errno: name.to_string(),
            place: place.to_string(),
        })
}

/// Names a group in messages by its first syscalls, since groups have no id.
fn group_place(group: &SyscallGroup) -> String {
    let names: Vec<&str> = group
        .name
        .iter()
        .chain(group.names.iter())
        .map(String::as_str)
        .collect();
    match names.len() {
        0 => "the syscall group without names".to_string(),
        1..=3 => format!("syscalls [{}]", names.join(", ")),
        n => format!("syscalls [{}, ... {} more]", names[..3].join(", "), n - 3),
    }
}
