//! The committed completions and man pages must match what the current CLI generates.
//! Regenerate with: BURROW_UPDATE_GENERATED=1 cargo test --release --test generated

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn expected() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    // The scripts that register burrow's dynamic completion with each shell.
    for (shell, name) in [
        ("bash", "burrow.bash"),
        ("zsh", "_burrow"),
        ("fish", "burrow.fish"),
    ] {
        let script = burrow::cli::completion::script(shell, "burrow", true).unwrap();
        files.push((root().join("completions").join(name), script.into_bytes()));
    }
    let cmd = burrow::cli::command();
    man_pages(&cmd, "burrow", &mut files);
    files
}

/// One page for the tool and one per (sub)command, named as git and podman name theirs.
fn man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    // clap names take &'static str without its "string" feature; a test may leak a few.
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    let mut page = cmd.clone().name(leaked).bin_name(leaked);
    // The built tree carries the global options into every subcommand: the tool's own page
    // lists them once.
    if name.contains('-') {
        let globals: Vec<String> = page
            .get_arguments()
            .filter(|a| a.is_global_set())
            .map(|a| a.get_id().to_string())
            .collect();
        for id in globals {
            page = page.mut_arg(id, |a| a.hide(true));
        }
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out).unwrap();
    files.push((root().join("man").join(format!("{name}.1")), out));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}

#[test]
fn completions_and_man_pages_are_current() {
    let update = std::env::var_os("BURROW_UPDATE_GENERATED").is_some();
    let mut stale = Vec::new();
    for (path, content) in expected() {
        if std::fs::read(&path).ok().as_deref() != Some(&content[..]) {
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &content).unwrap();
            } else {
                stale.push(
                    path.strip_prefix(root())
                        .unwrap_or(Path::new("?"))
                        .display()
                        .to_string(),
                );
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}; run: BURROW_UPDATE_GENERATED=1 cargo test --release --test generated"
    );
}

#[test]
fn the_completion_command_prints_the_committed_script() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_burrow"))
        .args(["completion", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        out.stdout,
        std::fs::read(root().join("completions/burrow.bash")).unwrap()
    );
}
