//! Seccomp filters for containers: podman's default profile and user profiles given with
//! `--security-opt seccomp=PROFILE.json`, turned into a classic BPF program.
//!
//! Three steps, all without syscalls: [`load_profile`] reads the docker/podman JSON format,
//! [`resolve`] applies the capability and architecture includes/excludes and maps names to
//! numbers, [`compile`] builds the BPF program with seccompiler. Installing it
//! (`seccompiler::apply_filter` after `PR_SET_NO_NEW_PRIVS`) is the runtime's job.

mod compile;
mod profile;
mod resolve;
mod tables;

use std::path::{Path, PathBuf};

pub use compile::{compile, compile_abis};
pub use profile::{Action, ArchMapEntry, Arg, CmpOp, Filter, Profile, SyscallGroup, load_profile};
pub use resolve::{Abi, ArgCondition, Rules, SyscallRule, abi_syscall_number, resolve_abi};
pub use seccompiler::{BpfProgram, TargetArch};

/// podman's default profile as data. It mirrors containers/common pkg/seccomp/seccomp.json
/// (generated there from default_linux.go), restricted to the x86_64 and aarch64 archMap
/// entries, which are the only architectures burrow compiles for (with x86_64's i386 and
/// x32 sub-architectures).
const DEFAULT_PROFILE_JSON: &str = include_str!("default.json");

#[derive(Debug, thiserror::Error)]
pub enum SeccompError {
    #[error(
        "seccomp profile {path}: invalid JSON at line {line}, column {column}: {message}; fix the file or run with --security-opt seccomp=unconfined"
    )]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("seccomp profile {path}: {problem}")]
    Profile {
        path: PathBuf,
        problem: ProfileProblem,
    },
    #[error(
        "seccomp profile {path}: action {action} for {place} is not supported by burrow; use SCMP_ACT_ERRNO or SCMP_ACT_KILL_PROCESS instead"
    )]
    UnsupportedAction {
        path: PathBuf,
        action: &'static str,
        place: String,
    },
    #[error(
        "seccomp filters for architecture {arch} are not supported; burrow supports x86_64 and aarch64, run with --security-opt seccomp=unconfined"
    )]
    UnsupportedArch { arch: String },
    #[error(
        "seccomp profile {path}: the compiled filter has {instructions} BPF instructions, more than the kernel's limit of {max}; merge or drop argument rules"
    )]
    TooLarge {
        path: PathBuf,
        instructions: usize,
        max: usize,
    },
    #[error("seccomp profile {path}: building the BPF program failed: {source}")]
    Build {
        path: PathBuf,
        #[source]
        source: seccompiler::BackendError,
    },
}

/// What is wrong inside a profile, independent of which file it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileProblem {
    #[error(
        "unknown action \"{action}\" in {place}; use one of {}",
        profile::ACTION_NAMES
    )]
    UnknownAction { action: String, place: String },
    #[error(
        "unknown comparison \"{op}\" in {place}; use one of SCMP_CMP_EQ, SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_GT, SCMP_CMP_GE, SCMP_CMP_MASKED_EQ"
    )]
    UnknownOperator { op: String, place: String },
    #[error("unknown errno \"{errno}\" in {place}; use a name such as EPERM or a number")]
    UnknownErrno { errno: String, place: String },
    #[error("argument index {index} in {place} is out of range; syscalls have arguments 0 to 5")]
    ArgIndex { index: u32, place: String },
    #[error("a syscall group has both \"name\" ({name}) and \"names\"; use only \"names\"")]
    NameAndNames { name: String },
    #[error("both \"architectures\" and \"archMap\" are set; use only one of them")]
    ArchitecturesAndArchMap,
    #[error("\"defaultAction\" is missing; set it, e.g. to SCMP_ACT_ERRNO")]
    NoDefaultAction,
}

/// podman's default profile, parsed.
pub fn default_profile() -> Result<Profile, SeccompError> {
    load_profile(DEFAULT_PROFILE_JSON, Path::new("<built-in default>"))
}

/// The default profile compiled for this machine's architecture and the container's
/// capabilities (names such as `CAP_SYS_ADMIN`; the `CAP_` prefix is optional).
pub fn default_filter(caps: &[&str]) -> Result<FilterStack, SeccompError> {
    filter(&default_profile()?, caps)
}

/// The filters a process gets, installed in this order; each is one BPF program.
pub type FilterStack = Vec<BpfProgram>;

/// A profile compiled for the container's capabilities and every ABI of this machine the
/// profile names (see [`profile_abis`]).
pub fn filter(profile: &Profile, caps: &[&str]) -> Result<FilterStack, SeccompError> {
    let rules = profile_abis(profile, native_abi()?)
        .into_iter()
        .map(|abi| resolve_abi(profile, caps, abi))
        .collect::<Result<Vec<_>, _>>()?;
    compile_abis(&rules)
}

