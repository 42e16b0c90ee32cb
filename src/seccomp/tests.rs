use std::path::Path;
use std::time::Instant;

use super::*;

/// The rules for `arch`'s own (64-bit) ABI.
fn resolve(profile: &Profile, caps: &[&str], arch: TargetArch) -> Result<Rules, SeccompError> {
    resolve_abi(profile, caps, Abi::of(arch)?)
}

/// The syscall number of `name` in `arch`'s own ABI.
fn syscall_number(arch: TargetArch, name: &str) -> Option<u32> {
    abi_syscall_number(Abi::of(arch).ok()?, name)
}

/// podman's default capability set (containers.conf default_capabilities).
const PODMAN_DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_NET_BIND_SERVICE",
    "CAP_SETFCAP",
    "CAP_SETGID",
    "CAP_SETPCAP",
    "CAP_SETUID",
    "CAP_SYS_CHROOT",
];

fn load(json: &str) -> Result<Profile, SeccompError> {
    load_profile(json, Path::new("/etc/test/profile.json"))
}

fn rules_for<'a>(rules: &'a Rules, name: &str) -> Vec<&'a SyscallRule> {
    rules.syscalls.iter().filter(|r| r.name == name).collect()
}

#[test]
fn default_profile_loads_with_podman_defaults() {
    let profile = default_profile().unwrap();
    assert_eq!(profile.default_action, "SCMP_ACT_ERRNO");
    assert_eq!(profile.default_errno_ret, Some(38));
    let rules = resolve(&profile, PODMAN_DEFAULT_CAPS, TargetArch::x86_64).unwrap();
    assert_eq!(rules.default_action, Action::Errno(libc::ENOSYS as u32));
    for allowed in [
        "read", "write", "openat", "execve", "clone3", "mount", "unshare", "keyctl",
    ] {
        let found = rules_for(&rules, allowed);
        assert!(
            found
                .iter()
                .any(|r| r.action == Action::Allow && r.args.is_empty()),
            "{allowed} should be allowed: {found:?}"
        );
    }
    for denied in ["kexec_load", "vmsplice", "userfaultfd", "swapon"] {
        let found = rules_for(&rules, denied);
        assert_eq!(found.len(), 1, "{denied}: {found:?}");
        assert_eq!(found[0].action, Action::Errno(libc::EPERM as u32));
    }
    // personality is allowed only for a few personas.
    let personality = rules_for(&rules, "personality");
    assert_eq!(personality.len(), 5);
    assert!(
        personality
            .iter()
            .all(|r| r.args.len() == 1 && r.args[0].op == CmpOp::Eq)
    );
}

