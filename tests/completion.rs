//! Shell completion through real shells, as the unprivileged user with a real store: bash
//! with bash-completion (the registered function, fed COMP_WORDS as readline splits them),
//! fish's `complete -C`, and zsh's compinit in a pty (zpty). The scripts are installed the way
//! the README says, and call back into burrow under the name it was installed as.

mod common;

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use common::*;

/// A store with a container in each state, a second name for busybox, and a volume.
fn populated() -> Sandbox {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "busybox:latest",
        "sleep",
        "600",
    ]);
    sb.ok(&["create", "--name", "idle", "busybox:latest", "true"]);
    sb.ok(&["run", "--name", "done", "busybox:latest", "true"]);
    sb.ok(&["tag", "busybox:latest", "localhost/mine:v1"]);
    sb.ok(&["volume", "create", "data"]);
    sb
}

/// PATH with burrow (and its `podman` symlink) first, as an install puts them.
fn path(sb: &Sandbox) -> String {
    format!(
        "{}:{}:/usr/local/bin:/usr/bin:/bin",
        sb.podman_dir().display(),
        binary().parent().unwrap().display()
    )
}

/// A file the test user can read, holding `text`.
fn user_file(sb: &Sandbox, name: &str, text: &str) -> PathBuf {
    let path = sb.home.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    sb.chown_home();
    path
}

/// A shell run as the test user with burrow on PATH, killed if it hangs.
fn shell(sb: &Sandbox, args: &[&str]) -> Command {
    let mut timed = vec!["--kill-after=5", "30"];
    timed.extend_from_slice(args);
    let mut cmd = sb.command_of("timeout", &timed);
    cmd.env("PATH", path(sb));
    cmd
}

fn lines(out: &std::process::Output) -> Vec<String> {
    assert!(
        out.status.success(),
        "shell failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut found: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    found.sort();
    found.dedup();
    found
}

/// The words readline makes of `line` for COMP_WORDS: blanks separate words, and each run of
/// word-break characters (`=`, `:`) is a word of its own.
fn readline_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    for token in line.split(' ').filter(|t| !t.is_empty()) {
        let mut current = String::new();
        let mut breaking = false;
        for c in token.chars() {
            let is_break = c == '=' || c == ':';
            if is_break != breaking && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            breaking = is_break;
            current.push(c);
        }
        words.push(current);
    }
    if line.ends_with(' ') {
        words.push(String::new());
    }
    words
}

