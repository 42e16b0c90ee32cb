use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use oci_spec::runtime::{Capability, LinuxNamespaceType, PosixRlimitType, Spec};

use super::build::{BIND_DEVICES, MASKED_PATHS, READONLY_PATHS, plan_ids};
use super::*;

const CONTAINER_ID: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
# a comment line
broken line without fields
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
alice:x:1000:1000:Alice:/home/alice:/bin/sh
nohome:x:1001:1001:No Home::/bin/sh
";

const GROUP: &str = "root:x:0:
tty:x:5:
wheel:x:10:alice,bob
audio:x:29:bob,alice
alice:x:1000:
staff:x:50:
";

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

fn busybox() -> ImageRunConfig {
    ImageRunConfig::from_config_value(Some(&serde_json::json!({
        "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        "Cmd": ["sh"],
        "Labels": null
    })))
    .unwrap()
}

fn files() -> ContainerFiles {
    ContainerFiles {
        hostname: PathBuf::from("/run/user/1000/burrow/c1/hostname"),
        hosts: PathBuf::from("/run/user/1000/burrow/c1/hosts"),
        resolv_conf: PathBuf::from("/run/user/1000/burrow/c1/resolv.conf"),
        containerenv: PathBuf::from("/run/user/1000/burrow/c1/.containerenv"),
    }
}

const UID_MAP: [IdMapping; 2] = [
    IdMapping {
        container_id: 0,
        host_id: 1000,
        size: 1,
    },
    IdMapping {
        container_id: 1,
        host_id: 100000,
        size: 65536,
    },
];

/// Host facts shared by the tests; `build` borrows them into a SpecInput.
struct Host {
    image: ImageRunConfig,
    files: ContainerFiles,
    host_env: Vec<(String, String)>,
    limits: BTreeMap<UlimitResource, u64>,
    passwd: Option<&'static str>,
    group: Option<&'static str>,
}

impl Host {
    fn new() -> Self {
        Host {
            image: busybox(),
            files: files(),
            host_env: vec![
                ("HOME".to_string(), "/home/alice".to_string()),
                ("LANG".to_string(), "C.UTF-8".to_string()),
                ("LC_ALL".to_string(), "C".to_string()),
                ("LC_TIME".to_string(), "en_DK".to_string()),
            ],
            limits: BTreeMap::from([
                (UlimitResource::Nofile, 524288),
                (UlimitResource::Nproc, 2_000_000),
            ]),
            passwd: Some(PASSWD),
            group: Some(GROUP),
        }
    }

    fn build(&self, options: &RunOptions) -> Result<Spec, SpecError> {
        build_spec(&self.input(options))
    }

    fn input<'a>(&'a self, options: &'a RunOptions) -> SpecInput<'a> {
        SpecInput {
            container_id: CONTAINER_ID,
            image: &self.image,
            options,
            rootfs: Path::new("/home/alice/.local/share/burrow/containers/c1/merged"),
            files: &self.files,
            own_uid: 1000,
            own_gid: 1000,
            uid_map: &UID_MAP,
            gid_map: &UID_MAP,
            passwd: self.passwd,
            group: self.group,
            host_env: &self.host_env,
            host_hostname: "laptop",
            host_hard_limits: &self.limits,
            host_bounding_set: None,
            seccomp: None,
        }
    }
}

fn process(spec: &Spec) -> &oci_spec::runtime::Process {
    spec.process().as_ref().unwrap()
}

fn linux(spec: &Spec) -> &oci_spec::runtime::Linux {
    spec.linux().as_ref().unwrap()
}

fn env_of(spec: &Spec) -> Vec<String> {
    process(spec).env().clone().unwrap()
}

fn mount_destinations(spec: &Spec) -> Vec<String> {
    spec.mounts()
        .as_ref()
        .unwrap()
        .iter()
        .map(|m| m.destination().display().to_string())
        .collect()
}

fn mount_at<'a>(spec: &'a Spec, destination: &str) -> &'a oci_spec::runtime::Mount {
    spec.mounts()
        .as_ref()
        .unwrap()
        .iter()
        .find(|m| m.destination() == Path::new(destination))
        .unwrap_or_else(|| panic!("no mount at {destination}"))
}

fn options_of(spec: &Spec, destination: &str) -> Vec<String> {
    mount_at(spec, destination).options().clone().unwrap()
}

fn caps(names: &[Capability]) -> HashSet<Capability> {
    names.iter().copied().collect()
}

// ---- --ulimit ----

#[test]
fn ulimit_soft_and_hard() {
    let u = parse_ulimit("nofile=1024:2048").unwrap();
    assert_eq!(u.resource, UlimitResource::Nofile);
    assert_eq!((u.soft, u.hard), (Some(1024), Some(2048)));
}

#[test]
fn ulimit_soft_only_sets_hard_too() {
    let u = parse_ulimit("core=0").unwrap();
    assert_eq!(
        (u.resource, u.soft, u.hard),
        (UlimitResource::Core, Some(0), Some(0))
    );
}

#[test]
fn ulimit_unlimited_forms() {
    let u = parse_ulimit("memlock=-1:-1").unwrap();
    assert_eq!((u.soft, u.hard), (None, None));
    let u = parse_ulimit("stack=8192:unlimited").unwrap();
    assert_eq!((u.soft, u.hard), (Some(8192), None));
    let u = parse_ulimit("rtprio=unlimited").unwrap();
    assert_eq!((u.soft, u.hard), (None, None));
}

#[test]
fn ulimit_every_podman_name_parses() {
    for name in [
        "core",
        "cpu",
        "data",
        "fsize",
        "locks",
        "memlock",
        "msgqueue",
        "nice",
        "nofile",
        "nproc",
        "rss",
        "rtprio",
        "rttime",
        "sigpending",
        "stack",
    ] {
        let u = parse_ulimit(&format!("{name}=1")).unwrap();
        assert_eq!(u.resource.name(), name);
    }
}

#[test]
fn ulimit_errors() {
    assert!(matches!(
        parse_ulimit("nofile"),
        Err(SpecError::BadUlimit { .. })
    ));
    assert!(matches!(
        parse_ulimit("nofile=1:2:3"),
        Err(SpecError::BadUlimit { .. })
    ));
    assert_eq!(
        parse_ulimit("as=1"),
        Err(SpecError::UnknownUlimit {
            name: "as".to_string()
        })
    );
    assert!(matches!(
        parse_ulimit("NOFILE=1"),
        Err(SpecError::UnknownUlimit { .. })
    ));
    assert_eq!(
        parse_ulimit("nofile=abc"),
        Err(SpecError::BadUlimitValue {
            arg: "nofile=abc".to_string(),
            value: "abc".to_string()
        })
    );
    assert!(matches!(
        parse_ulimit("nofile="),
        Err(SpecError::BadUlimitValue { .. })
    ));
    assert!(matches!(
        parse_ulimit("nofile=-2"),
        Err(SpecError::BadUlimitValue { .. })
    ));
    assert_eq!(
        parse_ulimit("nofile=2048:1024"),
        Err(SpecError::UlimitSoftAboveHard {
            arg: "nofile=2048:1024".to_string(),
            soft: 2048,
            hard: 1024
        })
    );
    let message = parse_ulimit("bogus=1").unwrap_err().to_string();
    assert!(
        message.contains("\"bogus\"") && message.contains("nofile"),
        "{message}"
    );
}

// ---- -v ----

#[test]
fn volume_host_to_container() {
    let v = parse_volume("/srv/data:/data", Path::new("/cwd")).unwrap();
    assert_eq!(v.source, VolumeSource::Host(PathBuf::from("/srv/data")));
    assert_eq!(v.destination, "/data");
    assert!(!v.read_only);
    assert!(v.options.is_empty());
}

#[test]
fn volume_with_options() {
    let v = parse_volume("/srv:/srv:ro,z,rshared,nosuid", Path::new("/cwd")).unwrap();
    assert!(v.read_only);
    assert_eq!(v.options, strings(&["z", "rshared", "nosuid"]));
    let v = parse_volume("/srv:/srv:rw", Path::new("/cwd")).unwrap();
    assert!(!v.read_only);
}

#[test]
fn volume_relative_host_path_is_taken_from_cwd() {
    let v = parse_volume("./src:/src", Path::new("/home/alice/proj")).unwrap();
    assert_eq!(
        v.source,
        VolumeSource::Host(PathBuf::from("/home/alice/proj/./src"))
    );
}

#[test]
fn volume_named_and_anonymous() {
    let v = parse_volume("cache:/cache", Path::new("/")).unwrap();
    assert_eq!(v.source, VolumeSource::Named("cache".to_string()));
    let v = parse_volume("/cache", Path::new("/")).unwrap();
    assert_eq!(v.source, VolumeSource::Anonymous);
    assert_eq!(v.destination, "/cache");
    let v = parse_volume("/cache:ro", Path::new("/")).unwrap();
    assert_eq!((v.source, v.read_only), (VolumeSource::Anonymous, true));
}

