//! Rules to a BPF program.
//!
//! seccompiler builds a filter with one on-match action and one default action, while a
//! profile mixes several (ALLOW, ERRNO with various errnos, ...). So we build one seccompiler
//! filter per action, each falling through to the next instead of returning its default, and
//! end with the profile's default action. Filters go in the order of the kernel's own
//! precedence between stacked filters (kill, trap, errno, log, allow), so where rules of
//! different actions overlap the most restrictive one wins.

use std::collections::BTreeMap;

use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule, sock_filter,
};

use super::SeccompError;
use super::profile::{Action, CmpOp};
use super::resolve::{Abi, Rules, SyscallRule};

/// The kernel's BPF_MAXINSNS.
const MAX_INSTRUCTIONS: usize = 4096;

// Classic BPF opcodes (linux/bpf_common.h) for the instructions we patch in.
const BPF_RET_K: u16 = 0x06;
const BPF_JMP_JA: u16 = 0x05;
const BPF_LD_W_ABS: u16 = 0x20;
const BPF_JMP_JEQ_K: u16 = 0x15;
const BPF_JMP_JGE_K: u16 = 0x35;

// struct seccomp_data: nr at 0, arch at 4.
const SECCOMP_DATA_NR: u32 = 0;
const SECCOMP_DATA_ARCH: u32 = 4;

// linux/audit.h: EM_X86_64|__AUDIT_ARCH_64BIT|__AUDIT_ARCH_LE, EM_386|__AUDIT_ARCH_LE.
const AUDIT_ARCH_X86_64: u32 = 62 | 0x8000_0000 | 0x4000_0000;
const AUDIT_ARCH_I386: u32 = 3 | 0x4000_0000;
/// asm/unistd.h: x32 system calls are x86_64's audit arch with this bit in the number.
const X32_SYSCALL_BIT: u32 = 0x4000_0000;
/// SECCOMP_RET_KILL_PROCESS: what a foreign architecture gets, as with seccompiler's check.
const RET_KILL_PROCESS: u32 = 0x8000_0000;
/// SECCOMP_RET_ALLOW: another filter of the stack decides.
const RET_ALLOW: u32 = 0x7fff_0000;

/// The filters for several ABIs of the machine, e.g. x86_64 with i386 and x32 as podman's
/// default profile has, to install together (stacked: the kernel runs each and the most
/// restrictive answer wins). One program for all would not fit: with seccompiler's dispatch
/// each ABI's rules take about 1,900 of the kernel's 4,096 instructions per program.
///
/// The first filter is the machine's own ABI's: it kills the process for an arch none of them
/// has, as a single-ABI filter does, and allows what belongs to another filter of the stack.
/// Every other filter allows what is not its ABI's. An x86_64 call runs 5 instructions ahead
/// of its rules, plus 3 of the i386 filter and 4 of the x32 one. `rules[0]` is the machine's
/// own ABI; a stack of one is `compile`'s program.
pub fn compile_abis(rules: &[Rules]) -> Result<Vec<BpfProgram>, SeccompError> {
    let Some(native) = rules.first() else {
        return Ok(Vec::new());
    };
    if rules.len() == 1 {
        return Ok(vec![compile(native)?]);
    }
    let has = |abi: Abi| rules.iter().any(|r| r.abi == abi);
    let mut stack = Vec::new();
    for r in rules {
        let prologue = arch_check_len(r)?;
        let mut body = compile(r)?;
        body.drain(..prologue);
        let mut program = match r.abi {
            Abi::X86_64 => {
                let mut head = vec![
                    load(SECCOMP_DATA_ARCH),
                    cond(BPF_JMP_JEQ_K, AUDIT_ARCH_X86_64, 3, 0),
                    cond(BPF_JMP_JEQ_K, AUDIT_ARCH_I386, 0, 1),
                    ret(if has(Abi::X86) {
                        RET_ALLOW
                    } else {
                        RET_KILL_PROCESS
                    }),
                    ret(RET_KILL_PROCESS),
                    load(SECCOMP_DATA_NR),
                    cond(BPF_JMP_JGE_K, X32_SYSCALL_BIT, 0, 1),
                    ret(if has(Abi::X32) {
                        RET_ALLOW
                    } else {
                        RET_KILL_PROCESS
                    }),
                ];
                head.extend(body);
                head
            }
            Abi::X32 => {
                let mut head = vec![
                    load(SECCOMP_DATA_ARCH),
                    cond(BPF_JMP_JEQ_K, AUDIT_ARCH_X86_64, 0, 2),
                    load(SECCOMP_DATA_NR),
                    cond(BPF_JMP_JGE_K, X32_SYSCALL_BIT, 1, 0),
                    ret(RET_ALLOW),
                ];
                head.extend(body);
                head
            }
            Abi::X86 => {
                let mut head = vec![
                    load(SECCOMP_DATA_ARCH),
                    cond(BPF_JMP_JEQ_K, AUDIT_ARCH_I386, 1, 0),
                    ret(RET_ALLOW),
                ];
                head.extend(body);
                head
            }
            Abi::Aarch64 => compile(r)?,
        };
        if program.len() > MAX_INSTRUCTIONS {
            return Err(SeccompError::TooLarge {
                path: r.origin.clone(),
                instructions: program.len(),
                max: MAX_INSTRUCTIONS,
            });
        }
        program.shrink_to_fit();
        stack.push(program);
    }
    Ok(stack)
}