const BASH_DRIVER: &str = r#"
[[ -n $WITH_BASH_COMPLETION ]] && source /usr/share/bash-completion/bash_completion
source "$SCRIPT"
COMP_LINE=$LINE
COMP_POINT=${#LINE}
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_TYPE=9
COMP_KEY=9
spec=$(complete -p "$1") || exit 3
function=${spec#*-F }
function=${function%% *}
"$function" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;

/// What bash offers at the end of `line` (its first word names the program) through the
/// function `program completion bash` registered.
fn bash_with(sb: &Sandbox, line: &str, bash_completion: bool) -> Vec<String> {
    let program = line.split(' ').next().unwrap();
    let script = sb
        .command_of(path_of(sb, program), &["completion", "bash"])
        .output()
        .unwrap();
    assert!(script.status.success());
    let file = user_file(
        sb,
        &format!(".local/share/bash-completion/completions/{program}"),
        &String::from_utf8(script.stdout).unwrap(),
    );
    let words = readline_words(line);
    let mut args = vec!["bash", "--norc", "--noprofile", "-c", BASH_DRIVER, "bash"];
    args.extend(words.iter().map(String::as_str));
    let mut cmd = shell(sb, &args);
    cmd.env("SCRIPT", &file).env("LINE", line);
    if bash_completion {
        cmd.env("WITH_BASH_COMPLETION", "1");
    }
    lines(&cmd.output().unwrap())
}

fn bash(sb: &Sandbox, line: &str) -> Vec<String> {
    bash_with(sb, line, true)
}

fn path_of(sb: &Sandbox, program: &str) -> PathBuf {
    match program {
        "podman" => sb.podman_dir().join("podman"),
        _ => binary().to_path_buf(),
    }
}

/// What fish offers at the end of `line`, with the script installed where fish looks.
fn fish(sb: &Sandbox, line: &str) -> Vec<String> {
    let program = line.split(' ').next().unwrap();
    let script = sb
        .command_of(path_of(sb, program), &["completion", "fish"])
        .output()
        .unwrap();
    user_file(
        sb,
        &format!(".config/fish/completions/{program}.fish"),
        &String::from_utf8(script.stdout).unwrap(),
    );
    let mut cmd = shell(sb, &["fish", "--no-config", "-c", "complete -C \"$LINE\""]);
    cmd.env("LINE", line)
        .env("XDG_CONFIG_HOME", sb.home.join(".config"));
    // --no-config leaves fish's own completion path: the user's directory first, as a login
    // shell has it.
    cmd.env(
        "fish_complete_path",
        sb.home.join(".config/fish/completions"),
    );
    lines(&cmd.output().unwrap())
}

/// An interactive zsh in a pty (zpty) with compinit and the script in $fpath; `compadd` is
/// wrapped to print the matches it is given, between markers, as the TAB is pressed, and the
/// end of the completion is marked (nothing is typed ahead: zle cuts a completion short when
/// more input waits).
const ZSH_DRIVER: &str = r#"
zmodload zsh/zpty || exit 3
zpty shell zsh -f -i
zpty -w shell 'PS1="" RPS1=""; bindkey -e; unsetopt BEEP'
zpty -w shell "fpath=(${(q)FUNCTIONS} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w shell 'compadd() { if (( ${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi; local -a found; builtin compadd -O found "$@"; local m; for m in $found; do print -r -- "<<""match>>$m<<""end>>"; done; builtin compadd "$@"; }'
zpty -w shell 'finished() { print -r -- "@@do""ne@@" }; comppostfuncs=(finished)'
zpty -w -n shell "$LINE"$'\t'
zpty -r shell out '*@@done@@*'
print -r -- "$out"
"#;

fn zsh(sb: &Sandbox, line: &str) -> Vec<String> {
    let program = line.split(' ').next().unwrap();
    let script = sb
        .command_of(path_of(sb, program), &["completion", "zsh"])
        .output()
        .unwrap();
    let file = user_file(
        sb,
        &format!(".zfunc/_{program}"),
        &String::from_utf8(script.stdout).unwrap(),
    );
    let mut cmd = shell(sb, &["zsh", "-f", "-c", ZSH_DRIVER]);
    cmd.env("FUNCTIONS", file.parent().unwrap())
        .env("LINE", line);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "zsh failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    let mut found: Vec<String> = text
        .split("<<match>>")
        .skip(1)
        .filter_map(|s| s.split_once("<<end>>").map(|(m, _)| m.to_string()))
        .collect();
    found.sort();
    found.dedup();
    found
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn bash_offers_containers_by_state_images_volumes_and_flag_values() {
    let sb = populated();
    assert_eq!(bash(&sb, "burrow exec "), strings(&["web"]));
    assert_eq!(bash(&sb, "burrow stop "), strings(&["web"]));
    assert_eq!(bash(&sb, "burrow start "), strings(&["done", "idle"]));
    assert_eq!(bash(&sb, "burrow rm "), strings(&["done", "idle", "web"]));
    assert_eq!(bash(&sb, "burrow logs i"), strings(&["idle"]));
    // an ID once two characters are typed
    let id = sb.ok(&["inspect", "--format", "{{.Id}}", "web"]).stdout();
    let prefix = &id.trim()[..2];
    assert!(bash(&sb, &format!("burrow exec {prefix}")).contains(&id.trim()[..12].to_string()));
    let images = bash(&sb, "burrow run ");
    assert!(
        images.iter().any(|i| i.ends_with("busybox:latest")),
        "{images:?}"
    );
    assert!(
        images.contains(&"localhost/mine:v1".to_string()),
        "{images:?}"
    );
    assert_eq!(bash(&sb, "burrow rmi mi"), strings(&["mine:v1"]));
    assert_eq!(bash(&sb, "burrow volume rm "), strings(&["data"]));
    // flag values, the word split at = and : joined again by bash-completion
    assert_eq!(
        bash(&sb, "burrow run --pull n"),
        strings(&["never", "newer"])
    );
    assert_eq!(
        bash(&sb, "burrow run --restart=un"),
        strings(&["unless-stopped"])
    );
    assert_eq!(bash(&sb, "burrow ps --format "), strings(&["json"]));
    assert_eq!(
        bash(&sb, "burrow ps --filter status=r"),
        strings(&["running"])
    );
    assert!(bash(&sb, "burrow ps --filter ").contains(&"status=".to_string()));
    assert_eq!(bash(&sb, "burrow kill -s SIGK"), strings(&["SIGKILL"]));
    assert_eq!(
        bash(&sb, "burrow run --log-driver k"),
        strings(&["k8s-file"])
    );
    assert_eq!(bash(&sb, "burrow run --network ho"), strings(&["host"]));
    assert_eq!(
        bash(&sb, "burrow run --network container:w"),
        strings(&["web"])
    );
    assert_eq!(bash(&sb, "burrow run -v d"), strings(&["data:"]));
    assert_eq!(bash(&sb, "burrow cp w"), strings(&["web:"]));
    // file paths for flags that take a file
    user_file(&sb, "app.env", "A=1\n");
    assert_eq!(bash(&sb, "burrow run --env-file ap"), strings(&["app.env"]));
    assert_eq!(bash(&sb, "burrow export -o ap"), strings(&["app.env"]));
    // subcommands and, once a dash is typed, flags
    assert!(bash(&sb, "burrow ex").contains(&"exec".to_string()));
    assert!(bash(&sb, "burrow exec --inter").contains(&"--interactive".to_string()));
}

#[test]
fn bash_without_bash_completion_still_joins_words_at_the_cursor() {
    let sb = populated();
    assert_eq!(bash_with(&sb, "burrow exec ", false), strings(&["web"]));
    assert_eq!(
        bash_with(&sb, "burrow ps --filter status=ex", false),
        strings(&["exited"])
    );
}

#[test]
fn fish_offers_the_same_candidates() {
    let sb = populated();
    assert_eq!(fish(&sb, "burrow exec "), strings(&["web"]));
    assert_eq!(fish(&sb, "burrow start "), strings(&["done", "idle"]));
    assert_eq!(fish(&sb, "burrow volume inspect "), strings(&["data"]));
    assert_eq!(
        fish(&sb, "burrow ps --filter status=c"),
        strings(&["status=created"])
    );
    assert_eq!(fish(&sb, "burrow history mi"), strings(&["mine:v1"]));
}

#[test]
fn zsh_offers_the_same_candidates_through_compinit() {
    let sb = populated();
    assert_eq!(zsh(&sb, "burrow exec "), strings(&["web"]));
    assert_eq!(zsh(&sb, "burrow start "), strings(&["done", "idle"]));
    assert_eq!(zsh(&sb, "burrow tag mi"), strings(&["mine:v1"]));
    assert_eq!(zsh(&sb, "burrow run --pull a"), strings(&["always"]));
}

#[test]
fn a_podman_symlink_completes_as_podman() {
    let sb = populated();
    let script = sb
        .command_of(sb.podman_dir().join("podman"), &["completion", "bash"])
        .output()
        .unwrap();
    let text = String::from_utf8(script.stdout).unwrap();
    assert!(
        text.contains("complete -F _podman_complete podman"),
        "{text}"
    );
    assert_eq!(bash(&sb, "podman exec "), strings(&["web"]));
    assert_eq!(fish(&sb, "podman start "), strings(&["done", "idle"]));
}

#[test]
fn a_broken_store_or_missing_runtime_dir_gives_nothing_and_exit_0() {
    let sb = populated();
    let root = sb.graph_root();
    fs::write(root.join("images.json"), "{not json").unwrap();
    for entry in fs::read_dir(root.join("containers")).unwrap().flatten() {
        if entry.path().join("container.json").exists() {
            fs::write(entry.path().join("container.json"), "garbage").unwrap();
        }
    }
    let mut cmd = sb.command(&["__complete", "exec", ""]);
    cmd.env("XDG_RUNTIME_DIR", "/nonexistent/run");
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), ":4\n");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(bash(&sb, "burrow exec ").is_empty());
    assert!(bash(&sb, "burrow run ").is_empty());
    // a store root that is not even a directory
    let out = sb
        .command(&["__complete", "--root", "/etc/passwd", "rm", ""])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), ":4\n");
}

#[test]
fn the_completion_command_takes_podmans_flags() {
    let sb = Sandbox::new();
    let out = sb.ok(&["completion", "fish", "--no-desc"]).stdout();
    assert!(out.contains("burrow __completeNoDesc "), "{out}");
    let file = sb.home.join("burrow.zsh");
    sb.ok(&["completion", "zsh", "-f", file.to_str().unwrap()]);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .starts_with("#compdef burrow\n")
    );
    sb.run(&["completion", "powershell"])
        .assert_error(125, &["powershell completion is not available"]);
    // the candidates a shell reads, with descriptions unless asked not to
    let described = sb.ok(&["__complete", "ex"]).stdout();
    assert!(
        described.contains("exec\tRun a process in a running container\n"),
        "{described}"
    );
    let plain = sb.ok(&["__completeNoDesc", "ex"]).stdout();
    assert!(plain.contains("exec\n") && !plain.contains('\t'), "{plain}");
}