#[test]
fn volume_errors() {
    let cwd = Path::new("/");
    assert_eq!(
        parse_volume("/srv:data", cwd),
        Err(SpecError::RelativeContainerPath {
            path: "data".to_string()
        })
    );
    assert!(matches!(
        parse_volume("/srv:data:ro", cwd),
        Err(SpecError::RelativeContainerPath { .. })
    ));
    assert_eq!(
        parse_volume("/srv:/srv:bogus", cwd),
        Err(SpecError::UnknownMountOption {
            flag: "-v",
            spec: "/srv:/srv:bogus".to_string(),
            option: "bogus".to_string()
        })
    );
    assert!(matches!(
        parse_volume("/srv:/srv:ro,rw", cwd),
        Err(SpecError::ConflictingMountOptions { .. })
    ));
    assert!(matches!(
        parse_volume("/srv:/srv:ro,ro", cwd),
        Err(SpecError::ConflictingMountOptions { .. })
    ));
    assert!(matches!(
        parse_volume("/srv:/srv:exec,noexec", cwd),
        Err(SpecError::ConflictingMountOptions { .. })
    ));
    assert!(matches!(
        parse_volume("/a:/b:ro:x", cwd),
        Err(SpecError::BadVolume { .. })
    ));
    assert!(matches!(
        parse_volume(":/b", cwd),
        Err(SpecError::BadVolume { .. })
    ));
    assert!(matches!(
        parse_volume("", cwd),
        Err(SpecError::BadVolume { .. })
    ));
}

// ---- --tmpfs ----

#[test]
fn tmpfs_defaults() {
    let t = parse_tmpfs("/scratch").unwrap();
    assert_eq!(t.destination, "/scratch");
    assert_eq!(t.options, strings(&["rw", "noexec", "nosuid", "nodev"]));
}

#[test]
fn tmpfs_options_replace_their_opposites() {
    let t = parse_tmpfs("/scratch:exec,size=64m,mode=1777,ro").unwrap();
    assert_eq!(
        t.options,
        strings(&["nosuid", "nodev", "exec", "size=64m", "mode=1777", "ro"])
    );
}

#[test]
fn tmpfs_errors() {
    assert!(matches!(
        parse_tmpfs("scratch"),
        Err(SpecError::RelativeContainerPath { .. })
    ));
    assert!(matches!(
        parse_tmpfs(":size=1m"),
        Err(SpecError::RelativeContainerPath { .. })
    ));
    assert!(matches!(
        parse_tmpfs("/s:bogus"),
        Err(SpecError::UnknownMountOption {
            flag: "--tmpfs",
            ..
        })
    ));
    assert!(matches!(
        parse_tmpfs("/s:size="),
        Err(SpecError::UnknownMountOption { .. })
    ));
    assert!(matches!(
        parse_tmpfs("/s:colour=red"),
        Err(SpecError::UnknownMountOption { .. })
    ));
    assert!(matches!(
        parse_tmpfs("/s:exec,noexec"),
        Err(SpecError::ConflictingMountOptions { .. })
    ));
}

// ---- -e and --env-file ----