fn load(offset: u32) -> sock_filter {
    sock_filter {
        code: BPF_LD_W_ABS,
        jt: 0,
        jf: 0,
        k: offset,
    }
}

fn cond(code: u16, k: u32, jt: u8, jf: u8) -> sock_filter {
    sock_filter { code, jt, jf, k }
}

fn ret(k: u32) -> sock_filter {
    sock_filter {
        code: BPF_RET_K,
        jt: 0,
        jf: 0,
        k,
    }
}

/// The per-action filters' default action, replaced by a jump to the next filter. TRACE is
/// never a real action here (compile rejects it), so its return value cannot be confused
/// with one.
const FALL_THROUGH: SeccompAction = SeccompAction::Trace(0xb0b);

pub fn compile(rules: &Rules) -> Result<BpfProgram, SeccompError> {
    let default = seccomp_action(rules, rules.default_action, "defaultAction")?;
    let prologue_len = arch_check_len(rules)?;

    let mut program: BpfProgram = Vec::new();
    for (action, by_nr) in group_by_action(rules)? {
        let filter = SeccompFilter::new(by_nr, FALL_THROUGH, action, rules.arch)
            .map_err(|source| build_error(rules, source))?;
        let mut part: BpfProgram =
            BpfProgram::try_from(filter).map_err(|source| build_error(rules, source))?;
        if !program.is_empty() {
            // The architecture was checked by the first part already.
            part.drain(..prologue_len);
        }
        let fall_through = u32::from(FALL_THROUGH);
        let len = part.len();
        for (at, insn) in part.iter_mut().enumerate() {
            if insn.code == BPF_RET_K && insn.k == fall_through {
                // Lands on the first instruction after this part.
                *insn = jump((len - at - 1) as u32);
            }
        }
        program.extend(part);
    }
    if program.is_empty() {
        // No rule differs from the default: check the arch, then apply the default.
        let filter = SeccompFilter::new(BTreeMap::new(), default, FALL_THROUGH, rules.arch)
            .map_err(|source| build_error(rules, source))?;
        return BpfProgram::try_from(filter).map_err(|source| build_error(rules, source));
    }
    program.push(sock_filter {
        code: BPF_RET_K,
        jt: 0,
        jf: 0,
        k: u32::from(default),
    });
    if program.len() > MAX_INSTRUCTIONS {
        return Err(SeccompError::TooLarge {
            path: rules.origin.clone(),
            instructions: program.len(),
            max: MAX_INSTRUCTIONS,
        });
    }
    Ok(program)
}

type RulesByNr = BTreeMap<i64, Vec<SeccompRule>>;
/// None: the syscall matches unconditionally; Some: it matches when any rule holds.
type PendingRulesByNr = BTreeMap<i64, Option<Vec<SeccompRule>>>;

