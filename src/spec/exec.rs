//! Planning of the process `burrow exec` starts in a running container (pure: no syscalls).
//!
//! The new process starts from the container's own (the `process` section of its saved spec)
//! and changes only what podman's exec changes: the command, the terminal, the environment,
//! the working directory, the user and, following from the user, the capabilities.

use std::collections::HashSet;
use std::path::PathBuf;

use oci_spec::runtime::{Capabilities, Capability, LinuxCapabilities, Process, User};

use super::SpecError;
use super::build::every_capability;
use super::user::resolve_user;

/// What `burrow exec` asks for; host facts (env files, burrow's environment) are already read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExecOptions {
    pub command: Vec<String>,
    /// `-t`: the process gets a terminal.
    pub tty: bool,
    /// `-u USER[:GROUP]`; the container's user when not given.
    pub user: Option<String>,
    /// `-w`; the container's working directory when not given.
    pub workdir: Option<String>,
    /// `--env-file` entries, then `-e` entries, each parsed (`parse_env_file`, `parse_env_args`);
    /// later entries win.
    pub env: Vec<(String, String)>,
    /// `--privileged`: every capability (the caller can grant; the seccomp filter is the
    /// runtime's to drop).
    pub privileged: bool,
}

/// The exec'd process: the container's `process` with the exec options applied. `passwd` and
/// `group` are the texts of the container's /etc/passwd and /etc/group (needed to resolve `-u`
/// names and the user's home).
pub fn exec_process(
    container: &Process,
    options: &ExecOptions,
    passwd: Option<&str>,
    group: Option<&str>,
) -> Result<Process, SpecError> {
    if options.command.is_empty() || options.command[0].is_empty() {
        return Err(SpecError::EmptyExecCommand);
    }
    let mut process = container.clone();
    process.set_args(Some(options.command.clone()));
    process.set_terminal(Some(options.tty));
    process.set_console_size(None);
    process.set_command_line(None);
    process.set_apparmor_profile(None);
    process.set_selinux_label(None);

    let container_user = container.user();
    let (user, home) = match &options.user {
        Some(spec) => {
            let resolved = resolve_user(spec, passwd, group)?;
            let mut user = User::default();
            user.set_uid(resolved.uid);
            user.set_gid(resolved.gid);
            user.set_additional_gids(
                (!resolved.additional_gids.is_empty()).then_some(resolved.additional_gids),
            );
            (user, resolved.home)
        }
        None => {
            // The home only matters when the container's environment has no HOME.
            let home = resolve_user(&container_user.uid().to_string(), passwd, group)
                .map(|u| u.home)
                .unwrap_or_else(|_| "/".to_string());
            (container_user.clone(), home)
        }
    };
    let same_user = user.uid() == container_user.uid() && user.gid() == container_user.gid();
    process.set_capabilities(Some(exec_capabilities(
        container.capabilities().as_ref(),
        user.uid(),
        same_user,
        options.privileged,
    )));
    process.set_user(user);

    let mut env: Vec<(String, String)> = container
        .env()
        .iter()
        .flatten()
        .map(|e| {
            let (name, value) = e.split_once('=').unwrap_or((e, ""));
            (name.to_string(), value.to_string())
        })
        .collect();
    for (name, value) in &options.env {
        match env.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value.clone(),
            None => env.push((name.clone(), value.clone())),
        }
    }
    // `--user` brings that user's home, over the container's HOME, as podman's exec does
    // (toolbox's `run` would otherwise start the user's login shell in /root); HOME given to
    // exec itself still wins.
    let given_home = options.env.iter().any(|(n, _)| n == "HOME");
    match env.iter_mut().find(|(n, _)| n == "HOME") {
        Some(slot) if options.user.is_some() && !given_home => slot.1 = home,
        Some(_) => {}
        None => env.push(("HOME".to_string(), home)),
    }
    process.set_env(Some(
        env.into_iter().map(|(n, v)| format!("{n}={v}")).collect(),
    ));

    if let Some(dir) = &options.workdir {
        if !dir.starts_with('/') {
            return Err(SpecError::RelativeWorkdir { path: dir.clone() });
        }
        process.set_cwd(PathBuf::from(dir));
    }
    Ok(process)
}