fn host_env() -> Vec<(String, String)> {
    Host::new().host_env
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn env_args_forms() {
    let args = strings(&["A=1", "B=", "C=x=y", "LANG", "MISSING", "LC_*"]);
    assert_eq!(
        parse_env_args(&args, &host_env()).unwrap(),
        pairs(&[
            ("A", "1"),
            ("B", ""),
            ("C", "x=y"),
            ("LANG", "C.UTF-8"),
            ("LC_ALL", "C"),
            ("LC_TIME", "en_DK"),
        ])
    );
}

#[test]
fn env_args_errors() {
    let env = host_env();
    assert_eq!(
        parse_env_args(&strings(&["=x"]), &env),
        Err(SpecError::BadEnv {
            entry: "=x".to_string()
        })
    );
    assert!(matches!(
        parse_env_args(&strings(&["="]), &env),
        Err(SpecError::BadEnv { .. })
    ));
    assert_eq!(
        parse_env_args(&strings(&["MY VAR=1"]), &env),
        Err(SpecError::EnvNameWhitespace {
            name: "MY VAR".to_string()
        })
    );
}

#[test]
fn env_file_skips_comments_and_blank_lines() {
    let text = "# settings\n\nA=1\n   B=two words  \n\t# indented comment\nLANG\nNOPE\n";
    assert_eq!(
        parse_env_file(text, &host_env()).unwrap(),
        pairs(&[("A", "1"), ("B", "two words  "), ("LANG", "C.UTF-8")])
    );
    assert!(matches!(
        parse_env_file("=oops\n", &host_env()),
        Err(SpecError::BadEnv { .. })
    ));
}

// ---- --cap-add / --cap-drop ----

#[test]
fn capability_names_in_every_form() {
    let set = parse_capabilities(&strings(&[
        "net_admin",
        "CAP_SYS_ADMIN",
        "cap_net_raw,MKNOD",
    ]))
    .unwrap();
    assert!(!set.all);
    assert_eq!(
        set.names,
        vec![
            Capability::NetAdmin,
            Capability::SysAdmin,
            Capability::NetRaw,
            Capability::Mknod
        ]
    );
    assert!(parse_capabilities(&strings(&["all"])).unwrap().all);
    assert!(parse_capabilities(&strings(&["CAP_ALL"])).unwrap().all);
}

#[test]
fn every_kernel_capability_name_parses() {
    for name in [
        "AUDIT_CONTROL",
        "AUDIT_READ",
        "AUDIT_WRITE",
        "BLOCK_SUSPEND",
        "BPF",
        "CHECKPOINT_RESTORE",
        "CHOWN",
        "DAC_OVERRIDE",
        "DAC_READ_SEARCH",
        "FOWNER",
        "FSETID",
        "IPC_LOCK",
        "IPC_OWNER",
        "KILL",
        "LEASE",
        "LINUX_IMMUTABLE",
        "MAC_ADMIN",
        "MAC_OVERRIDE",
        "MKNOD",
        "NET_ADMIN",
        "NET_BIND_SERVICE",
        "NET_BROADCAST",
        "NET_RAW",
        "PERFMON",
        "SETGID",
        "SETFCAP",
        "SETPCAP",
        "SETUID",
        "SYS_ADMIN",
        "SYS_BOOT",
        "SYS_CHROOT",
        "SYS_MODULE",
        "SYS_NICE",
        "SYS_PACCT",
        "SYS_PTRACE",
        "SYS_RAWIO",
        "SYS_RESOURCE",
        "SYS_TIME",
        "SYS_TTY_CONFIG",
        "SYSLOG",
        "WAKE_ALARM",
    ] {
        let set = parse_capabilities(&[format!("CAP_{name}")]).unwrap();
        assert_eq!(set.names[0].to_string(), name);
    }
}

#[test]
fn unknown_capability_is_named() {
    assert_eq!(
        parse_capabilities(&strings(&["CAP_FLY"])),
        Err(SpecError::UnknownCapability {
            name: "CAP_FLY".to_string()
        })
    );
    assert!(matches!(
        parse_capabilities(&strings(&[""])),
        Err(SpecError::UnknownCapability { .. })
    ));
}

fn root_caps(options: &RunOptions) -> Result<HashSet<Capability>, SpecError> {
    let spec = Host::new().build(options)?;
    let c = process(&spec).capabilities().clone().unwrap();
    let bounding = c.bounding().clone().unwrap();
    assert_eq!(c.effective().as_ref(), Some(&bounding));
    assert_eq!(c.permitted().as_ref(), Some(&bounding));
    assert_eq!(c.inheritable().as_ref(), Some(&HashSet::new()));
    assert_eq!(c.ambient().as_ref(), Some(&HashSet::new()));
    Ok(bounding)
}

const PODMAN_DEFAULT: [Capability; 11] = [
    Capability::Chown,
    Capability::DacOverride,
    Capability::Fowner,
    Capability::Fsetid,
    Capability::Kill,
    Capability::NetBindService,
    Capability::Setfcap,
    Capability::Setgid,
    Capability::Setpcap,
    Capability::Setuid,
    Capability::SysChroot,
];

#[test]
fn default_capabilities_are_podmans() {
    assert_eq!(
        root_caps(&RunOptions::default()).unwrap(),
        caps(&PODMAN_DEFAULT)
    );
}

#[test]
fn cap_add_and_drop() {
    let options = RunOptions {
        cap_add: parse_capabilities(&strings(&["NET_ADMIN"])).unwrap(),
        cap_drop: parse_capabilities(&strings(&["chown", "KILL"])).unwrap(),
        ..Default::default()
    };
    let mut expected = caps(&PODMAN_DEFAULT);
    expected.insert(Capability::NetAdmin);
    expected.remove(&Capability::Chown);
    expected.remove(&Capability::Kill);
    assert_eq!(root_caps(&options).unwrap(), expected);
}

#[test]
fn cap_drop_all_keeps_only_added() {
    let options = RunOptions {
        cap_add: parse_capabilities(&strings(&["SETUID"])).unwrap(),
        cap_drop: parse_capabilities(&strings(&["ALL"])).unwrap(),
        ..Default::default()
    };
    assert_eq!(root_caps(&options).unwrap(), caps(&[Capability::Setuid]));
}

#[test]
fn cap_add_all_minus_drops() {
    let options = RunOptions {
        cap_add: parse_capabilities(&strings(&["all"])).unwrap(),
        cap_drop: parse_capabilities(&strings(&["SYS_ADMIN"])).unwrap(),
        ..Default::default()
    };
    let got = root_caps(&options).unwrap();
    assert_eq!(got.len(), 40);
    assert!(!got.contains(&Capability::SysAdmin));
    assert!(got.contains(&Capability::Bpf));
}

#[test]
fn privileged_gets_every_capability() {
    let options = RunOptions {
        privileged: true,
        cap_drop: parse_capabilities(&strings(&["CHOWN"])).unwrap(),
        ..Default::default()
    };
    assert_eq!(root_caps(&options).unwrap().len(), 41);
}

#[test]
fn capability_conflicts() {
    let both = RunOptions {
        cap_add: parse_capabilities(&strings(&["NET_RAW"])).unwrap(),
        cap_drop: parse_capabilities(&strings(&["cap_net_raw"])).unwrap(),
        ..Default::default()
    };
    assert_eq!(
        root_caps(&both),
        Err(SpecError::CapabilityAddedAndDropped {
            name: "NET_RAW".to_string()
        })
    );
    let all_both = RunOptions {
        cap_add: parse_capabilities(&strings(&["ALL"])).unwrap(),
        cap_drop: parse_capabilities(&strings(&["ALL"])).unwrap(),
        ..Default::default()
    };
    assert_eq!(root_caps(&all_both), Err(SpecError::AllAddedAndDropped));
}

#[test]
fn non_root_user_keeps_only_added_capabilities() {
    let options = RunOptions {
        user: Some("alice".to_string()),
        cap_add: parse_capabilities(&strings(&["NET_BIND_SERVICE", "NET_ADMIN"])).unwrap(),
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    let c = process(&spec).capabilities().clone().unwrap();
    let mut bounding = caps(&PODMAN_DEFAULT);
    bounding.insert(Capability::NetAdmin);
    assert_eq!(c.bounding().clone().unwrap(), bounding);
    let added = caps(&[Capability::NetBindService, Capability::NetAdmin]);
    for set in [c.effective(), c.permitted(), c.inheritable(), c.ambient()] {
        assert_eq!(set.clone().unwrap(), added);
    }
    let plain = Host::new()
        .build(&RunOptions {
            user: Some("1000".to_string()),
            ..Default::default()
        })
        .unwrap();
    let c = process(&plain).capabilities().clone().unwrap();
    assert!(c.effective().clone().unwrap().is_empty());
    assert!(c.ambient().clone().unwrap().is_empty());
    assert_eq!(c.bounding().clone().unwrap(), caps(&PODMAN_DEFAULT));
}

// ---- other flag parsers ----

#[test]
fn security_opts() {
    assert_eq!(
        parse_security_opt("seccomp=unconfined"),
        Ok(SecurityOpt::Seccomp(SeccompMode::Unconfined))
    );
    assert_eq!(
        parse_security_opt("seccomp=/etc/profile.json"),
        Ok(SecurityOpt::Seccomp(SeccompMode::Profile(PathBuf::from(
            "/etc/profile.json"
        ))))
    );
    assert_eq!(
        parse_security_opt("no-new-privileges"),
        Ok(SecurityOpt::NoNewPrivileges(true))
    );
    assert_eq!(
        parse_security_opt("no-new-privileges:true"),
        Ok(SecurityOpt::NoNewPrivileges(true))
    );
    assert_eq!(
        parse_security_opt("no-new-privileges=false"),
        Ok(SecurityOpt::NoNewPrivileges(false))
    );
    assert_eq!(
        parse_security_opt("label=disable"),
        Ok(SecurityOpt::Label("disable".to_string()))
    );
    for bad in [
        "seccomp",
        "seccomp=",
        "no-new-privileges=maybe",
        "apparmor=x",
        "",
    ] {
        assert!(
            matches!(
                parse_security_opt(bad),
                Err(SpecError::BadSecurityOpt { .. })
            ),
            "{bad}"
        );
    }
    let mut options = RunOptions::default();
    options.apply_security_opt(parse_security_opt("no-new-privileges").unwrap());
    options.apply_security_opt(parse_security_opt("seccomp=unconfined").unwrap());
    assert!(options.no_new_privileges);
    assert_eq!(options.seccomp, SeccompMode::Unconfined);
}

#[test]
fn userns_network_label_annotation_entrypoint() {
    assert_eq!(parse_userns("keep-id"), Ok(KEEP_ID));
    assert_eq!(parse_userns("nomap"), Ok(UsernsMode::NoMap));
    assert_eq!(parse_userns("host"), Ok(UsernsMode::Host));
    assert_eq!(parse_userns(""), Ok(UsernsMode::Default));
    assert!(matches!(
        parse_userns("auto"),
        Err(SpecError::BadUserns { .. })
    ));
    assert_eq!(
        parse_userns("bogus").unwrap_err().to_string(),
        "unrecognized namespace mode bogus passed"
    );
    assert_eq!(
        parse_userns("private").unwrap_err().to_string(),
        "must provide at least one UID or GID mapping to configure a user namespace"
    );
    assert_eq!(parse_network("none"), Ok(NetworkMode::None));
    assert_eq!(parse_network("host"), Ok(NetworkMode::Host));
    assert!(matches!(
        parse_network("bridge"),
        Err(SpecError::BadNetwork { .. })
    ));
    assert_eq!(parse_network(""), Ok(NetworkMode::Default));
    assert_eq!(
        parse_network("pasta:-D,127.0.0.2"),
        Ok(NetworkMode::Pasta(vec!["-D".into(), "127.0.0.2".into()]))
    );
    assert_eq!(
        parse_network("slirp4netns:allow_host_loopback=true"),
        Ok(NetworkMode::Slirp4netns(vec![
            "allow_host_loopback=true".into()
        ]))
    );
    assert_eq!(
        parse_network("ns:/run/netns/x"),
        Ok(NetworkMode::Path("/run/netns/x".into()))
    );
    assert_eq!(
        parse_network("container:web"),
        Ok(NetworkMode::Container("web".into()))
    );
    assert!(parse_network("ns:relative").is_err());
    assert_eq!(
        parse_label("a=b=c"),
        Ok(("a".to_string(), "b=c".to_string()))
    );
    assert_eq!(parse_label("flag"), Ok(("flag".to_string(), String::new())));
    assert!(matches!(
        parse_label("=x"),
        Err(SpecError::BadKeyValue {
            flag: "--label",
            ..
        })
    ));
    assert_eq!(
        parse_annotation("k=v"),
        Ok(("k".to_string(), "v".to_string()))
    );
    assert!(matches!(
        parse_annotation("k"),
        Err(SpecError::BadKeyValue { .. })
    ));
    assert!(matches!(
        parse_annotation("=v"),
        Err(SpecError::BadKeyValue { .. })
    ));
    assert_eq!(parse_entrypoint(""), Ok(vec![]));
    assert_eq!(parse_entrypoint("/bin/sh -c"), Ok(strings(&["/bin/sh -c"])));
    assert_eq!(
        parse_entrypoint(r#"["/bin/sh","-c"]"#),
        Ok(strings(&["/bin/sh", "-c"]))
    );
    assert!(matches!(
        parse_entrypoint("[oops"),
        Err(SpecError::BadEntrypoint { .. })
    ));
}

// ---- entrypoint and cmd ----

#[test]
fn entrypoint_and_cmd_matrix() {
    // Docker's "how CMD and ENTRYPOINT interact" table, then the run-time overrides.
    type Case = (
        Option<&'static [&'static str]>,
        Option<&'static [&'static str]>,
        Option<&'static [&'static str]>,
        &'static [&'static str],
        Option<&'static [&'static str]>,
    );
    let cases: [Case; 13] = [
        // image entrypoint, image cmd, --entrypoint, command, expected argv (None = error)
        (None, None, None, &[], None),
        (
            None,
            Some(&["exec_cmd", "p1_cmd"]),
            None,
            &[],
            Some(&["exec_cmd", "p1_cmd"]),
        ),
        (
            Some(&["exec_entry", "p1_entry"]),
            None,
            None,
            &[],
            Some(&["exec_entry", "p1_entry"]),
        ),
        (
            Some(&["exec_entry", "p1_entry"]),
            Some(&["exec_cmd", "p1_cmd"]),
            None,
            &[],
            Some(&["exec_entry", "p1_entry", "exec_cmd", "p1_cmd"]),
        ),
        (
            Some(&["ep"]),
            Some(&["cmd"]),
            None,
            &["arg"],
            Some(&["ep", "arg"]),
        ),
        (
            None,
            Some(&["cmd"]),
            None,
            &["ls", "-l"],
            Some(&["ls", "-l"]),
        ),
        // a non-empty --entrypoint drops the image's Cmd
        (
            Some(&["ep"]),
            Some(&["cmd"]),
            Some(&["new"]),
            &[],
            Some(&["new"]),
        ),
        (
            Some(&["ep"]),
            Some(&["cmd"]),
            Some(&["new"]),
            &["x"],
            Some(&["new", "x"]),
        ),
        // --entrypoint "" clears the entrypoint; podman still uses the image's Cmd
        (
            Some(&["ep"]),
            Some(&["cmd"]),
            Some(&[]),
            &[],
            Some(&["cmd"]),
        ),
        (Some(&["ep"]), None, Some(&[]), &[], None),
        (
            Some(&["ep"]),
            Some(&["cmd"]),
            Some(&[]),
            &["uname"],
            Some(&["uname"]),
        ),
        // ENTRYPOINT [""] in the image means none (podman's run_entrypoint_test)
        (
            Some(&[""]),
            None,
            None,
            &["echo", "hello"],
            Some(&["echo", "hello"]),
        ),
        (Some(&[""]), None, None, &[], None),
    ];
    for (ep, cmd, given_ep, command, expected) in cases {
        let image = ImageRunConfig {
            entrypoint: ep.map(strings),
            cmd: cmd.map(strings),
            ..Default::default()
        };
        let options = RunOptions {
            entrypoint: given_ep.map(strings),
            command: strings(command),
            ..Default::default()
        };
        let got = final_args(&image, &options);
        match expected {
            Some(args) => assert_eq!(
                got,
                Ok(strings(args)),
                "{ep:?} {cmd:?} {given_ep:?} {command:?}"
            ),
            None => assert_eq!(got, Err(SpecError::NoCommand)),
        }
    }
}

