use std::process::ExitCode;

use burrow::cli::{self, Cli, CodedError, ReportedError};

fn main() -> ExitCode {
    if burrow::userns::is_pause_invocation() {
        burrow::userns::pause_forever();
    }
    if burrow::monitor::is_monitor_invocation() {
        return ExitCode::from(burrow::container::monitor_main() as u8);
    }
    let program = cli::program_name(std::env::args_os().next().as_deref());
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // A shell's TAB: answered before anything else runs (no logging, no store set-up).
    if let Some(code) = cli::completion::answer(&program, &args) {
        return ExitCode::from(code);
    }
    let cli: Cli = match cli::parse_from(&program, &args) {
        Ok(cli) => cli,
        // Before the usage hints below, which build the whole command tree.
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayVersion => {
            println!("{}", cli::version_line(&program));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // cobra names the command reached before the word it stumbled on: `podman --xx ps`
            // is podman's error, `podman ps --xx` is ps's.
            let invalid = match e.get(clap::error::ContextKind::InvalidArg) {
                Some(clap::error::ContextValue::String(s)) => s.split(' ').next().map(String::from),
                _ => None,
            };
            let end = invalid
                .and_then(|bad| {
                    args.iter().skip(1).position(|a| {
                        let a = a.to_string_lossy();
                        a == bad || a.starts_with(&format!("{bad}="))
                    })
                })
                .map_or(args.len(), |i| i + 1);
            let command = std::iter::once(program.clone())
                .chain(cli::subcommand_path(&args[..end]))
                .collect::<Vec<_>>()
                .join(" ");
            return usage_error(e, &command);
        }
    };
    if let Some(backend) = cli.global.events_backend {
        // The monitors this burrow starts record events too, and learn the backend from the
        // environment they inherit (as podman hands it to conmon's exit command).
        // SAFETY: no other thread exists yet to read the environment concurrently.
        unsafe { std::env::set_var(burrow::events::BACKEND_VARIABLE, backend.name()) };
    }
    let level_name = match cli.global.log_level_name() {
        Ok(name) => name.to_string(),
        Err(text) => {
            // podman's text and exit code, without the "Error: " of its other errors.
            eprintln!("{text}");
            return ExitCode::from(1);
        }
    };
    let Some(level) = log_level(&level_name) else {
        eprintln!(
            "Log Level {level_name:?} is not supported, choose from: {}",
            LOG_LEVELS.join(", ")
        );
        return ExitCode::from(1);
    };
    init_logging(level);
    tracing::info!(
        "{program} filtering at log level {}",
        level_name.to_ascii_lowercase()
    );
    if cli.global.noout {
        silence_stdout();
    }
    match cli::run(cli, &program) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if let Some(reported) = e.downcast_ref::<ReportedError>() {
                return ExitCode::from(reported.code);
            }
            // podman's shape: one "Error: ..." line on stderr, 125 for burrow's own failures.
            eprintln!("Error: {}", error_text(&e));
            let code = e.downcast_ref::<CodedError>().map_or(125, |c| c.code);
            ExitCode::from(code)
        }
    }
}

/// --noout: stdout goes to /dev/null, for this process and what it starts (podman's too).
fn silence_stdout() {
    match std::fs::OpenOptions::new().write(true).open("/dev/null") {
        Ok(null) => {
            if let Err(e) = nix::unistd::dup2_stdout(&null) {
                tracing::warn!("--noout: cannot redirect stdout to /dev/null: {e}");
            }
        }
        Err(e) => tracing::warn!("--noout: cannot open /dev/null: {e}"),
    }
}

/// The error and its causes joined by ": ", leaving out a cause whose text the message
/// already carries (most of burrow's errors name their cause themselves).
fn error_text(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if !text.contains(&part) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&part);
        }
    }
    text
}

/// clap's help, version and usage errors in podman's (cobra's) words; every real usage error
/// exits 125 as podman's do.
/// `command` is what the user typed (`podman image list`), for the hints that name its help.
fn usage_error(e: clap::Error, command: &str) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let rendered = e.render().to_string();
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    match e.kind() {
        ErrorKind::DisplayHelp => {
            print!("{}", cobra_words(&rendered));
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                print!("{}", cobra_words(&rendered));
            }
            eprintln!("Error: missing command '{command} COMMAND'");
        }
        ErrorKind::InvalidSubcommand => {
            let name = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            eprintln!("Error: unrecognized command `{command} {name}`");
            if let Some(ContextValue::Strings(suggested)) = e.get(ContextKind::SuggestedSubcommand)
            {
                eprintln!("\nDid you mean this?");
                for s in suggested {
                    eprintln!("\t{s}");
                }
                eprintln!();
            }
            eprintln!("Try '{command} --help' for more information");
        }
        ErrorKind::UnknownArgument => {
            let arg = context(ContextKind::InvalidArg).unwrap_or_default();
            let path: Vec<&str> = command.split_whitespace().skip(1).collect();
            if let Some(flag) = arg.strip_prefix("--") {
                let flag = flag.split('=').next().unwrap_or(flag);
                eprintln!("Error: unknown flag: --{flag}");
                eprintln!("See '{command} --help'");
            } else if let Some(short) = arg.strip_prefix('-').and_then(|s| s.chars().next()) {
                eprintln!("Error: unknown shorthand flag: '{short}' in {arg}");
                eprintln!("See '{command} --help'");
            } else if cli::takes_no_arguments(&path) {
                eprintln!("Error: `{command}` takes no arguments");
            } else {
                eprintln!("Error: {}", first_line(&rendered));
                eprintln!("See '{command} --help'");
            }
        }
        ErrorKind::InvalidValue
            if context(ContextKind::InvalidValue).is_some_and(|v| v.is_empty()) =>
        {
            let arg = context(ContextKind::InvalidArg).unwrap_or_default();
            let flag = arg.split([' ', '=']).next().unwrap_or(&arg);
            eprintln!("Error: flag needs an argument: {flag}");
            eprintln!("See '{command} --help'");
        }
        _ => {
            eprintln!("Error: {}", first_line(&rendered));
            eprintln!("See '{command} --help'");
        }
    }
    ExitCode::from(125)
}

fn first_line(rendered: &str) -> &str {
    let first = rendered.lines().next().unwrap_or("invalid arguments");
    first.strip_prefix("error: ").unwrap_or(first)
}

/// clap's placeholders in cobra's lower-case words.
fn cobra_words(help: &str) -> String {
    help.replace("[OPTIONS]", "[options]")
        .replace("<COMMAND>", "[command]")
}

/// podman's (logrus's) levels, in its order.
const LOG_LEVELS: [&str; 8] = [
    "trace", "debug", "info", "warn", "warning", "error", "fatal", "panic",
];

/// The tracing level for a podman log level, matched without regard to case as podman does.
fn log_level(name: &str) -> Option<tracing::Level> {
    Some(match name.to_ascii_lowercase().as_str() {
        "trace" => tracing::Level::TRACE,
        "debug" => tracing::Level::DEBUG,
        "info" => tracing::Level::INFO,
        "warn" | "warning" => tracing::Level::WARN,
        "error" | "fatal" | "panic" => tracing::Level::ERROR,
        _ => return None,
    })
}

fn init_logging(level: tracing::Level) {
    tracing_subscriber::fmt()
        .event_format(cli::log::Logrus)
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .init();
}
