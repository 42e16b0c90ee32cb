use std::process::ExitCode;

use clap::Parser;

use burrow::cli::{self, Cli, CodedError, ReportedError};

fn main() -> ExitCode {
    if burrow::userns::is_pause_invocation() {
        burrow::userns::pause_forever();
    }
    if burrow::monitor::is_monitor_invocation() {
        return ExitCode::from(burrow::container::monitor_main() as u8);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let Some(level) = log_level(&cli.global.log_level) else {
        // podman's text and exit code, without the "Error: " of its other errors.
        eprintln!(
            "Log Level {:?} is not supported, choose from: {}",
            cli.global.log_level,
            LOG_LEVELS.join(", ")
        );
        return ExitCode::from(1);
    };
    init_logging(level);
    match cli::run(cli) {
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

/// clap prints help and version itself; every real usage error exits 125 as podman's do.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(125)
        }
        _ => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            // The usage line names the command the user typed, so the hint can name its help.
            let command = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("Usage: "))
                .map(|u| {
                    u.split_whitespace()
                        .take_while(|w| !w.starts_with(['[', '<', '-']))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_else(|| "burrow".into());
            eprintln!("Error: {first}");
            eprintln!("See '{command} --help'");
            ExitCode::from(125)
        }
    }
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
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .init();
}
