//! fstab-style mount options of an OCI spec turned into mount(2) flags and data (pure).

use nix::mount::MsFlags;

/// What one spec mount asks of mount(2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountOptions {
    /// Flags for the mount itself.
    pub flags: MsFlags,
    /// Propagation to set after mounting (MS_PRIVATE, MS_SLAVE, ... with MS_REC if asked).
    pub propagation: Option<MsFlags>,
    /// Filesystem-specific options passed as data ("mode=755,size=65536k").
    pub data: String,
    /// Whether this is a bind mount (bind or rbind).
    pub bind: bool,
    /// A read-only bind needs a remount: MS_RDONLY is ignored on the first bind.
    pub readonly: bool,
}

/// Parses OCI/fstab options: flag words map to MsFlags, propagation words are kept apart,
/// everything else is filesystem data, as crun and runc treat them.
pub fn parse(options: &[String]) -> MountOptions {
    let mut o = MountOptions {
        flags: MsFlags::empty(),
        propagation: None,
        data: String::new(),
        bind: false,
        readonly: false,
    };
    let mut data = Vec::new();
    for option in options {
        let (set, clear) = match option.as_str() {
            "ro" => (MsFlags::MS_RDONLY, MsFlags::empty()),
            "rw" => (MsFlags::empty(), MsFlags::MS_RDONLY),
            "nosuid" => (MsFlags::MS_NOSUID, MsFlags::empty()),
            "suid" => (MsFlags::empty(), MsFlags::MS_NOSUID),
            "nodev" => (MsFlags::MS_NODEV, MsFlags::empty()),
            "dev" => (MsFlags::empty(), MsFlags::MS_NODEV),
            "noexec" => (MsFlags::MS_NOEXEC, MsFlags::empty()),
            "exec" => (MsFlags::empty(), MsFlags::MS_NOEXEC),
            "noatime" => (MsFlags::MS_NOATIME, MsFlags::empty()),
            "relatime" => (MsFlags::MS_RELATIME, MsFlags::empty()),
            "strictatime" => (MsFlags::MS_STRICTATIME, MsFlags::empty()),
            "nodiratime" => (MsFlags::MS_NODIRATIME, MsFlags::empty()),
            "sync" => (MsFlags::MS_SYNCHRONOUS, MsFlags::empty()),
            "bind" => {
                o.bind = true;
                (MsFlags::MS_BIND, MsFlags::empty())
            }
            "rbind" => {
                o.bind = true;
                (MsFlags::MS_BIND | MsFlags::MS_REC, MsFlags::empty())
            }
            "private" | "rprivate" | "slave" | "rslave" | "shared" | "rshared" | "unbindable"
            | "runbindable" => {
                let base = match option.trim_start_matches('r') {
                    "private" => MsFlags::MS_PRIVATE,
                    "slave" => MsFlags::MS_SLAVE,
                    "shared" => MsFlags::MS_SHARED,
                    _ => MsFlags::MS_UNBINDABLE,
                };
                let rec = if option.starts_with('r') {
                    MsFlags::MS_REC
                } else {
                    MsFlags::empty()
                };
                o.propagation = Some(base | rec);
                continue;
            }
            // Options crun accepts that mean nothing to the kernel call.
            "defaults" | "tmpcopyup" | "notmpcopyup" | "z" | "Z" | "U" => continue,
            other => {
                data.push(other.to_string());
                continue;
            }
        };
        o.flags.insert(set);
        o.flags.remove(clear);
    }
    o.readonly = o.flags.contains(MsFlags::MS_RDONLY);
    o.data = data.join(",");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(list: &[&str]) -> MountOptions {
        parse(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn flags_propagation_and_data_are_separated() {
        let o = opts(&["nosuid", "strictatime", "mode=755", "size=65536k"]);
        assert_eq!(o.flags, MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME);
        assert_eq!(o.data, "mode=755,size=65536k");
        assert!(!o.bind && !o.readonly && o.propagation.is_none());

        let o = opts(&["rbind", "ro", "rprivate", "nosuid", "noexec", "nodev"]);
        assert!(o.bind && o.readonly);
        assert!(
            o.flags
                .contains(MsFlags::MS_BIND | MsFlags::MS_REC | MsFlags::MS_RDONLY)
        );
        assert_eq!(o.propagation, Some(MsFlags::MS_PRIVATE | MsFlags::MS_REC));
        assert_eq!(o.data, "");
    }

    #[test]
    fn later_options_override_earlier_ones() {
        let o = opts(&["ro", "rw", "nosuid", "suid"]);
        assert_eq!(o.flags, MsFlags::empty());
        assert!(!o.readonly);
        assert_eq!(opts(&["slave"]).propagation, Some(MsFlags::MS_SLAVE));
    }
}