#[test]
fn every_action_parses() {
    let json = r#"{
        "defaultAction": "SCMP_ACT_KILL_PROCESS",
        "syscalls": [
            {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
            {"names": ["write"], "action": "SCMP_ACT_ERRNO"},
            {"names": ["openat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
            {"names": ["close"], "action": "SCMP_ACT_ERRNO", "errno": "EACCES", "errnoRet": 5},
            {"names": ["dup"], "action": "SCMP_ACT_KILL"},
            {"names": ["dup2"], "action": "SCMP_ACT_KILL_THREAD"},
            {"names": ["dup3"], "action": "SCMP_ACT_KILL_PROCESS"},
            {"names": ["pipe"], "action": "SCMP_ACT_TRAP"},
            {"names": ["pipe2"], "action": "SCMP_ACT_LOG"},
            {"names": ["ptrace"], "action": "SCMP_ACT_TRACE"},
            {"name": "getpid", "action": "SCMP_ACT_NOTIFY"}
        ]
    }"#;
    let rules = resolve(&load(json).unwrap(), &[], TargetArch::x86_64).unwrap();
    let action = |name: &str| rules_for(&rules, name)[0].action;
    assert_eq!(rules.default_action, Action::KillProcess);
    assert_eq!(action("read"), Action::Allow);
    assert_eq!(action("write"), Action::Errno(libc::EPERM as u32));
    assert_eq!(action("openat"), Action::Errno(13));
    // The errno name wins over errnoRet, as in containers/common.
    assert_eq!(action("close"), Action::Errno(libc::EACCES as u32));
    assert_eq!(action("dup"), Action::KillThread);
    assert_eq!(action("dup2"), Action::KillThread);
    assert_eq!(action("dup3"), Action::KillProcess);
    assert_eq!(action("pipe"), Action::Trap);
    assert_eq!(action("pipe2"), Action::Log);
    assert_eq!(action("ptrace"), Action::Trace(libc::EPERM as u32));
    assert_eq!(action("getpid"), Action::Notify);
}

#[test]
fn every_comparison_parses() {
    let json = r#"{
        "defaultAction": "SCMP_ACT_ERRNO",
        "syscalls": [{"names": ["ioctl"], "action": "SCMP_ACT_ALLOW", "args": [
            {"index": 0, "value": 1, "op": "SCMP_CMP_EQ"},
            {"index": 1, "value": 2, "op": "SCMP_CMP_NE"},
            {"index": 2, "value": 3, "op": "SCMP_CMP_LT"},
            {"index": 3, "value": 4, "op": "SCMP_CMP_LE"},
            {"index": 4, "value": 5, "op": "SCMP_CMP_GT"},
            {"index": 5, "value": 6, "op": "SCMP_CMP_GE"}
        ]}, {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [
            {"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}
        ]}]
    }"#;
    let rules = resolve(&load(json).unwrap(), &[], TargetArch::aarch64).unwrap();
    let ioctl = rules_for(&rules, "ioctl");
    assert_eq!(ioctl.len(), 1);
    let ops: Vec<(u8, CmpOp, u64)> = ioctl[0]
        .args
        .iter()
        .map(|a| (a.index, a.op, a.value))
        .collect();
    assert_eq!(
        ops,
        vec![
            (0, CmpOp::Eq, 1),
            (1, CmpOp::Ne, 2),
            (2, CmpOp::Lt, 3),
            (3, CmpOp::Le, 4),
            (4, CmpOp::Gt, 5),
            (5, CmpOp::Ge, 6)
        ]
    );
    let clone = rules_for(&rules, "clone");
    assert_eq!(
        clone[0].args,
        vec![ArgCondition {
            index: 0,
            op: CmpOp::MaskedEq { mask: 2114060288 },
            value: 0
        }]
    );
    compile(&rules).unwrap();
}

#[test]
fn two_conditions_on_one_argument_become_alternatives() {
    let json = r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["personality"],
        "action": "SCMP_ACT_ALLOW", "args": [
            {"index": 0, "value": 0, "op": "SCMP_CMP_EQ"},
            {"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}]}"#;
    let rules = resolve(&load(json).unwrap(), &[], TargetArch::x86_64).unwrap();
    let found = rules_for(&rules, "personality");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].args.len(), 1);
    assert_eq!(found[1].args[0].value, 8);
}

#[test]
fn bad_json_names_file_and_line() {
    let err =
        load("{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": [\n}").unwrap_err();
    let SeccompError::Json { ref path, line, .. } = err else {
        panic!("expected a JSON error, got {err:?}");
    };
    assert_eq!(path, Path::new("/etc/test/profile.json"));
    assert_eq!(line, 4);
    let message = err.to_string();
    assert!(
        message.contains("/etc/test/profile.json") && message.contains("line 4"),
        "{message}"
    );
    assert_eq!(message.matches("line 4").count(), 1, "{message}");
}

#[test]
fn unknown_action_is_named() {
    let json = r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
        {"names": ["read", "write"], "action": "SCMP_ACT_ALOW"}]}"#;
    let err = load(json).unwrap_err();
    match &err {
        SeccompError::Profile {
            path,
            problem: ProfileProblem::UnknownAction { action, place },
        } => {
            assert_eq!(path, Path::new("/etc/test/profile.json"));
            assert_eq!(action, "SCMP_ACT_ALOW");
            assert_eq!(place, "syscalls [read, write]");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        err.to_string().contains("unknown action \"SCMP_ACT_ALOW\""),
        "{err}"
    );

    let bad_default = load(r#"{"defaultAction": "ALLOW", "syscalls": []}"#).unwrap_err();
    assert!(
        bad_default
            .to_string()
            .contains("\"ALLOW\" in defaultAction"),
        "{bad_default}"
    );
}

#[test]
fn other_profile_mistakes_are_reported() {
    let problem = |json: &str| match load(json).unwrap_err() {
        SeccompError::Profile { problem, .. } => problem,
        other => panic!("unexpected {other:?}"),
    };
    assert!(matches!(
        problem(r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read"],
            "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQUAL"}]}]}"#),
        ProfileProblem::UnknownOperator { op, .. } if op == "SCMP_CMP_EQUAL"
    ));
    assert!(matches!(
        problem(
            r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read"],
            "action": "SCMP_ACT_ALLOW", "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]}]}"#
        ),
        ProfileProblem::ArgIndex { index: 6, .. }
    ));
    assert!(matches!(
        problem(r#"{"defaultAction": "SCMP_ACT_ERRNO", "defaultErrno": "ENOPE", "syscalls": []}"#),
        ProfileProblem::UnknownErrno { errno, .. } if errno == "ENOPE"
    ));
    assert_eq!(
        problem(
            r#"{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64"],
            "archMap": [{"architecture": "SCMP_ARCH_X86_64"}], "syscalls": []}"#
        ),
        ProfileProblem::ArchitecturesAndArchMap
    );
}