/// Names what [`filter`]'s programs look like, for keys of cached compilations: a filter
/// cached by a burrow that laid them out otherwise is never taken for this one's.
pub const FILTER_LAYOUT: &str = "stack-1";

/// The ABIs a profile's filter covers, the machine's own first, as libseccomp adds them for
/// containers/common: an `archMap` entry for the machine's arch adds it and its
/// `subArchitectures`, an `architectures` list the ones it names, and a profile that names
/// none covers the machine's own only. Names burrow cannot filter on this machine are left
/// out, as libseccomp leaves out arches the kernel cannot run.
pub fn profile_abis(profile: &Profile, native: Abi) -> Vec<Abi> {
    let named: Vec<&str> = if !profile.arch_map.is_empty() {
        profile
            .arch_map
            .iter()
            .filter(|entry| entry.architecture == native.scmp_name())
            .flat_map(|entry| {
                std::iter::once(entry.architecture.as_str())
                    .chain(entry.sub_architectures.iter().map(String::as_str))
            })
            .collect()
    } else {
        profile.architectures.iter().map(String::as_str).collect()
    };
    let mut abis = vec![native];
    abis.extend(
        native
            .sub_abis()
            .iter()
            .filter(|abi| named.contains(&abi.scmp_name())),
    );
    abis
}

/// This machine's own system call ABI.
pub fn native_abi() -> Result<Abi, SeccompError> {
    Abi::of(native_arch()?)
}

/// The architecture burrow itself runs on, which is the one the container's syscalls use.
pub fn native_arch() -> Result<TargetArch, SeccompError> {
    match std::env::consts::ARCH {
        "x86_64" => Ok(TargetArch::x86_64),
        "aarch64" => Ok(TargetArch::aarch64),
        other => Err(SeccompError::UnsupportedArch {
            arch: other.to_string(),
        }),
    }
}

/// What the stored form of a filter stack starts with, and the bytes that follow it: a SHA-256
/// of the rest, then each program as its length (u16) and its instructions. A file that was
/// cut short, garbled or replaced by something that is not a filter burrow wrote is told apart
/// from a filter, so a bad one is never installed.
const MAGIC: &[u8] = b"burrow-bpf-2\n";
/// The form of one program, without lengths, that containers created by earlier burrows keep.
const MAGIC_ONE: &[u8] = b"burrow-bpf-1\n";

/// The filters as they are kept on disk (`decode` reads them back).
pub fn encode(stack: &[BpfProgram]) -> Vec<u8> {
    use sha2::Digest;
    let mut body = Vec::new();
    for program in stack {
        let len = u16::try_from(program.len()).expect("programs are at most 4096 instructions");
        body.extend_from_slice(&len.to_le_bytes());
        for insn in program {
            body.extend_from_slice(&insn.code.to_le_bytes());
            body.push(insn.jt);
            body.push(insn.jf);
            body.extend_from_slice(&insn.k.to_le_bytes());
        }
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&sha2::Sha256::digest(&body));
    out.extend_from_slice(&body);
    out
}

/// A hash of the default profile burrow carries, for keys of cached compilations: a cache
/// made from another profile is never taken for this one's.
pub fn default_profile_hash() -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(DEFAULT_PROFILE_JSON.as_bytes()))
}

/// The filters `encode` wrote (or the one program of the earlier form); `None` if the bytes
/// are not one whole (checksum and all).
pub fn decode(bytes: &[u8]) -> Option<FilterStack> {
    use sha2::Digest;
    let (rest, one) = match bytes.strip_prefix(MAGIC) {
        Some(rest) => (rest, false),
        None => (bytes.strip_prefix(MAGIC_ONE)?, true),
    };
    if rest.len() < 32 {
        return None;
    }
    let (sum, mut body) = rest.split_at(32);
    if body.is_empty() || sha2::Sha256::digest(body)[..] != *sum {
        return None;
    }
    let instructions = |bytes: &[u8]| -> BpfProgram {
        bytes
            .chunks_exact(8)
            .map(|c| seccompiler::sock_filter {
                code: u16::from_le_bytes([c[0], c[1]]),
                jt: c[2],
                jf: c[3],
                k: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            })
            .collect()
    };
    if one {
        return body
            .len()
            .is_multiple_of(8)
            .then(|| vec![instructions(body)]);
    }
    let mut stack = Vec::new();
    while !body.is_empty() {
        let (len, rest) = body.split_at_checked(2)?;
        let len = usize::from(u16::from_le_bytes([len[0], len[1]])) * 8;
        let (program, rest) = rest.split_at_checked(len)?;
        if program.is_empty() {
            return None;
        }
        stack.push(instructions(program));
        body = rest;
    }
    Some(stack)
}

#[cfg(test)]
mod tests;
