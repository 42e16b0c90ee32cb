//! From a profile to the concrete rules for one container: which groups apply given its
//! capabilities and architecture, and which syscall numbers the names mean there.

use std::path::PathBuf;

use seccompiler::TargetArch;

use super::profile::{self, Action, CmpOp, Profile, SyscallGroup};
use super::{ProfileProblem, SeccompError, tables};

/// A profile resolved for one architecture and capability set, in profile order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub arch: TargetArch,
    pub default_action: Action,
    pub syscalls: Vec<SyscallRule>,
    /// The profile's file, for error messages.
    pub origin: PathBuf,
}

/// One syscall under one action; `args` must all hold (an empty list always matches).
/// Several rules for the same syscall and action are alternatives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyscallRule {
    pub name: String,
    pub nr: u32,
    pub action: Action,
    pub args: Vec<ArgCondition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgCondition {
    pub index: u8,
    pub op: CmpOp,
    pub value: u64,
}

/// Applies `includes`/`excludes` as containers/common does: a group needs every capability
/// in `includes.caps`, none of `excludes.caps`, and the arch in `includes.arches` (if set)
/// and not in `excludes.arches`. Names the arch does not have are skipped, as libseccomp does.
pub fn resolve(profile: &Profile, caps: &[&str], arch: TargetArch) -> Result<Rules, SeccompError> {
    let problem = |problem: ProfileProblem| SeccompError::Profile {
        path: profile.origin.clone(),
        problem,
    };
    if profile.default_action.is_empty() {
        return Err(problem(ProfileProblem::NoDefaultAction));
    }
    let arch_names = arch_names(arch)?;
    let caps: Vec<String> = caps.iter().map(|cap| normalize_cap(cap)).collect();
    let has_cap = |cap: &String| caps.contains(&normalize_cap(cap));
    let on_arch = |listed: &String| arch_names.contains(&listed.as_str());

    let default_action = profile::default_action(profile).map_err(problem)?;
    let mut syscalls = Vec::new();
    for group in &profile.syscalls {
        if group.excludes.arches.iter().any(on_arch)
            || group.excludes.caps.iter().any(has_cap)
            || (!group.includes.arches.is_empty() && !group.includes.arches.iter().any(on_arch))
            || !group.includes.caps.iter().all(has_cap)
        {
            continue;
        }
        let action = profile::group_action(group).map_err(problem)?;
        let alternatives = arg_alternatives(group).map_err(problem)?;
        for name in profile::group_names(group).map_err(problem)? {
            let Some(nr) = syscall_number(arch, name) else {
                tracing::debug!(
                    syscall = name,
                    ?arch,
                    "seccomp profile names a syscall this architecture does not have; skipped"
                );
                continue;
            };
            for args in &alternatives {
                syscalls.push(SyscallRule {
                    name: name.to_string(),
                    nr,
                    action,
                    args: args.clone(),
                });
            }
        }
    }
    Ok(Rules {
        arch,
        default_action,
        syscalls,
        origin: profile.origin.clone(),
    })
}

/// The syscall number of `name` on `arch`, from the kernel's tables.
pub fn syscall_number(arch: TargetArch, name: &str) -> Option<u32> {
    let table = match arch {
        TargetArch::x86_64 => tables::X86_64_SYSCALLS,
        TargetArch::aarch64 => tables::AARCH64_SYSCALLS,
        TargetArch::riscv64 => return None,
    };
    table
        .binary_search_by(|(known, _)| (*known).cmp(name))
        .ok()
        .map(|found| table[found].1)
}

/// The argument conditions of a group, as a list of alternatives. Normally that is one
/// list (all must hold), but runc turns a group that compares the same argument twice into
/// one rule per condition, since libseccomp cannot AND two conditions on one argument;
/// we do the same so such profiles mean what they mean under podman.
fn arg_alternatives(group: &SyscallGroup) -> Result<Vec<Vec<ArgCondition>>, ProfileProblem> {
    let mut conditions = Vec::new();
    for arg in group.args.iter().flatten() {
        let (index, op, value) = profile::arg_condition(group, arg)?;
        conditions.push(ArgCondition { index, op, value });
    }
    let repeats_an_index = conditions
        .iter()
        .enumerate()
        .any(|(i, a)| conditions[..i].iter().any(|b| b.index == a.index));
    if repeats_an_index {
        Ok(conditions.into_iter().map(|c| vec![c]).collect())
    } else {
        Ok(vec![conditions])
    }
}

/// Go's and libseccomp's names for an arch, since profiles use Go's (`amd64`).
fn arch_names(arch: TargetArch) -> Result<&'static [&'static str], SeccompError> {
    match arch {
        TargetArch::x86_64 => Ok(&["amd64", "x86_64"]),
        TargetArch::aarch64 => Ok(&["arm64", "aarch64"]),
        TargetArch::riscv64 => Err(SeccompError::UnsupportedArch {
            arch: "riscv64".to_string(),
        }),
    }
}

fn normalize_cap(cap: &str) -> String {
    let upper = cap.trim().to_ascii_uppercase();
    if upper.starts_with("CAP_") {
        upper
    } else {
        format!("CAP_{upper}")
    }
}
