//! From a profile to the concrete rules for one container: which groups apply given its
//! capabilities and architecture, and which syscall numbers the names mean there.

use std::path::PathBuf;

use seccompiler::TargetArch;

use super::profile::{self, Action, CmpOp, Profile, SyscallGroup};
use super::{ProfileProblem, SeccompError, tables};

/// A system call ABI a process on this machine can use: one audit architecture (and, for x32,
/// one range of syscall numbers) with its own table of numbers. An x86_64 kernel runs i386
/// and x32 programs too, so a filter for it covers all three, as podman's does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Abi {
    X86_64,
    /// i386 programs (`int 0x80`, sysenter), audit arch AUDIT_ARCH_I386.
    X86,
    /// x32 programs: AUDIT_ARCH_X86_64 with numbers that have `__X32_SYSCALL_BIT` set.
    X32,
    Aarch64,
}

impl Abi {
    /// libseccomp's name (`SCMP_ARCH_X86`), as profiles' `architectures` and `archMap` use it.
    pub fn scmp_name(self) -> &'static str {
        match self {
            Abi::X86_64 => "SCMP_ARCH_X86_64",
            Abi::X86 => "SCMP_ARCH_X86",
            Abi::X32 => "SCMP_ARCH_X32",
            Abi::Aarch64 => "SCMP_ARCH_AARCH64",
        }
    }

    /// The 32-bit ABIs the kernel of this 64-bit ABI also runs, that burrow filters.
    pub fn sub_abis(self) -> &'static [Abi] {
        match self {
            Abi::X86_64 => &[Abi::X86, Abi::X32],
            Abi::X86 | Abi::X32 | Abi::Aarch64 => &[],
        }
    }

    /// Go's and libseccomp's names, as `includes.arches` and `excludes.arches` use them.
    fn arch_names(self) -> &'static [&'static str] {
        match self {
            Abi::X86_64 => &["amd64", "x86_64"],
            Abi::X86 => &["386", "x86"],
            Abi::X32 => &["x32"],
            Abi::Aarch64 => &["arm64", "aarch64"],
        }
    }

    fn table(self) -> &'static [(&'static str, u32)] {
        match self {
            Abi::X86_64 => tables::X86_64_SYSCALLS,
            Abi::X86 => tables::X86_SYSCALLS,
            Abi::X32 => tables::X32_SYSCALLS,
            Abi::Aarch64 => tables::AARCH64_SYSCALLS,
        }
    }

    /// The architecture seccompiler builds the rules' dispatch for: the 32-bit x86 ABIs use
    /// x86_64's, whose arch check `compile::compile_abis` replaces.
    pub fn target(self) -> TargetArch {
        match self {
            Abi::X86_64 | Abi::X86 | Abi::X32 => TargetArch::x86_64,
            Abi::Aarch64 => TargetArch::aarch64,
        }
    }

    /// The 64-bit ABI of `arch`; burrow filters x86_64 and aarch64 only.
    pub fn of(arch: TargetArch) -> Result<Abi, SeccompError> {
        match arch {
            TargetArch::x86_64 => Ok(Abi::X86_64),
            TargetArch::aarch64 => Ok(Abi::Aarch64),
            TargetArch::riscv64 => Err(SeccompError::UnsupportedArch {
                arch: "riscv64".to_string(),
            }),
        }
    }
}

/// A profile resolved for one architecture and capability set, in profile order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub arch: TargetArch,
    pub abi: Abi,
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
/// `abi` may be a 32-bit one of the machine's architecture.
pub fn resolve_abi(profile: &Profile, caps: &[&str], abi: Abi) -> Result<Rules, SeccompError> {
    let problem = |problem: ProfileProblem| SeccompError::Profile {
        path: profile.origin.clone(),
        problem,
    };
    if profile.default_action.is_empty() {
        return Err(problem(ProfileProblem::NoDefaultAction));
    }
    let arch_names = abi.arch_names();
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
            let Some(nr) = abi_syscall_number(abi, name) else {
                tracing::debug!(
                    syscall = name,
                    ?abi,
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
        arch: abi.target(),
        abi,
        default_action,
        syscalls,
        origin: profile.origin.clone(),
    })
}

/// The syscall number of `name` in `abi` (x32's with `__X32_SYSCALL_BIT` set).
pub fn abi_syscall_number(abi: Abi, name: &str) -> Option<u32> {
    let table = abi.table();
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

fn normalize_cap(cap: &str) -> String {
    let upper = cap.trim().to_ascii_uppercase();
    if upper.starts_with("CAP_") {
        upper
    } else {
        format!("CAP_{upper}")
    }
}