#[test]
fn caps_include_and_exclude_groups() {
    let profile = default_profile().unwrap();
    let without = resolve(&profile, PODMAN_DEFAULT_CAPS, TargetArch::x86_64).unwrap();
    let mut admin_caps = PODMAN_DEFAULT_CAPS.to_vec();
    admin_caps.push("sys_admin"); // the CAP_ prefix and case do not matter
    let with = resolve(&profile, &admin_caps, TargetArch::x86_64).unwrap();

    let actions = |rules: &Rules, name: &str| -> Vec<Action> {
        rules_for(rules, name).iter().map(|r| r.action).collect()
    };
    // sethostname: allowed only with CAP_SYS_ADMIN, EPERM without.
    assert_eq!(actions(&without, "sethostname"), vec![Action::Errno(1)]);
    assert_eq!(actions(&with, "sethostname"), vec![Action::Allow]);
    // bpf: denied unless CAP_SYS_ADMIN or CAP_BPF (excludes with two caps means either one).
    assert_eq!(actions(&without, "bpf"), vec![Action::Errno(1)]);
    assert_eq!(actions(&with, "bpf"), vec![Action::Allow]);
    let bpf_only = resolve(&profile, &["CAP_BPF"], TargetArch::x86_64).unwrap();
    assert_eq!(actions(&bpf_only, "bpf"), vec![Action::Allow]);
    // chroot is in podman's default caps.
    assert_eq!(actions(&without, "chroot"), vec![Action::Allow]);
    let no_caps = resolve(&profile, &[], TargetArch::x86_64).unwrap();
    assert_eq!(actions(&no_caps, "chroot"), vec![Action::Errno(1)]);
    // socket: without CAP_AUDIT_WRITE, audit netlink sockets get EINVAL, others allowed.
    let socket = rules_for(&without, "socket");
    assert_eq!(socket.len(), 4);
    assert_eq!(socket[0].action, Action::Errno(libc::EINVAL as u32));
    assert_eq!(socket[0].args.len(), 2);
    let mut audit_caps = PODMAN_DEFAULT_CAPS.to_vec();
    audit_caps.push("CAP_AUDIT_WRITE");
    let audit = resolve(&profile, &audit_caps, TargetArch::x86_64).unwrap();
    let socket = rules_for(&audit, "socket");
    assert_eq!(socket.len(), 1);
    assert_eq!((socket[0].action, socket[0].args.len()), (Action::Allow, 0));
}

#[test]
fn includes_need_every_cap() {
    let json = r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["mount"],
        "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN", "CAP_NET_ADMIN"]}}]}"#;
    let profile = load(json).unwrap();
    let one = resolve(&profile, &["CAP_SYS_ADMIN"], TargetArch::x86_64).unwrap();
    assert!(one.syscalls.is_empty());
    let both = resolve(
        &profile,
        &["CAP_SYS_ADMIN", "CAP_NET_ADMIN"],
        TargetArch::x86_64,
    )
    .unwrap();
    assert_eq!(both.syscalls.len(), 1);
}

