//! `burrow unshare`: run a command as root in burrow's user namespace, as `podman unshare` does,
//! e.g. to remove files that belong to a container's other users.

use std::os::unix::process::CommandExt as _;

use anyhow::Result;

use super::{CodedError, Context};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Join the rootless network namespace (not available: burrow has no shared one yet)
    #[arg(long)]
    pub rootless_netns: bool,
    /// The command and its arguments (default: $SHELL, else /bin/sh)
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    if args.rootless_netns {
        return Err(CodedError::new(
            125,
            "--rootless-netns is not supported: burrow has no shared rootless network namespace; run the command without it",
        )
        .into());
    }
    let identity = crate::userns::Identity::detect();
    if !identity.rootless() {
        // podman's text.
        return Err(CodedError::new(125, "please use unshare with rootless").into());
    }
    let command = if args.command.is_empty() {
        vec![
            std::env::var("SHELL")
                .ok()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "/bin/sh".to_string()),
        ]
    } else {
        args.command
    };
    if identity.single_id() {
        tracing::warn!("{}", identity.single_id_warning());
    }
    crate::userns::enter_for_command(&identity, &ctx.run_root())?;
    // exec only returns on failure; podman's texts and codes for it.
    let err = std::process::Command::new(&command[0])
        .args(&command[1..])
        .env("CONTAINERS_GRAPHROOT", ctx.graph_root())
        .env("CONTAINERS_RUNROOT", ctx.run_root())
        .env(
            crate::userns::UNSHARE_USER_ENV,
            format!("{}:{}", identity.uid, identity.gid),
        )
        .exec();
    let name = &command[0];
    Err(match err.kind() {
        std::io::ErrorKind::NotFound if !name.contains('/') => CodedError::new(
            127,
            format!("exec: \"{name}\": executable file not found in $PATH"),
        ),
        std::io::ErrorKind::NotFound => {
            CodedError::new(127, format!("fork/exec {name}: no such file or directory"))
        }
        std::io::ErrorKind::PermissionDenied => {
            CodedError::new(126, format!("fork/exec {name}: permission denied"))
        }
        _ => CodedError::new(126, format!("fork/exec {name}: {err}")),
    }
    .into())
}
