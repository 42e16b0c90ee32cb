//! The VM test tier (tests/vm/README.md): boots a Debian 12 guest with systemd as PID 1,
//! cgroup v2 and a logged-in user once, runs every case of tests/vm/guest/cases/*.sh in it
//! (tests/vm/guest/batch.sh) and asserts that each declared case printed `ok NAME`.
//!
//! Runs as root like the other integration tests, with QEMU and debootstrap installed
//! (tests/fixtures/setup.sh --packages) and the fixture registry's storage that
//! tests/fixtures/setup.sh fills. A machine that cannot build or boot the guest fails this
//! test; BURROW_SKIP_VM=1 skips it on purpose. BURROW_VM_CASES=REGEX runs only the cases
//! whose names match.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

/// The tier's own cases (tests/vm/guest/cases/smoke.sh): they must exist, so a renamed or
/// deleted file cannot make the tier pass by running nothing.
const SMOKE_CASES: &[&str] = &[
    "session_bus",
    "user_delegated_controllers",
    "info_cgroup_v2_systemd",
    "pull_and_run",
    "podman_and_hyperfine",
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every case the guest scripts declare (`case_NAME()` at the start of a line, the pattern
/// batch.sh runs), read from the sources so that a case that never runs is noticed.
fn declared_cases() -> Vec<String> {
    let pattern = regex::Regex::new(r"^case_([A-Za-z0-9_]+)\s*\(\)").unwrap();
    let dir = repo().join("tests/vm/guest/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sh"))
        .collect();
    files.sort();
    let mut names = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            if let Some(captures) = pattern.captures(line) {
                let name = captures[1].to_string();
                assert!(
                    !names.contains(&name),
                    "case {name} is declared twice under {}",
                    dir.display()
                );
                names.push(name);
            }
        }
    }
    names
}

#[test]
fn guest_cases_pass_in_a_systemd_cgroup_v2_guest() {
    if std::env::var("BURROW_SKIP_VM").as_deref() == Ok("1") {
        eprintln!("the VM tier is skipped: BURROW_SKIP_VM=1");
        return;
    }
    let declared = declared_cases();
    for name in SMOKE_CASES {
        assert!(
            declared.iter().any(|n| n == name),
            "the smoke case {name} is not declared in tests/vm/guest/cases/*.sh"
        );
    }
    let filter = std::env::var("BURROW_VM_CASES").unwrap_or_default();
    let matcher = regex::Regex::new(&filter)
        .unwrap_or_else(|e| panic!("BURROW_VM_CASES is not a regular expression: {e}"));
    let expected: BTreeSet<&str> = declared
        .iter()
        .map(String::as_str)
        .filter(|name| matcher.is_match(name))
        .collect();
    assert!(
        !expected.is_empty(),
        "no declared case matches BURROW_VM_CASES={filter}"
    );

    // The image first, on its own, so that a failed build is named as such.
    let build = Command::new("bash")
        .arg(repo().join("tests/vm/build-image.sh"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .expect("cannot run bash");
    assert!(
        build.success(),
        "the VM tier's guest image could not be built (build-image.sh's messages above say why; \
         it needs root, debootstrap and the Debian mirror); set BURROW_SKIP_VM=1 to skip the VM tier"
    );

    let mut run = Command::new("bash");
    run.arg(repo().join("tests/vm/run.sh"))
        .arg(repo().join("tests/vm/guest/batch.sh"))
        .env("BURROW_VM_BINARY", env!("CARGO_BIN_EXE_burrow"))
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    if !filter.is_empty() {
        run.arg(&filter);
    }
    let output = run.output().expect("cannot run tests/vm/run.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The guest's transcript, for the log whether or not the cases pass.
    eprintln!("{stdout}");

    let passed: BTreeSet<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("ok "))
        .collect();
    let failed: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("FAIL "))
        .collect();
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|name| !passed.contains(name))
        .collect();
    assert!(
        failed.is_empty() && missing.is_empty(),
        "the VM tier failed (run.sh exited with {}):\n{}\ncases that did not print `ok NAME`: {}",
        output.status,
        failed.join("\n"),
        missing.join(", ")
    );
    assert!(
        output.status.success(),
        "every case passed but tests/vm/run.sh exited with {}",
        output.status
    );
}