#[test]
fn arches_include_and_exclude_groups() {
    let profile = default_profile().unwrap();
    let x86 = resolve(&profile, PODMAN_DEFAULT_CAPS, TargetArch::x86_64).unwrap();
    let arm = resolve(&profile, PODMAN_DEFAULT_CAPS, TargetArch::aarch64).unwrap();
    // arch_prctl is included for amd64 only (and does not exist on aarch64).
    assert_eq!(rules_for(&x86, "arch_prctl").len(), 1);
    assert!(rules_for(&arm, "arch_prctl").is_empty());
    // ioperm exists on x86_64 only; it is resolved there and skipped on aarch64.
    assert_eq!(rules_for(&x86, "ioperm").len(), 1);
    assert!(rules_for(&arm, "ioperm").is_empty());
    // Numbers follow the architecture.
    assert_eq!(rules_for(&x86, "openat")[0].nr, 257);
    assert_eq!(rules_for(&arm, "openat")[0].nr, 56);

    let json = r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
        {"names": ["read"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": ["arm64"]}},
        {"names": ["write"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm64"]}}]}"#;
    let profile = load(json).unwrap();
    let names = |arch| -> Vec<String> {
        resolve(&profile, &[], arch)
            .unwrap()
            .syscalls
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(names(TargetArch::x86_64), vec!["read"]);
    assert_eq!(names(TargetArch::aarch64), vec!["write"]);
    assert!(matches!(
        resolve(&profile, &[], TargetArch::riscv64),
        Err(SeccompError::UnsupportedArch { .. })
    ));
}

#[test]
fn unknown_syscall_names_are_skipped() {
    let json = r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
        {"names": ["read", "no_such_syscall", "write"], "action": "SCMP_ACT_ALLOW"}]}"#;
    let rules = resolve(&load(json).unwrap(), &[], TargetArch::x86_64).unwrap();
    let names: Vec<&str> = rules.syscalls.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["read", "write"]);
}

#[test]
fn syscall_tables_are_right() {
    let x86 = |name| syscall_number(TargetArch::x86_64, name);
    let arm = |name| syscall_number(TargetArch::aarch64, name);
    assert_eq!(
        [x86("read"), x86("write"), x86("openat"), x86("execve")],
        [Some(0), Some(1), Some(257), Some(59)]
    );
    assert_eq!(
        [arm("read"), arm("write"), arm("openat"), arm("execve")],
        [Some(63), Some(64), Some(56), Some(221)]
    );
    // Legacy calls the generic table lacks, and arm64's 64-bit spellings of 3264 calls.
    assert_eq!(x86("open"), Some(2));
    assert_eq!(arm("open"), None);
    assert_eq!(arm("fcntl"), Some(25));
    assert_eq!(arm("fstat"), Some(80));
    assert_eq!(x86("clone3"), Some(435));
    assert_eq!(arm("clone3"), Some(435));
    assert_eq!(x86("fchmodat2"), Some(452));
    assert_eq!(syscall_number(TargetArch::riscv64, "read"), None);
    // The table is the one the build host's kernel uses.
    #[cfg(target_arch = "x86_64")]
    {
        assert_eq!(x86("getpid"), Some(libc::SYS_getpid as u32));
        assert_eq!(x86("io_uring_setup"), Some(libc::SYS_io_uring_setup as u32));
    }
    #[cfg(target_arch = "aarch64")]
    {
        assert_eq!(arm("getpid"), Some(libc::SYS_getpid as u32));
    }
}

#[test]
fn default_profile_compiles_for_both_arches() {
    let started = Instant::now();
    let stack = default_filter(PODMAN_DEFAULT_CAPS).unwrap();
    let elapsed = started.elapsed();
    let sizes: Vec<usize> = stack.iter().map(Vec::len).collect();
    eprintln!(
        "default filters for podman's default caps: {sizes:?} BPF instructions, compiled in {elapsed:?}"
    );
    for program in &stack {
        assert!(
            program.len() > 300 && program.len() <= 4096,
            "{}",
            program.len()
        );
    }
    let profile = default_profile().unwrap();
    for arch in [TargetArch::x86_64, TargetArch::aarch64] {
        let program = compile(&resolve(&profile, PODMAN_DEFAULT_CAPS, arch).unwrap()).unwrap();
        eprintln!("{arch:?}: {} BPF instructions", program.len());
        // Ends with the profile default, ERRNO(ENOSYS).
        let last = program.last().unwrap();
        assert_eq!(
            (last.code, last.k),
            (0x06, 0x0005_0000 | libc::ENOSYS as u32)
        );
    }
}

#[test]
fn trace_and_notify_do_not_compile() {
    for action in ["SCMP_ACT_TRACE", "SCMP_ACT_NOTIFY"] {
        let json = format!(
            r#"{{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{{"names": ["ptrace"], "action": "{action}"}}]}}"#
        );
        let rules = resolve(&load(&json).unwrap(), &[], TargetArch::x86_64).unwrap();
        let err = compile(&rules).unwrap_err();
        assert!(
            matches!(&err, SeccompError::UnsupportedAction { action: a, place, .. } if *a == action && place == "syscall ptrace"),
            "{err:?}"
        );
    }
}

#[test]
fn profile_of_only_default_compiles() {
    let json = r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
        {"names": ["read"], "action": "SCMP_ACT_ALLOW"}]}"#;
    let program =
        compile(&resolve(&load(json).unwrap(), &[], TargetArch::x86_64).unwrap()).unwrap();
    assert_eq!(
        program.last().map(|i| (i.code, i.k)),
        Some((0x06, 0x7fff_0000))
    );
}