/// Rules per action, most restrictive action first; rules whose action is the default
/// are dropped (as runc does), since the default applies to them anyway.
fn group_by_action(rules: &Rules) -> Result<Vec<(SeccompAction, RulesByNr)>, SeccompError> {
    let mut groups: Vec<(Action, PendingRulesByNr)> = Vec::new();
    for rule in rules
        .syscalls
        .iter()
        .filter(|r| r.action != rules.default_action)
    {
        seccomp_action(rules, rule.action, &format!("syscall {}", rule.name))?;
        let at = match groups.iter().position(|(action, _)| *action == rule.action) {
            Some(at) => at,
            None => {
                groups.push((rule.action, BTreeMap::new()));
                groups.len() - 1
            }
        };
        let entry = groups[at]
            .1
            .entry(i64::from(rule.nr))
            .or_insert_with(|| Some(Vec::new()));
        match (entry, seccomp_rule(rules, rule)?) {
            (Some(alternatives), Some(condition)) => alternatives.push(condition),
            (entry, None) => *entry = None,
            (None, Some(_)) => {}
        }
    }
    // Stable, so errnos keep profile order among themselves.
    groups.sort_by_key(|(action, _)| precedence(*action));
    groups
        .into_iter()
        .map(|(action, by_nr)| {
            let by_nr = by_nr
                .into_iter()
                .map(|(nr, rules)| (nr, rules.unwrap_or_default()))
                .collect();
            Ok((seccomp_action(rules, action, "")?, by_nr))
        })
        .collect()
}

/// The kernel's precedence between stacked filters' results (seccomp(2)).
fn precedence(action: Action) -> u8 {
    match action {
        Action::KillProcess => 0,
        Action::KillThread => 1,
        Action::Trap => 2,
        Action::Errno(_) => 3,
        Action::Notify => 4,
        Action::Trace(_) => 5,
        Action::Log => 6,
        Action::Allow => 7,
    }
}

/// `None` when the rule has no conditions, i.e. matches on the syscall number alone.
fn seccomp_rule(rules: &Rules, rule: &SyscallRule) -> Result<Option<SeccompRule>, SeccompError> {
    if rule.args.is_empty() {
        return Ok(None);
    }
    let conditions = rule
        .args
        .iter()
        .map(|arg| {
            let (op, value) = match arg.op {
                CmpOp::Eq => (SeccompCmpOp::Eq, arg.value),
                CmpOp::Ne => (SeccompCmpOp::Ne, arg.value),
                CmpOp::Lt => (SeccompCmpOp::Lt, arg.value),
                CmpOp::Le => (SeccompCmpOp::Le, arg.value),
                CmpOp::Gt => (SeccompCmpOp::Gt, arg.value),
                CmpOp::Ge => (SeccompCmpOp::Ge, arg.value),
                CmpOp::MaskedEq { mask } => (SeccompCmpOp::MaskedEq(mask), arg.value),
            };
            // libseccomp compares all 64 bits, so profiles are written for that.
            SeccompCondition::new(arg.index, SeccompCmpArgLen::Qword, op, value)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|source| build_error(rules, source))?;
    SeccompRule::new(conditions)
        .map(Some)
        .map_err(|source| build_error(rules, source))
}

fn seccomp_action(
    rules: &Rules,
    action: Action,
    place: &str,
) -> Result<SeccompAction, SeccompError> {
    match action {
        Action::Allow => Ok(SeccompAction::Allow),
        Action::Errno(errno) => Ok(SeccompAction::Errno(errno)),
        Action::KillThread => Ok(SeccompAction::KillThread),
        Action::KillProcess => Ok(SeccompAction::KillProcess),
        Action::Trap => Ok(SeccompAction::Trap),
        Action::Log => Ok(SeccompAction::Log),
        Action::Trace(_) | Action::Notify => Err(SeccompError::UnsupportedAction {
            path: rules.origin.clone(),
            action: action.name(),
            place: if place.is_empty() {
                "a syscall group".to_string()
            } else {
                place.to_string()
            },
        }),
    }
}

/// How many instructions seccompiler puts before the syscall dispatch, learnt from an empty
/// filter (prologue plus one return) rather than assumed.
fn arch_check_len(rules: &Rules) -> Result<usize, SeccompError> {
    let empty = SeccompFilter::new(
        BTreeMap::new(),
        SeccompAction::Allow,
        FALL_THROUGH,
        rules.arch,
    )
    .map_err(|source| build_error(rules, source))?;
    let program = BpfProgram::try_from(empty).map_err(|source| build_error(rules, source))?;
    Ok(program.len() - 1)
}

fn jump(offset: u32) -> sock_filter {
    sock_filter {
        code: BPF_JMP_JA,
        jt: 0,
        jf: 0,
        k: offset,
    }
}

fn build_error(rules: &Rules, source: seccompiler::BackendError) -> SeccompError {
    SeccompError::Build {
        path: rules.origin.clone(),
        source,
    }
}
