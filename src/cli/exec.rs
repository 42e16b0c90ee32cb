//! `burrow exec`: run a process in a running container.

use anyhow::{Context as _, Result};

use super::{CodedError, Context};
use crate::container::{self, ExecRequest};
use crate::spec::{self, ExecOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Run the command in the background and print nothing
    #[arg(short, long)]
    pub detach: bool,
    /// Keys that detach from the command's terminal and leave it running (e.g. ctrl-p,ctrl-q; "" disables)
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Set environment variables (NAME=VALUE, or NAME to pass burrow's value)
    #[arg(short, long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long, value_name = "FILE", add = super::completion::files())]
    pub env_file: Vec<String>,
    /// Pass standard input to the command
    #[arg(short, long)]
    pub interactive: bool,
    /// Pass file descriptors 3 to 3+N-1 to the command
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Give the command every capability and no seccomp filter
    #[arg(long)]
    pub privileged: bool,
    /// Allocate a pseudo-terminal for the command
    #[arg(short, long)]
    pub tty: bool,
    /// Run as this user: USER[:GROUP], names from the container's /etc/passwd and /etc/group
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Working directory inside the container (default: the container's)
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// The container (name, ID or ID prefix)
    #[arg(value_name = "CONTAINER", add = super::completion::running_containers())]
    pub container: String,
    /// The command and its arguments
    #[arg(
        value_name = "COMMAND",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

/// The exec options, with env files read and `-e NAME` taken from burrow's environment.
fn options(args: &Args) -> Result<ExecOptions> {
    let host_env: Vec<(String, String)> = std::env::vars_os()
        .map(|(k, v)| {
            (
                k.to_string_lossy().into_owned(),
                v.to_string_lossy().into_owned(),
            )
        })
        .collect();
    let mut env = Vec::new();
    for file in &args.env_file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read env file {file}"))?;
        env.extend(spec::parse_env_file(&text, &host_env)?);
    }
    env.extend(spec::parse_env_args(&args.env, &host_env)?);
    Ok(ExecOptions {
        command: args.command.clone(),
        tty: args.tty,
        user: args.user.clone(),
        workdir: args.workdir.clone(),
        env,
        privileged: args.privileged,
    })
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let options = options(&args)?;
    let detach_keys = crate::monitor::parse_detach_keys(&args.detach_keys)
        .map_err(|e| CodedError::new(125, e))?;
    let request = ExecRequest {
        detach_keys,
        options: &options,
        interactive: args.interactive,
        detach: args.detach,
        preserve_fds: args.preserve_fds,
    };
    container::exec(&ctx.store(), &ctx.host(), &args.container, &request)
        .map_err(|e| CodedError::new(e.exit_code(), e.to_string()).into())
}
