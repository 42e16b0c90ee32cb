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

pub use compile::compile;
pub use profile::{Action, ArchMapEntry, Arg, CmpOp, Filter, Profile, SyscallGroup, load_profile};
pub use resolve::{ArgCondition, Rules, SyscallRule, resolve, syscall_number};
pub use seccompiler::{BpfProgram, TargetArch};

/// podman's default profile as data. It mirrors containers/common pkg/seccomp/seccomp.json
/// (generated there from default_linux.go), restricted to the x86_64 and aarch64 archMap
/// entries, which are the only architectures burrow compiles for.
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
pub fn default_filter(caps: &[&str]) -> Result<BpfProgram, SeccompError> {
    compile(&resolve(&default_profile()?, caps, native_arch()?)?)
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

/// What the stored form of a filter starts with, and the bytes that follow it: a SHA-256 of
/// the instructions, then the instructions. A file that was cut short, garbled or replaced by
/// something that is not a filter burrow wrote is told apart from a filter, so a bad one is
/// never installed.
const MAGIC: &[u8] = b"burrow-bpf-1\n";

/// The filter as it is kept on disk (`decode` reads it back).
pub fn encode(program: &BpfProgram) -> Vec<u8> {
    use sha2::Digest;
    let mut body = Vec::with_capacity(program.len() * 8);
    for insn in program {
        body.extend_from_slice(&insn.code.to_le_bytes());
        body.push(insn.jt);
        body.push(insn.jf);
        body.extend_from_slice(&insn.k.to_le_bytes());
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

/// The filter `encode` wrote; `None` if the bytes are not one whole (checksum and all).
pub fn decode(bytes: &[u8]) -> Option<BpfProgram> {
    use sha2::Digest;
    let rest = bytes.strip_prefix(MAGIC)?;
    if rest.len() < 32 {
        return None;
    }
    let (sum, body) = rest.split_at(32);
    if body.is_empty() || !body.len().is_multiple_of(8) || sha2::Sha256::digest(body)[..] != *sum {
        return None;
    }
    Some(
        body.chunks_exact(8)
            .map(|c| seccompiler::sock_filter {
                code: u16::from_le_bytes([c[0], c[1]]),
                jt: c[2],
                jf: c[3],
                k: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests;