/// Runs a BPF program the way the kernel does, for the subset of classic BPF seccompiler
/// emits, so the jump patching between action filters can be checked without installing.
fn run_bpf(program: &BpfProgram, arch: u32, nr: u32, args: [u64; 6]) -> u32 {
    let word = |offset: u32| -> u32 {
        match offset {
            0 => nr,
            4 => arch,
            16..=63 => {
                let arg = args[((offset - 16) / 8) as usize];
                if (offset - 16).is_multiple_of(8) {
                    arg as u32
                } else {
                    (arg >> 32) as u32
                }
            }
            _ => panic!("load from offset {offset}"),
        }
    };
    let (mut acc, mut pc) = (0u32, 0usize);
    loop {
        let insn = &program[pc];
        pc += 1;
        match insn.code {
            0x20 => acc = word(insn.k),    // ld w abs
            0x54 => acc &= insn.k,         // alu and k
            0x05 => pc += insn.k as usize, // ja
            0x06 => return insn.k,         // ret k
            0x15 | 0x25 | 0x35 | 0x45 => {
                let taken = match insn.code {
                    0x15 => acc == insn.k,
                    0x25 => acc > insn.k,
                    0x35 => acc >= insn.k,
                    _ => acc & insn.k != 0,
                };
                pc += usize::from(if taken { insn.jt } else { insn.jf });
            }
            code => panic!("unexpected BPF opcode {code:#x} at {}", pc - 1),
        }
    }
}

/// What the kernel answers with a stack of filters: each runs, and the most restrictive action
/// wins (the lowest as a signed number, kernel/seccomp.c).
fn run_stack(stack: &[BpfProgram], arch: u32, nr: u32, args: [u64; 6]) -> u32 {
    stack
        .iter()
        .map(|program| run_bpf(program, arch, nr, args))
        .min_by_key(|ret| (ret & 0xffff_0000) as i32)
        .expect("a stack has a filter")
}

#[test]
fn compiled_default_filter_decides_like_the_profile() {
    const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
    const ALLOW: u32 = 0x7fff_0000;
    let errno = |e: i32| 0x0005_0000 | e as u32;
    let rules = resolve(
        &default_profile().unwrap(),
        PODMAN_DEFAULT_CAPS,
        TargetArch::x86_64,
    )
    .unwrap();
    let program = compile(&rules).unwrap();
    let run = |name: &str, args: [u64; 6]| {
        run_bpf(
            &program,
            AUDIT_ARCH_X86_64,
            syscall_number(TargetArch::x86_64, name).unwrap(),
            args,
        )
    };
    assert_eq!(run("read", [0; 6]), ALLOW);
    assert_eq!(run("vmsplice", [0; 6]), errno(libc::EPERM));
    assert_eq!(run("add_key", [0; 6]), errno(libc::ENOSYS));
    assert_eq!(run("sethostname", [0; 6]), errno(libc::EPERM));
    assert_eq!(run("chroot", [0; 6]), ALLOW);
    assert_eq!(run("personality", [8, 0, 0, 0, 0, 0]), ALLOW);
    assert_eq!(run("personality", [0xffff_ffff, 0, 0, 0, 0, 0]), ALLOW);
    assert_eq!(run("personality", [1, 0, 0, 0, 0, 0]), errno(libc::ENOSYS));
    // AF_NETLINK + NETLINK_AUDIT is refused with EINVAL, other sockets are fine.
    assert_eq!(run("socket", [16, 3, 9, 0, 0, 0]), errno(libc::EINVAL));
    assert_eq!(run("socket", [16, 3, 0, 0, 0, 0]), ALLOW);
    assert_eq!(run("socket", [2, 1, 9, 0, 0, 0]), ALLOW);
    // Another architecture's syscalls kill the process (see the report on 32-bit calls).
    assert_eq!(
        run_bpf(&program, 0x4000_0003, 0, [0; 6]),
        libc::SECCOMP_RET_KILL_PROCESS
    );
}