/// podman's capabilities for an exec session: the container's bounding set (every capability
/// with `--privileged`), all of it effective for root; the container's own sets for the
/// container's user; for another user, what survives its exec (nothing, unless ambient).
/// Inheritable is emptied as the kernel does for root, except for the container's user, whose
/// added capabilities ride on the ambient set.
fn exec_capabilities(
    container: Option<&LinuxCapabilities>,
    uid: u32,
    same_user: bool,
    privileged: bool,
) -> LinuxCapabilities {
    let of = |get: fn(&LinuxCapabilities) -> &Option<Capabilities>| -> Capabilities {
        container.and_then(|c| get(c).clone()).unwrap_or_default()
    };
    let bounding = if privileged {
        every_capability(None)
    } else {
        of(LinuxCapabilities::bounding)
    };
    let container_effective = of(LinuxCapabilities::effective);
    let (effective, permitted, inheritable, ambient) = if uid == 0 {
        (
            bounding.clone(),
            bounding.clone(),
            HashSet::new(),
            of(LinuxCapabilities::ambient),
        )
    } else if same_user {
        (
            container_effective.clone(),
            container_effective.clone(),
            container_effective.clone(),
            container_effective,
        )
    } else {
        (
            container_effective,
            of(LinuxCapabilities::permitted),
            HashSet::new(),
            of(LinuxCapabilities::ambient),
        )
    };
    // Nothing outside bounding can be held, and the kernel refuses an ambient capability that
    // is not both permitted and inheritable.
    let within = |set: Capabilities, limit: &Capabilities| -> Capabilities {
        set.intersection(limit).copied().collect()
    };
    let permitted = within(permitted, &bounding);
    let effective = within(effective, &permitted);
    let inheritable = within(inheritable, &bounding);
    let ambient: HashSet<Capability> = ambient
        .into_iter()
        .filter(|c| permitted.contains(c) && inheritable.contains(c))
        .collect();
    let mut caps = LinuxCapabilities::default();
    caps.set_bounding(Some(bounding));
    caps.set_effective(Some(effective));
    caps.set_permitted(Some(permitted));
    caps.set_inheritable(Some(inheritable));
    caps.set_ambient(Some(ambient));
    caps
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\n\
                          daemon:x:1:1:daemon:/usr/sbin:/bin/false\n\
                          app:x:1000:1000:app:/home/app:/bin/sh\n";
    const GROUP: &str = "root:x:0:\nwheel:x:10:app\napp:x:1000:\nstaff:x:50:\n";

    fn caps(list: &[Capability]) -> Capabilities {
        list.iter().copied().collect()
    }

    /// A root container as `burrow run` plans it: the default set in bounding, effective and
    /// permitted.
    fn container(uid: u32) -> Process {
        let set = caps(&[Capability::Chown, Capability::Kill, Capability::Setuid]);
        let mut c = LinuxCapabilities::default();
        c.set_bounding(Some(set.clone()));
        if uid == 0 {
            c.set_effective(Some(set.clone()));
            c.set_permitted(Some(set));
            c.set_inheritable(Some(HashSet::new()));
            c.set_ambient(Some(HashSet::new()));
        } else {
            let added = caps(&[Capability::Kill]);
            c.set_effective(Some(added.clone()));
            c.set_permitted(Some(added.clone()));
            c.set_inheritable(Some(added.clone()));
            c.set_ambient(Some(added));
        }
        let mut user = User::default();
        user.set_uid(uid);
        user.set_gid(uid);
        user.set_additional_gids(Some(vec![10]));
        let mut p = Process::default();
        p.set_args(Some(vec!["sleep".into(), "1000".into()]));
        p.set_terminal(Some(true));
        p.set_user(user);
        p.set_cwd(PathBuf::from("/srv"));
        p.set_env(Some(vec![
            "PATH=/usr/bin:/bin".into(),
            "TERM=xterm".into(),
            "HOME=/root".into(),
            "MODE=prod".into(),
        ]));
        p.set_capabilities(Some(c));
        p.set_no_new_privileges(Some(true));
        p
    }

    fn options(command: &[&str]) -> ExecOptions {
        ExecOptions {
            command: command.iter().map(|s| s.to_string()).collect(),
            ..ExecOptions::default()
        }
    }

    fn plan(container: &Process, options: &ExecOptions) -> Result<Process, SpecError> {
        exec_process(container, options, Some(PASSWD), Some(GROUP))
    }

    fn env_of(p: &Process) -> Vec<String> {
        p.env().clone().unwrap_or_default()
    }

    #[test]
    fn the_container_process_is_kept_except_command_and_terminal() {
        let c = container(0);
        let p = plan(&c, &options(&["ls", "-l"])).unwrap();
        assert_eq!(
            p.args().as_deref(),
            Some(&["ls".to_string(), "-l".into()][..])
        );
        assert_eq!(p.terminal(), Some(false));
        assert_eq!(p.cwd(), c.cwd());
        assert_eq!(p.user(), c.user());
        assert_eq!(p.env(), c.env());
        assert_eq!(p.rlimits(), c.rlimits());
        assert_eq!(p.no_new_privileges(), Some(true));
        assert_eq!(p.capabilities(), c.capabilities());

        let tty = ExecOptions {
            tty: true,
            ..options(&["sh"])
        };
        assert_eq!(plan(&c, &tty).unwrap().terminal(), Some(true));
    }

    #[test]
    fn an_empty_command_is_refused() {
        let c = container(0);
        assert_eq!(plan(&c, &options(&[])), Err(SpecError::EmptyExecCommand));
        assert_eq!(plan(&c, &options(&[""])), Err(SpecError::EmptyExecCommand));
    }

    #[test]
    fn env_entries_replace_in_place_and_append_in_order() {
        let c = container(0);
        let opts = ExecOptions {
            env: vec![
                ("MODE".into(), "file".into()),
                ("EXTRA".into(), "1".into()),
                ("MODE".into(), "flag".into()),
            ],
            ..options(&["env"])
        };
        assert_eq!(
            env_of(&plan(&c, &opts).unwrap()),
            [
                "PATH=/usr/bin:/bin",
                "TERM=xterm",
                "HOME=/root",
                "MODE=flag",
                "EXTRA=1"
            ]
        );
    }

    #[test]
    fn home_is_the_exec_users_unless_given() {
        let mut c = container(0);
        c.set_env(Some(vec!["PATH=/bin".into()]));
        let as_app = ExecOptions {
            user: Some("app".into()),
            ..options(&["env"])
        };
        assert_eq!(
            env_of(&plan(&c, &as_app).unwrap()),
            ["PATH=/bin", "HOME=/home/app"]
        );
        assert_eq!(
            env_of(&plan(&c, &options(&["env"])).unwrap()),
            ["PATH=/bin", "HOME=/root"]
        );
        // The container's HOME yields to the exec user's, not to the container's own user,
        // and not over a HOME given to exec.
        c.set_env(Some(vec!["PATH=/bin".into(), "HOME=/root".into()]));
        assert_eq!(
            env_of(&plan(&c, &as_app).unwrap()),
            ["PATH=/bin", "HOME=/home/app"]
        );
        assert_eq!(
            env_of(&plan(&c, &options(&["env"])).unwrap()),
            ["PATH=/bin", "HOME=/root"]
        );
        let with_home = ExecOptions {
            env: vec![("HOME".into(), "/x".into())],
            ..as_app.clone()
        };
        assert_eq!(
            env_of(&plan(&c, &with_home).unwrap()),
            ["PATH=/bin", "HOME=/x"]
        );
        c.set_env(Some(vec!["PATH=/bin".into()]));
        // No passwd file: a numeric user's home is /.
        let p = exec_process(&c, &options(&["env"]), None, None).unwrap();
        assert_eq!(env_of(&p), ["PATH=/bin", "HOME=/"]);
    }

    #[test]
    fn user_is_resolved_in_the_container_files() {
        let c = container(0);
        let with = |user: &str| {
            plan(
                &c,
                &ExecOptions {
                    user: Some(user.into()),
                    ..options(&["id"])
                },
            )
        };
        let app = with("app").unwrap();
        assert_eq!(
            (app.user().uid(), app.user().gid()),
            (1000, 1000),
            "name from passwd"
        );
        assert_eq!(app.user().additional_gids().as_deref(), Some(&[10][..]));
        let grouped = with("app:staff").unwrap();
        assert_eq!((grouped.user().uid(), grouped.user().gid()), (1000, 50));
        assert_eq!(grouped.user().additional_gids(), &None);
        let numeric = with("4242:4343").unwrap();
        assert_eq!((numeric.user().uid(), numeric.user().gid()), (4242, 4343));
        assert_eq!(
            with("nobody-here"),
            Err(SpecError::UnknownUser {
                name: "nobody-here".into()
            })
        );
        assert_eq!(
            with("app:nogroup"),
            Err(SpecError::UnknownGroup {
                name: "nogroup".into()
            })
        );
    }

    #[test]
    fn workdir_replaces_the_container_one_and_must_be_absolute() {
        let c = container(0);
        let opts = ExecOptions {
            workdir: Some("/tmp".into()),
            ..options(&["pwd"])
        };
        assert_eq!(plan(&c, &opts).unwrap().cwd(), &PathBuf::from("/tmp"));
        let relative = ExecOptions {
            workdir: Some("tmp".into()),
            ..options(&["pwd"])
        };
        assert_eq!(
            plan(&c, &relative),
            Err(SpecError::RelativeWorkdir { path: "tmp".into() })
        );
    }

    fn sets(p: &Process) -> [Capabilities; 5] {
        let c = p.capabilities().clone().unwrap();
        [
            c.bounding().clone().unwrap(),
            c.effective().clone().unwrap(),
            c.permitted().clone().unwrap(),
            c.inheritable().clone().unwrap(),
            c.ambient().clone().unwrap(),
        ]
    }

    #[test]
    fn root_gets_the_bounding_set_and_another_user_keeps_nothing_past_exec() {
        let c = container(0);
        let default = caps(&[Capability::Chown, Capability::Kill, Capability::Setuid]);
        let root = plan(&c, &options(&["sh"])).unwrap();
        let [bounding, effective, permitted, inheritable, ambient] = sets(&root);
        assert_eq!(bounding, default);
        assert_eq!(effective, default);
        assert_eq!(permitted, default);
        assert!(inheritable.is_empty() && ambient.is_empty());

        let app = plan(
            &c,
            &ExecOptions {
                user: Some("app".into()),
                ..options(&["sh"])
            },
        )
        .unwrap();
        let [bounding, _, _, inheritable, ambient] = sets(&app);
        assert_eq!(bounding, default);
        // Without inheritable or ambient capabilities, a non-root exec drops the rest.
        assert!(inheritable.is_empty() && ambient.is_empty());
    }

    #[test]
    fn the_container_user_keeps_its_added_capabilities_and_root_gets_bounding() {
        let c = container(1000);
        let same = plan(&c, &options(&["sh"])).unwrap();
        let kill = caps(&[Capability::Kill]);
        let [bounding, effective, permitted, inheritable, ambient] = sets(&same);
        assert_eq!(
            bounding,
            caps(&[Capability::Chown, Capability::Kill, Capability::Setuid])
        );
        assert_eq!(
            [effective, permitted, inheritable, ambient],
            [kill.clone(), kill.clone(), kill.clone(), kill]
        );

        let root = plan(
            &c,
            &ExecOptions {
                user: Some("0".into()),
                ..options(&["sh"])
            },
        )
        .unwrap();
        let [bounding, effective, permitted, inheritable, ambient] = sets(&root);
        assert_eq!(effective, bounding);
        assert_eq!(permitted, bounding);
        // The container's ambient capability is not inheritable for root any more.
        assert!(inheritable.is_empty() && ambient.is_empty());
    }

    #[test]
    fn privileged_grants_every_capability() {
        let c = container(0);
        let p = plan(
            &c,
            &ExecOptions {
                privileged: true,
                ..options(&["sh"])
            },
        )
        .unwrap();
        let [bounding, effective, ..] = sets(&p);
        assert!(bounding.contains(&Capability::SysAdmin) && bounding.len() > 40);
        assert_eq!(effective, bounding);
    }

    #[test]
    fn a_container_without_capabilities_gives_none() {
        let mut c = container(0);
        c.set_capabilities(None);
        let p = plan(&c, &options(&["sh"])).unwrap();
        assert!(sets(&p).iter().all(HashSet::is_empty));
    }
}