#[test]
fn no_command_error_text_is_podmans() {
    assert_eq!(
        SpecError::NoCommand.to_string(),
        "no command or entrypoint provided, and no CMD or ENTRYPOINT from image"
    );
}

#[test]
fn init_leaves_the_command_alone() {
    // The runtime runs the init itself; the container's process is the command as given.
    let spec = Host::new()
        .build(&RunOptions {
            init: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(process(&spec).args().clone().unwrap(), strings(&["sh"]));
}

// ---- environment ----

#[test]
fn env_defaults_for_busybox() {
    let spec = Host::new().build(&RunOptions::default()).unwrap();
    assert_eq!(
        env_of(&spec),
        strings(&[
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "TERM=xterm",
            "container=burrow",
            "HOSTNAME=0123456789ab",
            "HOME=/root",
        ])
    );
}

#[test]
fn env_precedence_image_then_files_then_flags() {
    let mut host = Host::new();
    host.image.env = Some(strings(&[
        "PATH=/opt/bin",
        "A=image",
        "B=image",
        "C=image",
        "EMPTY",
    ]));
    let options = RunOptions {
        env_files: vec!["B=file1\nD=file1\n".to_string(), "D=file2\n".to_string()],
        env: strings(&[
            "C=flag",
            "TERM=dumb",
            "HOME=/custom",
            "HOSTNAME=named",
            "LANG",
        ]),
        ..Default::default()
    };
    let spec = host.build(&options).unwrap();
    assert_eq!(
        env_of(&spec),
        strings(&[
            "PATH=/opt/bin",
            "TERM=dumb",
            "container=burrow",
            "A=image",
            "B=file1",
            "C=flag",
            "EMPTY=",
            "D=file2",
            "HOME=/custom",
            "HOSTNAME=named",
            "LANG=C.UTF-8",
        ])
    );
}

#[test]
fn env_home_follows_the_user() {
    let spec = Host::new()
        .build(&RunOptions {
            user: Some("alice".to_string()),
            ..Default::default()
        })
        .unwrap();
    assert!(env_of(&spec).contains(&"HOME=/home/alice".to_string()));
    let spec = Host::new()
        .build(&RunOptions {
            user: Some("4242".to_string()),
            ..Default::default()
        })
        .unwrap();
    assert!(env_of(&spec).contains(&"HOME=/".to_string()));
}

#[test]
fn env_file_errors_surface_from_build() {
    let options = RunOptions {
        env_files: vec!["=bad\n".to_string()],
        ..Default::default()
    };
    assert!(matches!(
        Host::new().build(&options),
        Err(SpecError::BadEnv { .. })
    ));
}

// ---- users ----

#[test]
fn resolve_numeric_user_without_files() {
    assert_eq!(
        resolve_user("1234", None, None),
        Ok(ResolvedUser {
            uid: 1234,
            gid: 0,
            additional_gids: vec![],
            home: "/".to_string()
        })
    );
    assert_eq!(resolve_user("1234:99", None, None).unwrap().gid, 99);
}

#[test]
fn resolve_numeric_user_with_passwd_entry() {
    let u = resolve_user("33", Some(PASSWD), Some(GROUP)).unwrap();
    assert_eq!((u.uid, u.gid, u.home.as_str()), (33, 33, "/var/www"));
}

#[test]
fn resolve_user_by_name_with_supplementary_groups() {
    assert_eq!(
        resolve_user("alice", Some(PASSWD), Some(GROUP)),
        Ok(ResolvedUser {
            uid: 1000,
            gid: 1000,
            additional_gids: vec![10, 29],
            home: "/home/alice".to_string()
        })
    );
}

#[test]
fn explicit_group_replaces_primary_and_drops_supplementary() {
    let u = resolve_user("alice:staff", Some(PASSWD), Some(GROUP)).unwrap();
    assert_eq!((u.gid, u.additional_gids.clone()), (50, vec![]));
    let u = resolve_user("alice:7", Some(PASSWD), Some(GROUP)).unwrap();
    assert_eq!(u.gid, 7);
}

#[test]
fn resolve_user_empty_home_is_root() {
    assert_eq!(
        resolve_user("nohome", Some(PASSWD), None).unwrap().home,
        "/"
    );
}

#[test]
fn resolve_user_errors() {
    let err = resolve_user("bob", Some(PASSWD), Some(GROUP)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unable to find user bob: no matching entries in passwd file"
    );
    assert_eq!(
        resolve_user("root", None, None),
        Err(SpecError::UnknownUser {
            name: "root".to_string()
        })
    );
    let err = resolve_user("alice:nogroup", Some(PASSWD), Some(GROUP)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unable to find group nogroup: no matching entries in group file"
    );
    assert!(matches!(
        resolve_user("0:wheel", None, None),
        Err(SpecError::UnknownGroup { .. })
    ));
    for bad in ["", ":0", "0:"] {
        assert!(
            matches!(
                resolve_user(bad, None, None),
                Err(SpecError::BadUser { .. })
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn group_add_names_and_numbers() {
    assert_eq!(
        resolve_group_add(&strings(&["wheel", "44", "10"]), Some(GROUP)),
        Ok(vec![10, 44])
    );
    assert!(matches!(
        resolve_group_add(&strings(&["nobody"]), Some(GROUP)),
        Err(SpecError::UnknownGroup { .. })
    ));
}

#[test]
fn process_user_in_spec() {
    let spec = Host::new()
        .build(&RunOptions {
            user: Some("alice".to_string()),
            group_add: strings(&["staff"]),
            ..Default::default()
        })
        .unwrap();
    let user = process(&spec).user();
    assert_eq!((user.uid(), user.gid()), (1000, 1000));
    assert_eq!(user.additional_gids().clone(), Some(vec![10, 29, 50]));
}

#[test]
fn image_user_applies_unless_overridden() {
    let mut host = Host::new();
    host.image.user = Some("www-data".to_string());
    let spec = host.build(&RunOptions::default()).unwrap();
    assert_eq!(process(&spec).user().uid(), 33);
    let spec = host
        .build(&RunOptions {
            user: Some("0".to_string()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(process(&spec).user().uid(), 0);
    host.image.user = Some("ghost".to_string());
    assert!(matches!(
        host.build(&RunOptions::default()),
        Err(SpecError::UnknownUser { .. })
    ));
}

#[test]
fn keep_groups_becomes_crun_annotation() {
    let options = RunOptions {
        group_add: strings(&["keep-groups"]),
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    let annotations = spec.annotations().clone().unwrap();
    assert_eq!(
        annotations
            .get("run.oci.keep_original_groups")
            .map(String::as_str),
        Some("1")
    );
    let options = RunOptions {
        group_add: strings(&["keep-groups", "wheel"]),
        ..Default::default()
    };
    assert_eq!(
        Host::new().build(&options),
        Err(SpecError::KeepGroupsWithOthers)
    );
}

// ---- working directory, hostname ----

#[test]
fn working_directory_rules() {
    let mut host = Host::new();
    assert_eq!(
        process(&host.build(&RunOptions::default()).unwrap()).cwd(),
        Path::new("/")
    );
    host.image.working_dir = Some("/app".to_string());
    assert_eq!(
        process(&host.build(&RunOptions::default()).unwrap()).cwd(),
        Path::new("/app")
    );
    let options = RunOptions {
        workdir: Some("/work".to_string()),
        ..Default::default()
    };
    assert_eq!(
        process(&host.build(&options).unwrap()).cwd(),
        Path::new("/work")
    );
    host.image.working_dir = Some("rel".to_string());
    assert_eq!(
        process(&host.build(&RunOptions::default()).unwrap()).cwd(),
        Path::new("/rel")
    );
    let options = RunOptions {
        workdir: Some("work".to_string()),
        ..Default::default()
    };
    assert_eq!(
        host.build(&options),
        Err(SpecError::RelativeWorkdir {
            path: "work".to_string()
        })
    );
}

#[test]
fn hostname_rules() {
    let host = Host::new();
    let spec = host.build(&RunOptions::default()).unwrap();
    assert_eq!(spec.hostname().as_deref(), Some("0123456789ab"));
    let named = RunOptions {
        hostname: Some("web".to_string()),
        ..Default::default()
    };
    let spec = host.build(&named).unwrap();
    assert_eq!(spec.hostname().as_deref(), Some("web"));
    assert!(env_of(&spec).contains(&"HOSTNAME=web".to_string()));
    let host_net = RunOptions {
        network: NetworkMode::Host,
        ..Default::default()
    };
    assert_eq!(
        host.build(&host_net).unwrap().hostname().as_deref(),
        Some("laptop")
    );
    let host_uts = RunOptions {
        uts_host: true,
        ..Default::default()
    };
    let spec = host.build(&host_uts).unwrap();
    assert_eq!(spec.hostname(), &None);
    assert!(env_of(&spec).contains(&"HOSTNAME=laptop".to_string()));
    let both = RunOptions {
        uts_host: true,
        hostname: Some("x".to_string()),
        ..Default::default()
    };
    assert_eq!(host.build(&both), Err(SpecError::HostnameWithHostUts));
}

// ---- rlimits ----

fn rlimits_of(spec: &Spec) -> Vec<(PosixRlimitType, u64, u64)> {
    process(spec)
        .rlimits()
        .clone()
        .unwrap()
        .iter()
        .map(|r| (r.typ(), r.soft(), r.hard()))
        .collect()
}

#[test]
fn rlimit_defaults_are_capped_by_the_host() {
    let spec = Host::new().build(&RunOptions::default()).unwrap();
    assert_eq!(
        rlimits_of(&spec),
        vec![
            (PosixRlimitType::RlimitNofile, 524288, 524288),
            (PosixRlimitType::RlimitNproc, 1048576, 1048576),
        ]
    );
}

#[test]
fn rlimits_from_flags() {
    let options = RunOptions {
        ulimits: vec![
            parse_ulimit("nofile=1024:2048").unwrap(),
            parse_ulimit("core=-1").unwrap(),
            parse_ulimit("nofile=-1:-1").unwrap(),
        ],
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    assert_eq!(
        rlimits_of(&spec),
        vec![
            (PosixRlimitType::RlimitNofile, 1024, 2048),
            (PosixRlimitType::RlimitCore, u64::MAX, u64::MAX),
            (PosixRlimitType::RlimitNofile, 524288, 524288),
            (PosixRlimitType::RlimitNproc, 1048576, 1048576),
        ]
    );
}

// ---- mounts ----

#[test]
fn default_mounts_in_order() {
    let spec = Host::new().build(&RunOptions::default()).unwrap();
    assert_eq!(
        mount_destinations(&spec),
        strings(&[
            "/proc",
            "/dev",
            "/sys",
            "/dev/null",
            "/dev/zero",
            "/dev/full",
            "/dev/random",
            "/dev/urandom",
            "/dev/tty",
            "/dev/pts",
            "/dev/shm",
            "/dev/mqueue",
            "/etc/hostname",
            "/etc/hosts",
            "/etc/resolv.conf",
            "/run/.containerenv",
            "/sys/fs/cgroup",
        ])
    );
    assert_eq!(mount_at(&spec, "/proc").typ().as_deref(), Some("proc"));
    assert_eq!(
        options_of(&spec, "/dev/pts"),
        strings(&[
            "nosuid",
            "noexec",
            "newinstance",
            "ptmxmode=0666",
            "mode=0620",
            "gid=5"
        ])
    );
    assert_eq!(
        options_of(&spec, "/dev/shm"),
        strings(&["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"])
    );
    assert_eq!(
        mount_at(&spec, "/dev/mqueue").typ().as_deref(),
        Some("mqueue")
    );
    assert_eq!(mount_at(&spec, "/sys").typ().as_deref(), Some("sysfs"));
    assert!(options_of(&spec, "/sys").contains(&"ro".to_string()));
    assert_eq!(
        mount_at(&spec, "/sys/fs/cgroup").typ().as_deref(),
        Some("cgroup")
    );
    for device in BIND_DEVICES {
        let m = mount_at(&spec, device);
        assert_eq!(
            (m.typ().as_deref(), m.source().as_deref()),
            (Some("bind"), Some(Path::new(device)))
        );
        assert!(!m.options().clone().unwrap().contains(&"nodev".to_string()));
    }
    let m = mount_at(&spec, "/etc/resolv.conf");
    assert_eq!(
        m.source().as_deref(),
        Some(Path::new("/run/user/1000/burrow/c1/resolv.conf"))
    );
    assert_eq!(
        mount_at(&spec, "/run/.containerenv").source().as_deref(),
        Some(Path::new("/run/user/1000/burrow/c1/.containerenv"))
    );
}

#[test]
fn host_namespaces_switch_to_binds() {
    let options = RunOptions {
        network: NetworkMode::Host,
        ipc: IpcMode::Host,
        cgroupns_host: true,
        pid_host: true,
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    for (dest, source) in [
        ("/proc", "/proc"),
        ("/sys", "/sys"),
        ("/sys/fs/cgroup", "/sys/fs/cgroup"),
        ("/dev/shm", "/dev/shm"),
        ("/dev/mqueue", "/dev/mqueue"),
    ] {
        let m = mount_at(&spec, dest);
        assert_eq!(m.typ().as_deref(), Some("bind"), "{dest}");
        assert_eq!(m.source().as_deref(), Some(Path::new(source)));
    }
    assert!(options_of(&spec, "/sys").contains(&"ro".to_string()));
}

#[test]
fn volumes_and_tmpfs_follow_system_mounts() {
    let cwd = Path::new("/");
    let options = RunOptions {
        volumes: vec![
            parse_volume("/srv/data:/data:ro", cwd).unwrap(),
            parse_volume("/srv/cache:/cache:rshared,Z,nosuid", cwd).unwrap(),
        ],
        tmpfs: vec![parse_tmpfs("/scratch:size=1m").unwrap()],
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    let dests = mount_destinations(&spec);
    let depth_one: Vec<&String> = dests
        .iter()
        .filter(|d| d.matches('/').count() == 1)
        .collect();
    assert_eq!(
        depth_one,
        ["/proc", "/dev", "/sys", "/data", "/cache", "/scratch"]
    );
    assert_eq!(
        options_of(&spec, "/data"),
        strings(&["rbind", "rprivate", "ro"])
    );
    assert_eq!(
        options_of(&spec, "/cache"),
        strings(&["rbind", "rshared", "nosuid", "rw"])
    );
    assert_eq!(
        options_of(&spec, "/scratch"),
        strings(&["rw", "noexec", "nosuid", "nodev", "size=1m"])
    );
    assert_eq!(mount_at(&spec, "/scratch").typ().as_deref(), Some("tmpfs"));
}

#[test]
fn user_mount_replaces_default_at_same_destination() {
    let options = RunOptions {
        volumes: vec![parse_volume("/etc/myhosts:/etc/hosts:ro", Path::new("/")).unwrap()],
        tmpfs: vec![parse_tmpfs("/dev/shm:size=1g").unwrap()],
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    let dests = mount_destinations(&spec);
    assert_eq!(dests.iter().filter(|d| *d == "/etc/hosts").count(), 1);
    assert_eq!(dests.iter().filter(|d| *d == "/dev/shm").count(), 1);
    assert_eq!(
        mount_at(&spec, "/etc/hosts").source().as_deref(),
        Some(Path::new("/etc/myhosts"))
    );
    assert!(options_of(&spec, "/dev/shm").contains(&"size=1g".to_string()));
}

#[test]
fn unresolved_volumes_never_reach_the_spec() {
    let named = RunOptions {
        volumes: vec![parse_volume("data:/data", Path::new("/")).unwrap()],
        ..Default::default()
    };
    assert_eq!(
        Host::new().build(&named),
        Err(SpecError::UnresolvedVolume {
            destination: "/data".to_string()
        })
    );
}

#[test]
fn overlay_volumes_mount_overlay_with_userxattr() {
    let options = RunOptions {
        volumes: vec![VolumeMount {
            source: VolumeSource::Overlay {
                lower: "/home/alice/src".into(),
                upper: "/c/overlay/0/upper".into(),
                work: "/c/overlay/0/work".into(),
            },
            destination: "/src".into(),
            read_only: false,
            options: strings(&["O"]),
        }],
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    let m = mount_at(&spec, "/src");
    assert_eq!(m.typ().as_deref(), Some("overlay"));
    assert_eq!(
        options_of(&spec, "/src"),
        strings(&[
            "lowerdir=/home/alice/src",
            "upperdir=/c/overlay/0/upper",
            "workdir=/c/overlay/0/work",
            "userxattr"
        ])
    );
}

#[test]
fn mount_type_volume_names_a_volume_or_makes_an_anonymous_one() {
    let cwd = Path::new("/home/alice");
    match parse_mount("type=volume,src=cache,dst=/c,ro,volume-nocopy", cwd).unwrap() {
        MountArg::Bind(v) => {
            assert_eq!(v.source, VolumeSource::Named("cache".into()));
            assert!(v.read_only);
            assert_eq!(v.options, strings(&["nocopy"]));
        }
        other => panic!("{other:?}"),
    }
    match parse_mount("type=volume,dst=/c", cwd).unwrap() {
        MountArg::Bind(v) => assert_eq!(v.source, VolumeSource::Anonymous),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        parse_mount("type=volume,src=v,dst=/c,foo=bar", cwd)
            .unwrap_err()
            .to_string(),
        "foo: invalid mount option"
    );
}

#[test]
fn read_only_root_with_tmpfs_dirs() {
    let options = RunOptions {
        read_only: true,
        read_only_tmpfs: true,
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    assert_eq!(spec.root().as_ref().unwrap().readonly(), Some(true));
    for dir in ["/run", "/tmp", "/var/tmp"] {
        assert_eq!(mount_at(&spec, dir).typ().as_deref(), Some("tmpfs"));
    }
    // The tmpfs on /run must not hide /run/.containerenv.
    let dests = mount_destinations(&spec);
    let position = |d: &str| dests.iter().position(|x| x == d).unwrap();
    assert!(position("/run") < position("/run/.containerenv"));
    let plain = Host::new().build(&RunOptions::default()).unwrap();
    assert_eq!(plain.root().as_ref().unwrap().readonly(), Some(false));
    assert!(!mount_destinations(&plain).contains(&"/tmp".to_string()));
}

#[test]
fn devpts_drops_gid5_when_unmapped() {
    let mut host = Host::new();
    let small = [IdMapping {
        container_id: 0,
        host_id: 1000,
        size: 1,
    }];
    let options = RunOptions::default();
    let mut input = host.input(&options);
    input.gid_map = &small;
    let spec = build_spec(&input).unwrap();
    assert!(!options_of(&spec, "/dev/pts").contains(&"gid=5".to_string()));
    host.passwd = None;
    let spec = host.build(&options).unwrap();
    assert!(options_of(&spec, "/dev/pts").contains(&"gid=5".to_string()));
}

// ---- masked and read-only paths, privileged ----

#[test]
fn masked_and_readonly_paths_are_podmans() {
    let spec = Host::new().build(&RunOptions::default()).unwrap();
    let l = linux(&spec);
    let masked = l.masked_paths().clone().unwrap();
    for path in [
        "/proc/acpi",
        "/proc/kcore",
        "/proc/keys",
        "/proc/latency_stats",
        "/proc/sched_debug",
        "/proc/scsi",
        "/proc/timer_list",
        "/proc/timer_stats",
        "/sys/firmware",
        "/sys/devices/virtual/powercap",
        "/sys/fs/selinux",
        "/proc/interrupts",
    ] {
        assert!(masked.contains(&path.to_string()), "{path}");
    }
    assert_eq!(masked.len(), MASKED_PATHS.len());
    assert_eq!(
        l.readonly_paths().clone().unwrap(),
        strings(&READONLY_PATHS)
    );
    assert!(READONLY_PATHS.contains(&"/proc/sysrq-trigger"));
}

#[test]
fn privileged_unmasks_and_writes_sys() {
    let host = Host::new();
    let profile: oci_spec::runtime::LinuxSeccomp = serde_json::from_value(serde_json::json!({
        "defaultAction": "SCMP_ACT_ERRNO"
    }))
    .unwrap();
    let options = RunOptions {
        privileged: true,
        ..Default::default()
    };
    let mut input = host.input(&options);
    input.seccomp = Some(profile.clone());
    let spec = build_spec(&input).unwrap();
    let l = linux(&spec);
    assert_eq!(l.masked_paths(), &None);
    assert_eq!(l.readonly_paths(), &None);
    assert_eq!(l.seccomp(), &None);
    assert!(options_of(&spec, "/sys").contains(&"rw".to_string()));

    let confined = RunOptions::default();
    let mut input = host.input(&confined);
    input.seccomp = Some(profile.clone());
    assert_eq!(
        linux(&build_spec(&input).unwrap()).seccomp(),
        &Some(profile.clone())
    );
    let unconfined = RunOptions {
        seccomp: SeccompMode::Unconfined,
        ..Default::default()
    };
    let mut input = host.input(&unconfined);
    input.seccomp = Some(profile);
    assert_eq!(linux(&build_spec(&input).unwrap()).seccomp(), &None);
}

#[test]
fn no_new_privileges_follows_the_flag() {
    let spec = Host::new().build(&RunOptions::default()).unwrap();
    assert_eq!(process(&spec).no_new_privileges(), Some(false));
    let options = RunOptions {
        no_new_privileges: true,
        ..Default::default()
    };
    assert_eq!(
        process(&Host::new().build(&options).unwrap()).no_new_privileges(),
        Some(true)
    );
}

// ---- namespaces ----

fn namespace_types(spec: &Spec) -> Vec<LinuxNamespaceType> {
    linux(spec)
        .namespaces()
        .clone()
        .unwrap()
        .iter()
        .map(|n| n.typ())
        .collect()
}

#[test]
fn all_seven_namespaces_by_default() {
    let spec = Host::new().build(&RunOptions::default()).unwrap();
    assert_eq!(
        namespace_types(&spec),
        vec![
            LinuxNamespaceType::User,
            LinuxNamespaceType::Mount,
            LinuxNamespaceType::Uts,
            LinuxNamespaceType::Ipc,
            LinuxNamespaceType::Pid,
            LinuxNamespaceType::Network,
            LinuxNamespaceType::Cgroup,
        ]
    );
    assert!(
        linux(&spec)
            .namespaces()
            .clone()
            .unwrap()
            .iter()
            .all(|n| n.path().is_none())
    );
}

#[test]
fn each_opt_out_removes_its_namespace() {
    let cases: [(RunOptions, LinuxNamespaceType); 6] = [
        (
            RunOptions {
                userns: UsernsMode::Host,
                ..Default::default()
            },
            LinuxNamespaceType::User,
        ),
        (
            RunOptions {
                uts_host: true,
                ..Default::default()
            },
            LinuxNamespaceType::Uts,
        ),
        (
            RunOptions {
                ipc: IpcMode::Host,
                ..Default::default()
            },
            LinuxNamespaceType::Ipc,
        ),
        (
            RunOptions {
                pid_host: true,
                ..Default::default()
            },
            LinuxNamespaceType::Pid,
        ),
        (
            RunOptions {
                network: NetworkMode::Host,
                ..Default::default()
            },
            LinuxNamespaceType::Network,
        ),
        (
            RunOptions {
                cgroupns_host: true,
                ..Default::default()
            },
            LinuxNamespaceType::Cgroup,
        ),
    ];
    for (options, gone) in cases {
        let types = namespace_types(&Host::new().build(&options).unwrap());
        assert_eq!(types.len(), 6, "{gone:?}");
        assert!(!types.contains(&gone), "{gone:?}");
        assert!(types.contains(&LinuxNamespaceType::Mount));
    }
}

// ---- ID mappings ----

fn triples(maps: &[IdMapping]) -> Vec<(u32, u32, u32)> {
    maps.iter()
        .map(|m| (m.container_id, m.host_id, m.size))
        .collect()
}

#[test]
fn default_mapping_is_passed_through() {
    let spec = Host::new().build(&RunOptions::default()).unwrap();
    let uids: Vec<(u32, u32, u32)> = linux(&spec)
        .uid_mappings()
        .clone()
        .unwrap()
        .iter()
        .map(|m| (m.container_id(), m.host_id(), m.size()))
        .collect();
    assert_eq!(uids, vec![(0, 1000, 1), (1, 100000, 65536)]);
}

#[test]
fn keep_id_maps_own_id_to_itself() {
    assert_eq!(
        triples(&plan_ids(KEEP_ID, 1000, None, &UID_MAP)),
        vec![(0, 100000, 1000), (1000, 1000, 1), (1001, 101000, 64536)]
    );
}

#[test]
fn keep_id_splits_across_several_ranges() {
    let maps = [
        IdMapping {
            container_id: 0,
            host_id: 1000,
            size: 1,
        },
        IdMapping {
            container_id: 1,
            host_id: 200000,
            size: 600,
        },
        IdMapping {
            container_id: 601,
            host_id: 300000,
            size: 1000,
        },
    ];
    assert_eq!(
        triples(&plan_ids(KEEP_ID, 1000, None, &maps)),
        vec![
            (0, 200000, 600),
            (600, 300000, 400),
            (1000, 1000, 1),
            (1001, 300400, 600)
        ]
    );
    // Fewer subordinate IDs than the own ID: the gap below stays unmapped.
    let few = [
        IdMapping {
            container_id: 0,
            host_id: 1000,
            size: 1,
        },
        IdMapping {
            container_id: 1,
            host_id: 200000,
            size: 10,
        },
    ];
    assert_eq!(
        triples(&plan_ids(KEEP_ID, 1000, None, &few)),
        vec![(0, 200000, 10), (1000, 1000, 1)]
    );
}

#[test]
fn nomap_leaves_own_id_out() {
    assert_eq!(
        triples(&plan_ids(UsernsMode::NoMap, 1000, None, &UID_MAP)),
        vec![(0, 100000, 65536)]
    );
}

#[test]
fn keep_id_runs_as_the_caller() {
    let options = RunOptions {
        userns: KEEP_ID,
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    let user = process(&spec).user();
    assert_eq!((user.uid(), user.gid()), (1000, 1000));
    assert!(env_of(&spec).contains(&"HOME=/home/alice".to_string()));
    let gids = linux(&spec).gid_mappings().clone().unwrap();
    assert!(
        gids.iter()
            .any(|m| m.container_id() == 1000 && m.host_id() == 1000)
    );
}

#[test]
fn userns_host_has_no_mappings() {
    let options = RunOptions {
        userns: UsernsMode::Host,
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    assert_eq!(linux(&spec).uid_mappings(), &None);
    assert_eq!(linux(&spec).gid_mappings(), &None);
}

// ---- annotations, labels, image config ----

#[test]
fn annotations_name_the_manager_and_stop_signal() {
    let mut host = Host::new();
    host.image.stop_signal = Some("SIGQUIT".to_string());
    let options = RunOptions {
        annotations: vec![("com.example/x".to_string(), "1".to_string())],
        ..Default::default()
    };
    let spec = host.build(&options).unwrap();
    let a = spec.annotations().clone().unwrap();
    assert_eq!(
        a.get("io.container.manager").map(String::as_str),
        Some("burrow")
    );
    assert_eq!(
        a.get("org.opencontainers.image.stopSignal")
            .map(String::as_str),
        Some("SIGQUIT")
    );
    assert_eq!(a.get("com.example/x").map(String::as_str), Some("1"));
    assert_eq!(a.len(), 3);
}

#[test]
fn labels_merge_image_then_flags() {
    let image = ImageRunConfig {
        labels: Some(BTreeMap::from([
            ("a".to_string(), "image".to_string()),
            ("b".to_string(), "image".to_string()),
        ])),
        ..Default::default()
    };
    let options = RunOptions {
        labels: vec![
            ("b".to_string(), "flag".to_string()),
            ("c".to_string(), String::new()),
        ],
        ..Default::default()
    };
    let labels = merged_labels(&image, &options);
    assert_eq!(labels.get("a").map(String::as_str), Some("image"));
    assert_eq!(labels.get("b").map(String::as_str), Some("flag"));
    assert_eq!(labels.get("c").map(String::as_str), Some(""));
}

#[test]
fn image_config_parsing() {
    let full = serde_json::json!({
        "User": "alice", "Env": ["A=1"], "Entrypoint": ["/ep"], "Cmd": null,
        "WorkingDir": "/w", "StopSignal": "SIGINT", "Labels": {"k": "v"}, "ExposedPorts": {}
    });
    let c = ImageRunConfig::from_config_value(Some(&full)).unwrap();
    assert_eq!(c.user.as_deref(), Some("alice"));
    assert_eq!(c.entrypoint, Some(strings(&["/ep"])));
    assert_eq!(c.cmd, None);
    assert_eq!(c.stop_signal.as_deref(), Some("SIGINT"));
    assert_eq!(
        ImageRunConfig::from_config_value(None),
        Ok(ImageRunConfig::default())
    );
    assert_eq!(
        ImageRunConfig::from_config_value(Some(&serde_json::Value::Null)),
        Ok(ImageRunConfig::default())
    );
    let bad = serde_json::json!({"Cmd": "not a list"});
    assert!(matches!(
        ImageRunConfig::from_config_value(Some(&bad)),
        Err(SpecError::ImageConfig { .. })
    ));
}

// ---- golden: a typical `burrow run -it busybox` ----

#[test]
fn golden_busybox_spec_json() {
    let options = RunOptions {
        tty: true,
        interactive: true,
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    let json = serde_json::to_value(&spec).unwrap();
    assert_eq!(json["ociVersion"], "1.0.0");
    assert_eq!(json["hostname"], "0123456789ab");
    assert_eq!(
        json["root"],
        serde_json::json!({"path": "/home/alice/.local/share/burrow/containers/c1/merged", "readonly": false})
    );
    let p = &json["process"];
    assert_eq!(p["terminal"], true);
    assert_eq!(p["user"], serde_json::json!({"uid": 0, "gid": 0}));
    assert_eq!(p["args"], serde_json::json!(["sh"]));
    assert_eq!(p["cwd"], "/");
    assert_eq!(p["noNewPrivileges"], false);
    assert_eq!(p["capabilities"]["bounding"].as_array().unwrap().len(), 11);
    assert!(
        p["capabilities"]["bounding"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("CAP_NET_BIND_SERVICE"))
    );
    assert_eq!(p["capabilities"]["inheritable"], serde_json::json!([]));
    assert_eq!(
        p["rlimits"][0],
        serde_json::json!({"type": "RLIMIT_NOFILE", "hard": 524288, "soft": 524288})
    );
    let l = &json["linux"];
    assert_eq!(
        l["uidMappings"],
        serde_json::json!([
            {"containerID": 0, "hostID": 1000, "size": 1},
            {"containerID": 1, "hostID": 100000, "size": 65536}
        ])
    );
    assert_eq!(
        l["namespaces"],
        serde_json::json!([
            {"type": "user"}, {"type": "mount"}, {"type": "uts"}, {"type": "ipc"},
            {"type": "pid"}, {"type": "network"}, {"type": "cgroup"}
        ])
    );
    assert!(l.get("resources").is_none());
    assert!(l.get("devices").is_none());
    assert!(l.get("seccomp").is_none());
    assert_eq!(
        json["mounts"][9],
        serde_json::json!({
            "destination": "/dev/pts", "type": "devpts", "source": "devpts",
            "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]
        })
    );
    assert_eq!(
        json["annotations"],
        serde_json::json!({"io.container.manager": "burrow"})
    );
    // The runtime reads the spec back: the JSON must round-trip through the same types.
    let back: Spec = serde_json::from_value(json).unwrap();
    assert_eq!(back, spec);
}

#[test]
fn all_means_the_callers_bounding_set_when_known() {
    let host = Host::new();
    let bounding = caps(&[
        Capability::Chown,
        Capability::NetAdmin,
        Capability::SysAdmin,
    ]);
    let options = RunOptions {
        cap_add: parse_capabilities(&strings(&["ALL"])).unwrap(),
        cap_drop: parse_capabilities(&strings(&["SYS_ADMIN"])).unwrap(),
        ..Default::default()
    };
    let mut input = host.input(&options);
    input.host_bounding_set = Some(&bounding);
    let spec = build_spec(&input).unwrap();
    let c = process(&spec).capabilities().clone().unwrap();
    assert_eq!(
        c.bounding().clone().unwrap(),
        caps(&[Capability::Chown, Capability::NetAdmin])
    );
    let privileged = RunOptions {
        privileged: true,
        ..Default::default()
    };
    let mut input = host.input(&privileged);
    input.host_bounding_set = Some(&bounding);
    let spec = build_spec(&input).unwrap();
    let c = process(&spec).capabilities().clone().unwrap();
    assert_eq!(c.bounding().clone().unwrap(), bounding);
}

#[test]
fn signals_parse_by_name_short_name_and_number() {
    assert_eq!(parse_signal("SIGQUIT").unwrap(), 3);
    assert_eq!(parse_signal("term").unwrap(), 15);
    assert_eq!(parse_signal("sigusr1").unwrap(), 10);
    assert_eq!(parse_signal("9").unwrap(), 9);
    assert_eq!(parse_signal("64").unwrap(), 64);
    assert_eq!(parse_signal("RTMIN+3").unwrap(), 37);
    assert_eq!(parse_signal("SIGRTMAX-2").unwrap(), 62);
    assert_eq!(parse_signal("rtmin").unwrap(), 34);
    assert_eq!(parse_signal("SIGRTMAX").unwrap(), 64);
    let error = |s: &str| parse_signal(s).unwrap_err().to_string();
    assert_eq!(error("SIGNOPE"), "invalid signal: SIGNOPE");
    assert_eq!(error("0"), "invalid signal: 0");
    assert_eq!(error("RTMIN+16"), "invalid signal: RTMIN+16");
    assert_eq!(error("RTMAX-15"), "invalid signal: RTMAX-15");
    assert_eq!(error("65"), "valid signals are 1 through 64");
    assert_eq!(signal_name(37), "SIGRTMIN+3");
    assert_eq!(signal_name(62), "SIGRTMAX-2");
    assert_eq!(signal_name(15), "SIGTERM");
}

// ---- namespaces, --systemd, --mount, --ulimit host (podman's texts) ----

#[test]
fn namespace_modes_parse_as_podman() {
    assert_eq!(parse_namespace_mode("host").unwrap(), NamespaceMode::Host);
    assert_eq!(
        parse_namespace_mode("private").unwrap(),
        NamespaceMode::Private
    );
    assert_eq!(parse_namespace_mode("").unwrap(), NamespaceMode::Private);
    assert_eq!(
        parse_namespace_mode("bogus").unwrap_err().to_string(),
        "unrecognized namespace mode bogus passed"
    );
}

#[test]
fn systemd_modes_parse_as_podman() {
    assert_eq!(parse_systemd("always").unwrap(), SystemdMode::Always);
    assert_eq!(parse_systemd("false").unwrap(), SystemdMode::False);
    assert_eq!(parse_systemd("true").unwrap(), SystemdMode::True);
    assert_eq!(
        parse_systemd("bogus").unwrap_err().to_string(),
        r#"invalid config provided: --systemd values must be one of "true, false, always": invalid configuration"#
    );
}

#[test]
fn systemd_always_mounts_tmpfs_and_sets_container_uuid() {
    let options = RunOptions {
        systemd: SystemdMode::Always,
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    for dir in ["/run", "/run/lock", "/tmp", "/var/log/journal"] {
        assert_eq!(
            mount_at(&spec, dir).typ().as_deref(),
            Some("tmpfs"),
            "{dir}"
        );
        assert_eq!(
            options_of(&spec, dir),
            strings(&["rw", "rprivate", "nosuid", "nodev", "tmpcopyup"])
        );
    }
    assert!(env_of(&spec).contains(&format!("container_uuid={}", &CONTAINER_ID[..32])));
    // /run comes before /run/.containerenv and /run/lock, or it would hide them.
    let order = mount_destinations(&spec);
    let at = |d: &str| order.iter().position(|m| m == d).unwrap();
    assert!(at("/run") < at("/run/.containerenv") && at("/run") < at("/run/lock"));
}

#[test]
fn systemd_true_follows_the_command() {
    let mut options = RunOptions::default();
    let spec = Host::new().build(&options).unwrap();
    assert!(!mount_destinations(&spec).contains(&"/run/lock".to_string()));
    options.command = strings(&["/sbin/init"]);
    assert!(systemd_mode(&busybox(), &options));
    options.command = strings(&["/usr/lib/systemd/systemd"]);
    assert!(systemd_mode(&busybox(), &options));
    options.systemd = SystemdMode::False;
    assert!(!systemd_mode(&busybox(), &options));
}

#[test]
fn ulimit_host_sets_no_limits() {
    let options = RunOptions {
        ulimit_host: true,
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    assert_eq!(process(&spec).rlimits(), &None);
}

#[test]
fn mount_bind_tmpfs_and_devpts() {
    let cwd = Path::new("/home/alice");
    assert_eq!(
        parse_mount("type=bind,src=/tmp,dst=/x,ro,bind-propagation=rslave", cwd).unwrap(),
        MountArg::Bind(VolumeMount {
            source: VolumeSource::Host(PathBuf::from("/tmp")),
            destination: "/x".into(),
            read_only: true,
            options: strings(&["rslave"]),
        })
    );
    // A bind without a source binds the host path of the same name.
    match parse_mount("type=bind,target=/srv", cwd).unwrap() {
        MountArg::Bind(v) => assert_eq!(v.source, VolumeSource::Host("/srv".into())),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        parse_mount(
            "type=tmpfs,destination=/t,tmpfs-size=10m,tmpfs-mode=700",
            cwd
        )
        .unwrap(),
        MountArg::Tmpfs(TmpfsMount {
            destination: "/t".into(),
            options: strings(&[
                "rw",
                "rprivate",
                "nosuid",
                "nodev",
                "tmpcopyup",
                "size=10m",
                "mode=700"
            ]),
        })
    );
    assert_eq!(
        parse_mount("type=devpts,destination=/dev/pts", cwd).unwrap(),
        MountArg::Devpts(DevptsMount {
            destination: "/dev/pts".into(),
            options: vec![],
        })
    );
}

#[test]
fn mount_errors_are_podmans() {
    let cwd = Path::new("/");
    let err = |arg: &str| parse_mount(arg, cwd).unwrap_err().to_string();
    assert_eq!(
        err("type=foo,destination=/x"),
        r#"invalid filesystem type "foo""#
    );
    assert_eq!(err("type=devpts"), "must set volume destination");
    assert!(err("destination=/x").starts_with("incorrect mount format: should be --mount type="));
    assert_eq!(
        err("type=tmpfs,src=/tmp,dst=/x"),
        "source is not supported with tmpfs mounts"
    );
    assert_eq!(
        err("type=bind,src=/tmp,dst=/x,foo=bar"),
        "foo: invalid mount option"
    );
    assert_eq!(
        err("type=bind,src=/tmp,dst=x"),
        r#"invalid container path "x", must be an absolute path"#
    );
}

#[test]
fn devpts_mount_replaces_the_default() {
    let options = RunOptions {
        devpts: vec![DevptsMount {
            destination: "/dev/pts".into(),
            options: vec![],
        }],
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    let pts = mount_at(&spec, "/dev/pts");
    assert_eq!(pts.typ().as_deref(), Some("devpts"));
    assert_eq!(pts.options().as_deref(), Some(&[][..]));
    assert_eq!(
        mount_destinations(&spec)
            .iter()
            .filter(|d| *d == "/dev/pts")
            .count(),
        1
    );
}

#[test]
fn two_mounts_on_one_destination_are_refused() {
    let cwd = Path::new("/");
    let options = RunOptions {
        volumes: vec![parse_volume("/tmp:/x", cwd).unwrap()],
        tmpfs: vec![parse_tmpfs("/x/").unwrap()],
        ..Default::default()
    };
    assert_eq!(
        Host::new().build(&options).unwrap_err().to_string(),
        "/x/: duplicate mount destination"
    );
}

#[test]
fn apparmor_security_opt_is_accepted() {
    assert_eq!(
        parse_security_opt("apparmor=unconfined").unwrap(),
        SecurityOpt::Apparmor("unconfined".into())
    );
}

#[test]
fn a_user_dev_mount_drops_the_default_dev_mounts_but_shm() {
    let options = RunOptions {
        volumes: vec![parse_volume("/dev:/dev:rslave", Path::new("/")).unwrap()],
        ..Default::default()
    };
    let spec = Host::new().build(&options).unwrap();
    let under_dev: Vec<String> = mount_destinations(&spec)
        .into_iter()
        .filter(|d| d.starts_with("/dev"))
        .collect();
    assert_eq!(under_dev, strings(&["/dev", "/dev/shm"]));
    assert_eq!(mount_at(&spec, "/dev").typ().as_deref(), Some("bind"));
}

#[test]
fn host_accounts_get_podmans_passwd_line() {
    let account = HostAccount {
        name: "alice".into(),
        uid: 1001,
        gid: 1001,
        full_name: "Alice".into(),
        home: "/home/alice".into(),
    };
    assert_eq!(
        passwd_line(&account, &[], "/"),
        "alice:*:1001:1001:Alice:/:/bin/sh"
    );
    assert_eq!(
        passwd_line(&account, &["/home"], "/work"),
        "alice:*:1001:1001:Alice:/home/alice:/bin/sh"
    );
    assert_eq!(
        passwd_line(&account, &["/home/bob"], "/work"),
        "alice:*:1001:1001:Alice:/work:/bin/sh"
    );
}

#[test]
fn entries_the_image_has_by_name_or_id_are_not_added() {
    let existing = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n";
    let additions = vec![
        "app:*:1001:1001::/:/bin/sh".to_string(),
        "other:*:1000:1000::/:/bin/sh".to_string(),
        "alice:*:1001:1001::/:/bin/sh".to_string(),
        "alice:*:1001:1001::/:/bin/sh".to_string(),
    ];
    assert_eq!(
        missing_entries(existing, &additions),
        ["alice:*:1001:1001::/:/bin/sh"]
    );
}

#[test]
fn keep_id_shifts_image_owners_into_the_users_namespace() {
    // The user's namespace: 0 is the user (1001), 1.. the subordinate IDs.
    let shared = [
        IdMapping {
            container_id: 0,
            host_id: 1001,
            size: 1,
        },
        IdMapping {
            container_id: 1,
            host_id: 100000,
            size: 65536,
        },
    ];
    let keep_id = plan_ids(KEEP_ID, 1001, None, &shared);
    // Root of the image is the first subordinate ID, the user is the user.
    assert_eq!(shifted_owner(&shared, &keep_id, 0), Some(1));
    assert_eq!(shifted_owner(&shared, &keep_id, 1000), Some(1001));
    assert_eq!(shifted_owner(&shared, &keep_id, 1001), Some(0));
    assert_eq!(shifted_owner(&shared, &keep_id, 1002), Some(1002));
    // The same mapping changes nothing.
    assert_eq!(shifted_owner(&shared, &shared, 1000), Some(1000));
    assert_eq!(shifted_owner(&shared, &keep_id, 70000), None);
}

#[test]
fn dns_none_and_no_hosts_keep_the_images_files() {
    let plain = mount_destinations(&Host::new().build(&RunOptions::default()).unwrap());
    assert!(plain.contains(&"/etc/resolv.conf".to_string()));
    assert!(plain.contains(&"/etc/hosts".to_string()));
    let options = RunOptions {
        dns: vec!["none".into()],
        no_hosts: true,
        ..Default::default()
    };
    let dests = mount_destinations(&Host::new().build(&options).unwrap());
    assert!(!dests.contains(&"/etc/resolv.conf".to_string()));
    assert!(!dests.contains(&"/etc/hosts".to_string()));
    assert!(dests.contains(&"/etc/hostname".to_string()));
}

const KEEP_ID: UsernsMode = UsernsMode::KeepId {
    uid: None,
    gid: None,
};

#[test]
fn keep_id_with_uid_and_gid_puts_the_users_ids_there() {
    assert_eq!(
        parse_userns("keep-id:uid=200,gid=300"),
        Ok(UsernsMode::KeepId {
            uid: Some(200),
            gid: Some(300)
        })
    );
    assert_eq!(
        parse_userns("keep-id:uid=5"),
        Ok(UsernsMode::KeepId {
            uid: Some(5),
            gid: None
        })
    );
    for bad in ["keep-id:uid=x", "keep-id:size=3", "keep-id:"] {
        let err = parse_userns(bad).unwrap_err().to_string();
        assert!(err.contains("write keep-id:uid=N,gid=N"), "{bad}: {err}");
    }
    let mode = parse_userns("keep-id:uid=200").unwrap();
    assert_eq!(
        triples(&plan_ids(mode, 1000, Some(200), &UID_MAP)),
        [(0, 100000, 200), (200, 1000, 1), (201, 100200, 65336)]
    );
}