#[test]
#[cfg(target_arch = "x86_64")]
fn default_filter_covers_i386_and_x32_like_x86_64() {
    const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
    const AUDIT_ARCH_I386: u32 = 0x4000_0003;
    const AUDIT_ARCH_AARCH64: u32 = 0xc000_00b7;
    const ALLOW: u32 = 0x7fff_0000;
    let errno = |e: i32| 0x0005_0000 | e as u32;
    let started = Instant::now();
    let stack = default_filter(PODMAN_DEFAULT_CAPS).unwrap();
    eprintln!(
        "x86_64, x32, i386 default filters: {:?} BPF instructions, compiled in {:?}",
        stack.iter().map(Vec::len).collect::<Vec<_>>(),
        started.elapsed()
    );
    assert_eq!(stack.len(), 3);
    let run = |arch: u32, abi: Abi, name: &str, args: [u64; 6]| {
        let nr = abi_syscall_number(abi, name).unwrap_or_else(|| panic!("{abi:?} {name}"));
        run_stack(&stack, arch, nr, args)
    };
    for (arch, abi) in [
        (AUDIT_ARCH_X86_64, Abi::X86_64),
        (AUDIT_ARCH_I386, Abi::X86),
        (AUDIT_ARCH_X86_64, Abi::X32),
    ] {
        assert_eq!(run(arch, abi, "read", [0; 6]), ALLOW, "{abi:?}");
        assert_eq!(run(arch, abi, "execve", [0; 6]), ALLOW, "{abi:?}");
        assert_eq!(
            run(arch, abi, "vmsplice", [0; 6]),
            errno(libc::EPERM),
            "{abi:?}"
        );
        assert_eq!(
            run(arch, abi, "add_key", [0; 6]),
            errno(libc::ENOSYS),
            "{abi:?}"
        );
        assert_eq!(
            run(arch, abi, "sethostname", [0; 6]),
            errno(libc::EPERM),
            "{abi:?}"
        );
        assert_eq!(
            run(arch, abi, "personality", [8, 0, 0, 0, 0, 0]),
            ALLOW,
            "{abi:?}"
        );
        assert_eq!(
            run(arch, abi, "personality", [1, 0, 0, 0, 0, 0]),
            errno(libc::ENOSYS),
            "{abi:?}"
        );
    }
    // i386's own calls, which x86_64 does not have.
    for name in ["socketcall", "chown32", "_llseek", "getuid32", "fstat64"] {
        assert_eq!(
            run(AUDIT_ARCH_I386, Abi::X86, name, [0; 6]),
            ALLOW,
            "{name}"
        );
    }
    // arch_prctl is x86_64's and x32's only (includes.arches); on i386 its number is unused.
    assert_eq!(
        run(AUDIT_ARCH_X86_64, Abi::X32, "arch_prctl", [0; 6]),
        ALLOW
    );
    // x32 numbers go by x32's table: 16|bit is x86_64's ioctl number, not x32's (514).
    assert_eq!(
        run_stack(&stack, AUDIT_ARCH_X86_64, 16 | 0x4000_0000, [0; 6]),
        errno(libc::ENOSYS)
    );
    // Other architectures are still killed.
    assert_eq!(
        run_stack(&stack, AUDIT_ARCH_AARCH64, 0, [0; 6]),
        libc::SECCOMP_RET_KILL_PROCESS
    );
}

#[test]
#[cfg(target_arch = "x86_64")]
fn profiles_cover_the_abis_they_name() {
    let abis = |json: &str| profile_abis(&load(json).unwrap(), Abi::X86_64);
    assert_eq!(
        profile_abis(&default_profile().unwrap(), Abi::X86_64),
        vec![Abi::X86_64, Abi::X86, Abi::X32]
    );
    assert_eq!(
        profile_abis(&default_profile().unwrap(), Abi::Aarch64),
        vec![Abi::Aarch64]
    );
    assert_eq!(
        abis(r#"{"defaultAction": "SCMP_ACT_ALLOW"}"#),
        vec![Abi::X86_64]
    );
    assert_eq!(
        abis(
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"]}"#
        ),
        vec![Abi::X86_64, Abi::X86]
    );
    // Only the machine's own archMap entry counts.
    assert_eq!(
        abis(
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "archMap": [{"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}]}"#
        ),
        vec![Abi::X86_64]
    );
    // A profile for x86_64 alone keeps the single-ABI program, whose arch check kills i386.
    let stack = filter(
        &load(r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"]}"#)
            .unwrap(),
        &[],
    )
    .unwrap();
    assert_eq!(stack.len(), 1);
    assert_eq!(
        run_stack(&stack, 0x4000_0003, 20, [0; 6]),
        libc::SECCOMP_RET_KILL_PROCESS
    );
    // With i386 but not x32, x32 calls are killed like a foreign arch's, as libseccomp does.
    let stack = filter(
        &load(r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"]}"#).unwrap(),
        &[],
    )
    .unwrap();
    assert_eq!(stack.len(), 2);
    assert_eq!(run_stack(&stack, 0x4000_0003, 20, [0; 6]), 0x7fff_0000);
    assert_eq!(
        run_stack(&stack, 0xc000_003e, 0x4000_0000, [0; 6]),
        libc::SECCOMP_RET_KILL_PROCESS
    );
}

const CHILD_ENV: &str = "BURROW_SECCOMP_TEST_CHILD";

/// This test's name as libtest knows it: the module path without the crate name.
fn child_test_name() -> String {
    let module = module_path!().split_once("::").map_or("", |(_, rest)| rest);
    format!("{module}::applied_default_filter_blocks_syscalls")
}

fn errno_of(ret: libc::c_long) -> i32 {
    if ret == -1 {
        std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
    } else {
        0
    }
}

/// A system call through the i386 ABI (`int 0x80`), which a 64-bit process can make too:
/// the kernel then reports AUDIT_ARCH_I386 and i386's numbers to seccomp. Returns the
/// kernel's raw result (-errno on failure).
#[cfg(target_arch = "x86_64")]
fn i386_syscall(nr: u32, arg1: u32, arg2: u32) -> i32 {
    let mut ret = nr as i32;
    // SAFETY: `int 0x80` takes the number in eax and arguments in ebx, ecx, edx, and writes
    // only eax (r8-r11 are zeroed by the kernel on that path, so they are marked clobbered);
    // the callers pass calls that touch no memory (getpid, add_key with null pointers).
    unsafe {
        std::arch::asm!(
            "push rbx",
            "mov ebx, {arg1:e}",
            "int 0x80",
            "pop rbx",
            arg1 = in(reg) arg1,
            inout("eax") ret,
            in("ecx") arg2,
            in("edx") 0u32,
            out("r8") _, out("r9") _, out("r10") _, out("r11") _,
        );
    }
    ret
}

/// What the child reports of i386 calls: getpid works and add_key gets the profile's ENOSYS.
#[cfg(target_arch = "x86_64")]
fn probe_i386() -> String {
    const I386_GETPID: u32 = 20;
    const I386_ADD_KEY: u32 = 286;
    let getpid = i386_syscall(I386_GETPID, 0, 0);
    let add_key = i386_syscall(I386_ADD_KEY, 0, 0);
    format!(
        " i386_getpid={} i386_add_key={}",
        if getpid == std::process::id() as i32 {
            "ok".to_string()
        } else {
            getpid.to_string()
        },
        -add_key
    )
}

#[cfg(not(target_arch = "x86_64"))]
fn probe_i386() -> String {
    String::new()
}

/// The syscalls the child probes, returning their errno (0 on success).
fn probe() -> (i32, i32) {
    // SAFETY: vmsplice with fd -1 and no iovecs touches no memory; it fails with EBADF
    // unless seccomp answers first.
    let vmsplice = errno_of(unsafe { libc::syscall(libc::SYS_vmsplice, -1, 0usize, 0usize, 0) });
    // SAFETY: add_key with null type and description fails (EFAULT/EINVAL) before touching
    // memory, unless seccomp answers first.
    let add_key =
        errno_of(unsafe { libc::syscall(libc::SYS_add_key, 0usize, 0usize, 0usize, 0usize, 0) });
    (vmsplice, add_key)
}

#[test]
fn applied_default_filter_blocks_syscalls() {
    if std::env::var_os(CHILD_ENV).is_some() {
        child_apply_and_probe();
    }
    // Seccomp filters cannot be removed and the test harness is multi-threaded, so the filter
    // goes into a fresh single-test copy of this binary.
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &child_test_name(),
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "child failed: {:?}\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    // The harness prints "test NAME ... " on the same line before the test's own output.
    let report = stdout
        .lines()
        .find_map(|l| l.find("seccomp-child:").map(|at| &l[at..]))
        .expect(&stdout);
    let before = probe();
    assert_ne!(
        before.0,
        libc::EPERM,
        "vmsplice must not fail with EPERM unfiltered"
    );
    assert_ne!(before.1, libc::ENOSYS, "add_key must exist unfiltered");
    let unfiltered_i386 = probe_i386();
    assert!(
        !unfiltered_i386.contains(&format!("i386_add_key={}", libc::ENOSYS)),
        "add_key must exist unfiltered for i386: {unfiltered_i386}"
    );
    let i386 = if cfg!(target_arch = "x86_64") {
        format!(" i386_getpid=ok i386_add_key={}", libc::ENOSYS)
    } else {
        String::new()
    };
    assert_eq!(
        report,
        format!(
            "seccomp-child: status=2 read=ok vmsplice={} add_key={}{i386}",
            libc::EPERM,
            libc::ENOSYS
        ),
        "unfiltered: vmsplice={} add_key={}",
        before.0,
        before.1
    );
}

fn child_apply_and_probe() -> ! {
    let stack = default_filter(PODMAN_DEFAULT_CAPS).unwrap();
    // SAFETY: prctl with PR_SET_NO_NEW_PRIVS takes integer arguments only.
    let rc = unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) };
    assert_eq!(
        rc,
        0,
        "PR_SET_NO_NEW_PRIVS: {}",
        std::io::Error::last_os_error()
    );
    for program in &stack {
        seccompiler::apply_filter(program).unwrap();
    }
    // Reading /proc uses openat, read and close, which the profile allows. The filter is on
    // this thread only, and libtest may run the test off the main thread, so not /proc/self.
    let status = std::fs::read_to_string("/proc/thread-self/status").unwrap();
    let mode = status
        .lines()
        .find_map(|l| l.strip_prefix("Seccomp:"))
        .map(str::trim)
        .unwrap_or("missing");
    let (vmsplice, add_key) = probe();
    let i386 = probe_i386();
    println!("seccomp-child: status={mode} read=ok vmsplice={vmsplice} add_key={add_key}{i386}");
    std::process::exit(0);
}

#[test]
fn encoded_filters_decode_to_the_same_program() {
    let stack = default_filter(&["CAP_CHOWN"]).unwrap();
    let bytes = encode(&stack);
    assert_eq!(decode(&bytes).unwrap(), stack);
    // The one-program form of containers created by earlier burrows still reads.
    let one = &stack[0];
    let mut body = Vec::new();
    for insn in one {
        body.extend_from_slice(&insn.code.to_le_bytes());
        body.extend_from_slice(&[insn.jt, insn.jf]);
        body.extend_from_slice(&insn.k.to_le_bytes());
    }
    let mut old = b"burrow-bpf-1\n".to_vec();
    old.extend_from_slice(&<sha2::Sha256 as sha2::Digest>::digest(&body));
    old.extend_from_slice(&body);
    assert_eq!(decode(&old).unwrap(), vec![one.clone()]);
    // Cut short, a flipped bit, or the old headerless form: none is taken for a filter.
    assert!(decode(&bytes[..bytes.len() - 8]).is_none());
    let mut flipped = bytes.clone();
    *flipped.last_mut().unwrap() ^= 1;
    assert!(decode(&flipped).is_none());
    assert!(decode(b"garbage!").is_none());
    assert!(decode(&[]).is_none());
}
