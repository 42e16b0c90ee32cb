# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_burrow_global_optspecs
    string join \n root= runroot= log-level= D/debug noout events-backend= volumepath= runtime-flag= storage-driver= cgroup-manager= url= c/connection= r/remote v/version h/help
end

function __fish_burrow_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_burrow_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_burrow_using_subcommand
    set -l cmd (__fish_burrow_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c burrow -n "__fish_burrow_needs_command" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_needs_command" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_needs_command" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_needs_command" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_needs_command" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_needs_command" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_needs_command" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_needs_command" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_needs_command" -l url -d 'URL to access a podman service; burrow has no remote mode and refuses it' -r
complete -c burrow -n "__fish_burrow_needs_command" -s c -l connection -d 'Connection to use for a remote podman service; burrow has no remote mode and refuses it' -r
complete -c burrow -n "__fish_burrow_needs_command" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_needs_command" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_needs_command" -s r -l remote -d 'Access a remote podman service; burrow has no remote mode and refuses it'
complete -c burrow -n "__fish_burrow_needs_command" -s v -l version -d 'Print the version'
complete -c burrow -n "__fish_burrow_needs_command" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "pull" -d 'How to reach and authenticate with a registry: the flags pull and push share'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "push" -d 'How to reach and authenticate with a registry: the flags pull and push share'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "images" -d 'List images in local storage'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "image" -d 'Manage images'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "tag" -d 'Add an additional name to a local image'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "untag" -d 'Remove a name from a local image'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "login" -d 'Log in to a container registry'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "logout" -d 'Log out of a container registry'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "create" -d 'Create but do not start a container'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "start" -d 'Start one or more containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "attach" -d 'Attach to a running container'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "rename" -d 'Rename a container'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "pause" -d 'Pause all the processes in one or more containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "ps" -d 'List containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "stop" -d 'Stop one or more running containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "wait" -d 'Wait for one or more containers to stop and print their exit codes'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "exec" -d 'Run a process in a running container'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "inspect" -d 'Display the configuration of containers or images'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "port" -d 'List the published ports of containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "network" -d 'Manage networks'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "events" -d 'Show burrow events'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "container" -d 'Manage containers'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "version" -d 'Display the burrow version information'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "info" -d 'Display burrow related system information'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "system" -d 'Manage burrow'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "completion" -d 'Generate shell autocompletions'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "unshare" -d 'Run a command in burrow\'s user namespace, as root with your subordinate IDs mapped'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "save" -d 'Save images to an archive'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "load" -d 'Load images from an archive'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "commit" -d 'Create new image based on the changed container'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "diff" -d 'Display the changes to the object\'s file system'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "export" -d 'Export container\'s filesystem contents as a tar archive'
complete -c burrow -n "__fish_burrow_needs_command" -f -a "import" -d 'Import a tarball to create a filesystem image'
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l platform -d 'Choose an image of this platform from a manifest list (OS/ARCH[/VARIANT])' -r
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l arch -d 'Use ARCH instead of the host\'s architecture' -r
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l os -d 'Use OS instead of the host\'s operating system' -r
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l variant -d 'Use VARIANT instead of the architecture\'s default variant' -r
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l creds -d 'Credentials (USERNAME[:PASSWORD]) to use with the registry' -r
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l authfile -d 'Path of the authentication file (overrides REGISTRY_AUTH_FILE)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l policy -d 'When to pull: always, missing, never, newer' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c burrow -n "__fish_burrow_using_subcommand pull" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand pull" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand pull" -s q -l quiet -d 'Print only the image ID'
complete -c burrow -n "__fish_burrow_using_subcommand pull" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand push" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand push" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand push" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand push" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand push" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand push" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand push" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand push" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand push" -l creds -d 'Credentials (USERNAME[:PASSWORD]) to use with the registry' -r
complete -c burrow -n "__fish_burrow_using_subcommand push" -l authfile -d 'Path of the authentication file (overrides REGISTRY_AUTH_FILE)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand push" -s f -l format -d 'Manifest type to push: oci or v2s2 (default: the image\'s own)' -r -f -a "oci\t''
v2s2\t''
docker\t''"
complete -c burrow -n "__fish_burrow_using_subcommand push" -l compression-format -d 'Compression of the layers pushed: gzip or zstd (default: as stored, gzip for uncompressed ones)' -r -f -a "gzip\t''
zstd\t''"
complete -c burrow -n "__fish_burrow_using_subcommand push" -l digestfile -d 'Write the digest of the pushed manifest to this file' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand push" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand push" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand push" -s q -l quiet -d 'Print nothing but errors'
complete -c burrow -n "__fish_burrow_using_subcommand push" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand images" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand images" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand images" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand images" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand images" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand images" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand images" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand images" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand images" -s f -l filter -d 'Filter output: dangling=BOOL, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE' -r
complete -c burrow -n "__fish_burrow_using_subcommand images" -l format -d 'Pretty-print images with a Go template, "table ..." or json' -r
complete -c burrow -n "__fish_burrow_using_subcommand images" -l sort -d 'Sort by created, id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c burrow -n "__fish_burrow_using_subcommand images" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand images" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand images" -s a -l all -d 'Show all images (burrow keeps no intermediate images, so this changes nothing)'
complete -c burrow -n "__fish_burrow_using_subcommand images" -l digests -d 'Show digests'
complete -c burrow -n "__fish_burrow_using_subcommand images" -s n -l noheading -d 'Do not print column headings'
complete -c burrow -n "__fish_burrow_using_subcommand images" -l no-trunc -d 'Do not truncate output'
complete -c burrow -n "__fish_burrow_using_subcommand images" -s q -l quiet -d 'Display only image IDs'
complete -c burrow -n "__fish_burrow_using_subcommand images" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "ls" -d 'List images in local storage'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "list" -d 'List images in local storage'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "inspect" -d 'Display the configuration of an image'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "tag" -d 'Add an additional name to a local image'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "exists" -d 'Check if an image exists in local storage'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "prune" -d 'Remove unused images'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "pull" -d 'How to reach and authenticate with a registry: the flags pull and push share'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "push" -d 'How to reach and authenticate with a registry: the flags pull and push share'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "untag" -d 'Remove a name from a local image'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "history" -d 'Show the history of an image'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "save" -d 'Save images to an archive'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "load" -d 'Load images from an archive'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "diff" -d 'Inspect changes to the image\'s file system'
complete -c burrow -n "__fish_burrow_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect rm tag exists prune pull push untag history save load diff import" -f -a "import" -d 'Import a tarball to create a filesystem image'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output: dangling=BOOL, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print images with a Go template, "table ..." or json' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created, id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (burrow keeps no intermediate images, so this changes nothing)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print column headings'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate output'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Display only image IDs'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output: dangling=BOOL, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print images with a Go template, "table ..." or json' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created, id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images (burrow keeps no intermediate images, so this changes nothing)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print column headings'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate output'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Display only image IDs'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove an image even if it has several names when given by ID'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors for images that do not exist'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Only prune the images that pass these filters: until=, label=, label!=, dangling=, ...' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all images not used by containers, not only dangling ones'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Choose an image of this platform from a manifest list (OS/ARCH[/VARIANT])' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Use ARCH instead of the host\'s architecture' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Use OS instead of the host\'s operating system' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Use VARIANT instead of the architecture\'s default variant' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME[:PASSWORD]) to use with the registry' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file (overrides REGISTRY_AUTH_FILE)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l policy -d 'When to pull: always, missing, never, newer' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image ID'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME[:PASSWORD]) to use with the registry' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (overrides REGISTRY_AUTH_FILE)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest type to push: oci or v2s2 (default: the image\'s own)' -r -f -a "oci\t''
v2s2\t''
docker\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression of the layers pushed: gzip or zstd (default: as stored, gzip for uncompressed ones)' -r -f -a "gzip\t''
zstd\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed manifest to this file' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing but errors'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate the output'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to a file (or directory, for oci-dir and docker-dir) instead of stdout' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Save image to oci-archive, oci-dir (directory with oci manifest type), docker-archive, docker-dir (directory with v2s2 manifest type)' -r -f -a "docker-archive\t''
oci-archive\t''
oci-dir\t''
docker-dir\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Save several images in one docker-archive (podman\'s -m; several images imply it)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l uncompressed -d 'Accept uncompressed layers when copying OCI images'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -l compress -d 'Compress tarball image layers when saving to a directory using the \'dir\' transport (accepted; layers keep the compression they were pulled with)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Suppress the output'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from the archive file (or OCI layout directory) instead of stdin' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the progress output'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -l format -d 'Change the output format (json)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -s l -l latest -d 'Act on the latest container burrow is aware of'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Set commit message for imported image' -r
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Suppress output'
complete -c burrow -n "__fish_burrow_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -s f -l force -d 'Remove an image even if it has several names when given by ID'
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -s i -l ignore -d 'Ignore errors for images that do not exist'
complete -c burrow -n "__fish_burrow_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand tag" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand tag" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand tag" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand tag" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand tag" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand tag" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand tag" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand tag" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand tag" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand tag" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand tag" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand untag" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand untag" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand untag" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand untag" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand untag" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand untag" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand untag" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand untag" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand untag" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand untag" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand untag" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand history" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand history" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand history" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand history" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand history" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand history" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand history" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand history" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c burrow -n "__fish_burrow_using_subcommand history" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand history" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand history" -l no-trunc -d 'Do not truncate the output'
complete -c burrow -n "__fish_burrow_using_subcommand history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c burrow -n "__fish_burrow_using_subcommand history" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand login" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand login" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand login" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand login" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand login" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand login" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand login" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand login" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand login" -s u -l username -d 'Username for the registry' -r
complete -c burrow -n "__fish_burrow_using_subcommand login" -s p -l password -d 'Password for the registry (prefer --password-stdin)' -r
complete -c burrow -n "__fish_burrow_using_subcommand login" -l authfile -d 'Path of the authentication file (overrides REGISTRY_AUTH_FILE)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand login" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand login" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand login" -l password-stdin -d 'Read the password from standard input'
complete -c burrow -n "__fish_burrow_using_subcommand login" -l get-login -d 'Print the username stored for the registry and exit'
complete -c burrow -n "__fish_burrow_using_subcommand login" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand logout" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand logout" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand logout" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand logout" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand logout" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand logout" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand logout" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand logout" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand logout" -l authfile -d 'Path of the authentication file (overrides REGISTRY_AUTH_FILE)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand logout" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand logout" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c burrow -n "__fish_burrow_using_subcommand logout" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand run" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand run" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand run" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand run" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand run" -l timeout -d 'Kill the container after this many seconds (0: never)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeatable; default: all)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l hostuser -d 'Add a host user\'s passwd entry to the container\'s /etc/passwd (repeatable)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l name -d 'Name of the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass the host\'s value)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l env-file -d 'Read environment variables from a file' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -s u -l user -d 'Run as USER[:GROUP] (names from the image\'s /etc/passwd and /etc/group)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l group-add -d 'Additional groups to join' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l entrypoint -d 'Override the image\'s entrypoint (a word or a JSON array; "" clears it)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l hostname -d 'Set the container\'s hostname' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -s v -l volume -d 'Bind mount a volume: [HOST-DIR|VOLUME-NAME:]CONTAINER-DIR[:OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l volumes-from -d 'Mount the volumes and binds of another container: CONTAINER[:ro|rw]' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l tmpfs -d 'Mount a tmpfs: CONTAINER-DIR[:OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cap-add -d 'Add Linux capabilities (or ALL)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cap-drop -d 'Drop Linux capabilities (or ALL)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l ulimit -d 'Resource limits: NAME=SOFT[:HARD]' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l userns -d 'User namespace: keep-id, nomap or host' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l network -d 'Network: pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host (default: pasta if installed)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -s p -l publish -d 'Publish a container\'s port to the host: [IP:][HOSTPORT:]CONTAINERPORT[/tcp|/udp]' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l expose -d 'Expose a port or range (PORT[-END][/PROTOCOL]) for -P' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l dns -d 'DNS server for the container\'s /etc/resolv.conf' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l dns-search -d 'DNS search domain ("." for none)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l dns-option -d 'DNS resolver option (e.g. ndots:2)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l add-host -d 'Add a line to /etc/hosts: HOST:IP (IP may be host-gateway)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l mac-address -d 'MAC address of the container\'s interface' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -s l -l label -d 'Add a label: KEY=VALUE' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l annotation -d 'Add an annotation: KEY=VALUE' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l detach-keys -d 'Keys that detach from the container\'s terminal (e.g. ctrl-p,ctrl-q; "" disables)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l sig-proxy -d 'Pass the signals burrow receives on to the container' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand run" -l restart -d 'Restart policy: no, on-failure[:MAX], always, unless-stopped' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l log-driver -d 'Where the container\'s output goes: k8s-file, none, passthrough' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l log-opt -d 'Log options: max-size=SIZE' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l stop-signal -d 'Signal that stops the container (default: the image\'s, else SIGTERM)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cidfile -d 'Write the container\'s ID to this file (which must not exist)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand run" -l tz -d 'Timezone: a zone name such as Europe/Berlin, or local for the host\'s' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l unsetenv -d 'Leave out a default or image environment variable' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l ipc -d 'IPC namespace: shareable, private, none (no /dev/shm) or host' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l pid -d 'PID namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l uts -d 'UTS namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cgroupns -d 'Cgroup namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cgroups -d 'Whether the container gets a cgroup of its own: enabled, disabled, no-conmon or split' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cgroup-parent -d 'Where the container\'s cgroup goes: a slice with the systemd manager, a cgroup path with cgroupfs' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l systemd -d 'Set the container up for systemd: true (when the command is systemd or init), false, always' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l mount -d 'Attach a filesystem mount: type=bind|volume|tmpfs|devpts,destination=DIR[,source=PATH|NAME][,OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -s m -l memory -d 'Memory limit (e.g. 512m)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l memory-reservation -d 'Memory soft limit' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l memory-swappiness -d 'Swappiness of the container\'s memory (0-100)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l kernel-memory -d 'No-op, as in podman (kernel memory limits are gone from the kernel)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cpus -d 'Number of CPUs' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cpu-quota -d 'CPU CFS quota in microseconds' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-3,5)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l cpuset-mems -d 'Memory nodes the container may use' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l pids-limit -d 'Maximum number of processes (-1: unlimited)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l blkio-weight -d 'Block I/O weight (10-1000)' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l blkio-weight-device -d 'Block I/O weight of a device: DEVICE:WEIGHT' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE[kb|mb|gb]' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE[kb|mb|gb]' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l device-read-iops -d 'Read operations per second of a device: DEVICE:NUMBER' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l device-write-iops -d 'Write operations per second of a device: DEVICE:NUMBER' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -l pull -d 'When to pull the image: always, missing, never, newer' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c burrow -n "__fish_burrow_using_subcommand run" -l preserve-fds -d 'Pass descriptors 3 to 3+N-1 of the caller into the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand run" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand run" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c burrow -n "__fish_burrow_using_subcommand run" -l replace -d 'Replace a container that already has the --name'
complete -c burrow -n "__fish_burrow_using_subcommand run" -l init -d 'Run a small init as PID 1 that forwards signals and reaps zombies'
complete -c burrow -n "__fish_burrow_using_subcommand run" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c burrow -n "__fish_burrow_using_subcommand run" -l privileged -d 'Give the container all capabilities and no seccomp filter or masked paths'
complete -c burrow -n "__fish_burrow_using_subcommand run" -s P -l publish-all -d 'Publish the image\'s exposed ports on random host ports'
complete -c burrow -n "__fish_burrow_using_subcommand run" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of writing one'
complete -c burrow -n "__fish_burrow_using_subcommand run" -s i -l interactive -d 'Keep standard input open'
complete -c burrow -n "__fish_burrow_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c burrow -n "__fish_burrow_using_subcommand run" -s d -l detach -d 'Run in the background and print the container ID'
complete -c burrow -n "__fish_burrow_using_subcommand run" -l unsetenv-all -d 'Leave out every default and image environment variable'
complete -c burrow -n "__fish_burrow_using_subcommand run" -l rmi -d 'Remove the image when the container exits, unless other containers use it (implies --rm)'
complete -c burrow -n "__fish_burrow_using_subcommand run" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand create" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand create" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand create" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand create" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand create" -l timeout -d 'Kill the container after this many seconds (0: never)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeatable; default: all)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l hostuser -d 'Add a host user\'s passwd entry to the container\'s /etc/passwd (repeatable)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l name -d 'Name of the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass the host\'s value)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l env-file -d 'Read environment variables from a file' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -s u -l user -d 'Run as USER[:GROUP] (names from the image\'s /etc/passwd and /etc/group)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l group-add -d 'Additional groups to join' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l entrypoint -d 'Override the image\'s entrypoint (a word or a JSON array; "" clears it)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l hostname -d 'Set the container\'s hostname' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -s v -l volume -d 'Bind mount a volume: [HOST-DIR|VOLUME-NAME:]CONTAINER-DIR[:OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l volumes-from -d 'Mount the volumes and binds of another container: CONTAINER[:ro|rw]' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l tmpfs -d 'Mount a tmpfs: CONTAINER-DIR[:OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cap-add -d 'Add Linux capabilities (or ALL)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cap-drop -d 'Drop Linux capabilities (or ALL)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l ulimit -d 'Resource limits: NAME=SOFT[:HARD]' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l userns -d 'User namespace: keep-id, nomap or host' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l network -d 'Network: pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host (default: pasta if installed)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -s p -l publish -d 'Publish a container\'s port to the host: [IP:][HOSTPORT:]CONTAINERPORT[/tcp|/udp]' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l expose -d 'Expose a port or range (PORT[-END][/PROTOCOL]) for -P' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l dns -d 'DNS server for the container\'s /etc/resolv.conf' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l dns-search -d 'DNS search domain ("." for none)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l dns-option -d 'DNS resolver option (e.g. ndots:2)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l add-host -d 'Add a line to /etc/hosts: HOST:IP (IP may be host-gateway)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l mac-address -d 'MAC address of the container\'s interface' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -s l -l label -d 'Add a label: KEY=VALUE' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l annotation -d 'Add an annotation: KEY=VALUE' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l detach-keys -d 'Keys that detach from the container\'s terminal (e.g. ctrl-p,ctrl-q; "" disables)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l sig-proxy -d 'Pass the signals burrow receives on to the container' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand create" -l restart -d 'Restart policy: no, on-failure[:MAX], always, unless-stopped' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l log-driver -d 'Where the container\'s output goes: k8s-file, none, passthrough' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l log-opt -d 'Log options: max-size=SIZE' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l stop-signal -d 'Signal that stops the container (default: the image\'s, else SIGTERM)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cidfile -d 'Write the container\'s ID to this file (which must not exist)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand create" -l tz -d 'Timezone: a zone name such as Europe/Berlin, or local for the host\'s' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l unsetenv -d 'Leave out a default or image environment variable' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l ipc -d 'IPC namespace: shareable, private, none (no /dev/shm) or host' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l pid -d 'PID namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l uts -d 'UTS namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cgroupns -d 'Cgroup namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cgroups -d 'Whether the container gets a cgroup of its own: enabled, disabled, no-conmon or split' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cgroup-parent -d 'Where the container\'s cgroup goes: a slice with the systemd manager, a cgroup path with cgroupfs' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l systemd -d 'Set the container up for systemd: true (when the command is systemd or init), false, always' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l mount -d 'Attach a filesystem mount: type=bind|volume|tmpfs|devpts,destination=DIR[,source=PATH|NAME][,OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -s m -l memory -d 'Memory limit (e.g. 512m)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l memory-reservation -d 'Memory soft limit' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l memory-swappiness -d 'Swappiness of the container\'s memory (0-100)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l kernel-memory -d 'No-op, as in podman (kernel memory limits are gone from the kernel)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cpus -d 'Number of CPUs' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cpu-quota -d 'CPU CFS quota in microseconds' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-3,5)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l cpuset-mems -d 'Memory nodes the container may use' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l pids-limit -d 'Maximum number of processes (-1: unlimited)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l blkio-weight -d 'Block I/O weight (10-1000)' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l blkio-weight-device -d 'Block I/O weight of a device: DEVICE:WEIGHT' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE[kb|mb|gb]' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE[kb|mb|gb]' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l device-read-iops -d 'Read operations per second of a device: DEVICE:NUMBER' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l device-write-iops -d 'Write operations per second of a device: DEVICE:NUMBER' -r
complete -c burrow -n "__fish_burrow_using_subcommand create" -l pull -d 'When to pull the image: always, missing, never, newer' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c burrow -n "__fish_burrow_using_subcommand create" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand create" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c burrow -n "__fish_burrow_using_subcommand create" -l replace -d 'Replace a container that already has the --name'
complete -c burrow -n "__fish_burrow_using_subcommand create" -l init -d 'Run a small init as PID 1 that forwards signals and reaps zombies'
complete -c burrow -n "__fish_burrow_using_subcommand create" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c burrow -n "__fish_burrow_using_subcommand create" -l privileged -d 'Give the container all capabilities and no seccomp filter or masked paths'
complete -c burrow -n "__fish_burrow_using_subcommand create" -s P -l publish-all -d 'Publish the image\'s exposed ports on random host ports'
complete -c burrow -n "__fish_burrow_using_subcommand create" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of writing one'
complete -c burrow -n "__fish_burrow_using_subcommand create" -s i -l interactive -d 'Keep standard input open'
complete -c burrow -n "__fish_burrow_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c burrow -n "__fish_burrow_using_subcommand create" -s d -l detach -d 'Run in the background and print the container ID'
complete -c burrow -n "__fish_burrow_using_subcommand create" -l unsetenv-all -d 'Leave out every default and image environment variable'
complete -c burrow -n "__fish_burrow_using_subcommand create" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand start" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand start" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand start" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand start" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand start" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand start" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand start" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand start" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand start" -l detach-keys -d 'Keys that detach from the container\'s terminal' -r
complete -c burrow -n "__fish_burrow_using_subcommand start" -l sig-proxy -d 'Pass the signals burrow receives on to the container (with -a)' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand start" -s f -l filter -d 'Start the containers that match: status=, exited=, restart-policy=, id=, name=, label=, ancestor=, before=, since= (among the containers named, if any)' -r
complete -c burrow -n "__fish_burrow_using_subcommand start" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand start" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand start" -s a -l attach -d 'Attach the container\'s output and wait for it to end'
complete -c burrow -n "__fish_burrow_using_subcommand start" -s i -l interactive -d 'Pass standard input to the container'
complete -c burrow -n "__fish_burrow_using_subcommand start" -l all -d 'Start all containers (those that run are left running)'
complete -c burrow -n "__fish_burrow_using_subcommand start" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand start" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l detach-keys -d 'Keys that detach from the container\'s terminal' -r
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l sig-proxy -d 'Pass the signals burrow receives on to the container' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand attach" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand attach" -l no-stdin -d 'Do not attach standard input'
complete -c burrow -n "__fish_burrow_using_subcommand attach" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand attach" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand restart" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand restart" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand restart" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand restart" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand restart" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand restart" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand restart" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand restart" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand restart" -s t -l time -d 'Seconds to wait for the stop signal before killing the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand restart" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand restart" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand restart" -s a -l all -d 'Restart all containers'
complete -c burrow -n "__fish_burrow_using_subcommand restart" -l running -d 'Restart only running containers (with --all)'
complete -c burrow -n "__fish_burrow_using_subcommand restart" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand restart" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand rename" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand rename" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand rename" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand rename" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand rename" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand rename" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand rename" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand rename" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand rename" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand rename" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand rename" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand pause" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand pause" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand pause" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand pause" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand pause" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand pause" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand pause" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand pause" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand pause" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand pause" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand pause" -s a -l all -d 'All running containers'
complete -c burrow -n "__fish_burrow_using_subcommand pause" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand pause" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -s a -l all -d 'All running containers'
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand ps" -s f -l filter -d 'Filter: id=, name= (regex), status=, label=KEY[=VALUE], exited=, ancestor=, before=, since=' -r
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l sort -d 'Sort by command, created, id, image, names, runningfor or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
status\t''"
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l format -d 'Pretty-print containers with a Go template, "table ..." or json' -r
complete -c burrow -n "__fish_burrow_using_subcommand ps" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand ps" -s a -l all -d 'Show all containers (by default only running ones)'
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l noheading -d 'Do not print column headings'
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c burrow -n "__fish_burrow_using_subcommand ps" -s q -l quiet -d 'Print only container IDs'
complete -c burrow -n "__fish_burrow_using_subcommand ps" -l external -d 'Also list containers that other tools made in the store (burrow\'s store holds none)'
complete -c burrow -n "__fish_burrow_using_subcommand ps" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand rm" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand rm" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand rm" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand rm" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand rm" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand rm" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand rm" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand rm" -s t -l time -d 'Seconds to wait for the stop signal before killing a running container' -r
complete -c burrow -n "__fish_burrow_using_subcommand rm" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand rm" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand rm" -s a -l all -d 'Remove all containers'
complete -c burrow -n "__fish_burrow_using_subcommand rm" -s f -l force -d 'Stop and remove running containers too'
complete -c burrow -n "__fish_burrow_using_subcommand rm" -l depend -d 'Remove the containers that depend on it first'
complete -c burrow -n "__fish_burrow_using_subcommand rm" -s i -l ignore -d 'Ignore errors for containers that do not exist'
complete -c burrow -n "__fish_burrow_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c burrow -n "__fish_burrow_using_subcommand rm" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand rm" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand stop" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand stop" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand stop" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand stop" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand stop" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand stop" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand stop" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand stop" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand stop" -s t -l time -l timeout -d 'Seconds to wait for the stop signal before killing the container (default: the container\'s --stop-timeout, else 10)' -r
complete -c burrow -n "__fish_burrow_using_subcommand stop" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand stop" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand stop" -s a -l all -d 'Stop all running containers'
complete -c burrow -n "__fish_burrow_using_subcommand stop" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c burrow -n "__fish_burrow_using_subcommand stop" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand stop" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand kill" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand kill" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand kill" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand kill" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand kill" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand kill" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand kill" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand kill" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand kill" -s s -l signal -d 'The signal to send (name or number)' -r
complete -c burrow -n "__fish_burrow_using_subcommand kill" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand kill" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand kill" -s a -l all -d 'Signal all running containers'
complete -c burrow -n "__fish_burrow_using_subcommand kill" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand kill" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand wait" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand wait" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand wait" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand wait" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand wait" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand wait" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand wait" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand wait" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand wait" -l condition -d 'The state to wait for: stopped (or exited), running, created' -r
complete -c burrow -n "__fish_burrow_using_subcommand wait" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand wait" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand wait" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand wait" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l detach-keys -d 'Keys that detach from the command\'s terminal and leave it running (e.g. ctrl-p,ctrl-q; "" disables)' -r
complete -c burrow -n "__fish_burrow_using_subcommand exec" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass burrow\'s value)' -r
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l env-file -d 'Read environment variables from a file' -r
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l preserve-fds -d 'Pass file descriptors 3 to 3+N-1 to the command' -r
complete -c burrow -n "__fish_burrow_using_subcommand exec" -s u -l user -d 'Run as this user: USER[:GROUP], names from the container\'s /etc/passwd and /etc/group' -r
complete -c burrow -n "__fish_burrow_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container (default: the container\'s)' -r
complete -c burrow -n "__fish_burrow_using_subcommand exec" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand exec" -s d -l detach -d 'Run the command in the background and print nothing'
complete -c burrow -n "__fish_burrow_using_subcommand exec" -s i -l interactive -d 'Pass standard input to the command'
complete -c burrow -n "__fish_burrow_using_subcommand exec" -l privileged -d 'Give the command every capability and no seccomp filter'
complete -c burrow -n "__fish_burrow_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-terminal for the command'
complete -c burrow -n "__fish_burrow_using_subcommand exec" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand cp" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand cp" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand cp" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand cp" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand cp" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand cp" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand cp" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand cp" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand cp" -s a -l archive -d 'Chown copied files to the primary uid/gid of the destination container' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand cp" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand cp" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand cp" -l overwrite -d 'Allow directories to be overwritten with non-directories and vice versa'
complete -c burrow -n "__fish_burrow_using_subcommand cp" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -s f -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -s t -l type -d 'Only inspect objects of this type: container, image or all' -r -f -a "all\t''
container\t''
image\t''"
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -s l -l latest -d 'Inspect the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l since -d 'Show logs since TIMESTAMP (RFC 3339, unix seconds, or a duration such as 10m ago)' -r
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l until -d 'Show logs until TIMESTAMP (RFC 3339, unix seconds, or a duration from now)' -r
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l tail -d 'Output only the last LINES lines (-1: all)' -r
complete -c burrow -n "__fish_burrow_using_subcommand logs" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand logs" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand logs" -s f -l follow -d 'Follow log output'
complete -c burrow -n "__fish_burrow_using_subcommand logs" -s t -l timestamps -d 'Output the timestamps in the log'
complete -c burrow -n "__fish_burrow_using_subcommand logs" -s n -l names -d 'Prefix lines with the container name instead of its ID (with several containers)'
complete -c burrow -n "__fish_burrow_using_subcommand logs" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand logs" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand top" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand top" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand top" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand top" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand top" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand top" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand top" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand top" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand top" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand top" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand top" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand top" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand port" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand port" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand port" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand port" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand port" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand port" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand port" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand port" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand port" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand port" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand port" -s a -l all -d 'List the ports of all running containers'
complete -c burrow -n "__fish_burrow_using_subcommand port" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand port" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -f -a "ls" -d 'List networks'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -f -a "list" -d 'List networks'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -f -a "inspect" -d 'Display the configuration of networks'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -f -a "exists" -d 'Check if a network exists'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -f -a "prune" -d 'Remove unused networks (the default network is never removed)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -f -a "create" -d 'Create a network (user-defined networks are not supported yet)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -f -a "rm" -d 'Remove networks (the default network cannot be removed)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and not __fish_seen_subcommand_from ls list inspect exists prune create rm remove" -f -a "remove" -d 'Remove networks (the default network cannot be removed)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter the output (name=, driver=)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only network names'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter the output (name=, driver=)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only network names'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print the header'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Filter the networks to prune' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Accepted for podman compatibility; user-defined networks come later' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -s f -l force
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand network; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "create" -d 'Create a new volume'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "ls" -d 'List volumes'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "list" -d 'List volumes'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "rm" -d 'Remove one or more volumes'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "remove" -d 'Remove one or more volumes'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "prune" -d 'Remove all unused volumes'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "exists" -d 'Check if a volume exists'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "export" -d 'Export the contents of a volume as a tar'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "import" -d 'Import a tar into a volume'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "mount" -d 'Print the path of a volume\'s files (inside burrow unshare)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "unmount" -d 'Unmount a volume (inside burrow unshare)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount" -f -a "umount" -d 'Unmount a volume (inside burrow unshare)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver: only local' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata for a volume: KEY=VALUE' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Set driver specific options: o=uid=N,gid=N, UID=N, GID=N, ...' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Do not fail if the volume already exists'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter the output: name=, label=, driver=, scope=, opt=, dangling=' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print volume names only'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter the output: name=, label=, driver=, scope=, opt=, dangling=' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print the header'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print volume names only'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect all volumes'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all volumes'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers using a volume first'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove all volumes'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the containers using a volume first'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Only prune the volumes that pass these filters: label=, name=, driver=, ...' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand volume; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand events" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand events" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand events" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand events" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand events" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand events" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand events" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand events" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand events" -s f -l filter -d 'Filter output: container=, event=, image=, label=KEY[=VALUE], type=, volume=, pod=' -r
complete -c burrow -n "__fish_burrow_using_subcommand events" -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand events" -l stream -d 'Stream events and do not exit after the last known event' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand events" -l since -d 'Show all events created since TIMESTAMP' -r
complete -c burrow -n "__fish_burrow_using_subcommand events" -l until -d 'Show all events created until TIMESTAMP' -r
complete -c burrow -n "__fish_burrow_using_subcommand events" -l no-trunc -d 'Do not truncate the output' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand events" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand events" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand events" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "create" -d 'Create but do not start a container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "exec" -d 'Run a process in a running container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "exists" -d 'Check if a container exists in local storage'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "inspect" -d 'Display the configuration of a container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "list" -d 'List containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "ls" -d 'List containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "ps" -d 'List containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "rm" -d 'Remove one or more containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "run" -d 'Run a command in a new container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "start" -d 'Start one or more containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "stop" -d 'Stop one or more running containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "wait" -d 'Wait for one or more containers to stop and print their exit codes'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "attach" -d 'Attach to a running container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "restart" -d 'Restart one or more containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "rename" -d 'Rename a container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "pause" -d 'Pause all the processes in one or more containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "top" -d 'Display the running processes of a container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "prune" -d 'Remove all non running containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "cleanup" -d 'Clean up the network and mount resources of one or more containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "commit" -d 'Create new image based on the changed container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "diff" -d 'Inspect changes to the container\'s file system'
complete -c burrow -n "__fish_burrow_using_subcommand container; and not __fish_seen_subcommand_from create exec cp exists inspect list ls ps rm run start stop kill wait attach restart rename pause unpause logs top prune cleanup commit diff export" -f -a "export" -d 'Export container\'s filesystem contents as a tar archive'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l timeout -d 'Kill the container after this many seconds (0: never)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeatable; default: all)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l hostuser -d 'Add a host user\'s passwd entry to the container\'s /etc/passwd (repeatable)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Name of the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass the host\'s value)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Run as USER[:GROUP] (names from the image\'s /etc/passwd and /etc/group)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Additional groups to join' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Override the image\'s entrypoint (a word or a JSON array; "" clears it)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l hostname -d 'Set the container\'s hostname' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a volume: [HOST-DIR|VOLUME-NAME:]CONTAINER-DIR[:OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes and binds of another container: CONTAINER[:ro|rw]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs: CONTAINER-DIR[:OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add Linux capabilities (or ALL)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop Linux capabilities (or ALL)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Resource limits: NAME=SOFT[:HARD]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: keep-id, nomap or host' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Network: pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host (default: pasta if installed)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port to the host: [IP:][HOSTPORT:]CONTAINERPORT[/tcp|/udp]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or range (PORT[-END][/PROTOCOL]) for -P' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'DNS server for the container\'s /etc/resolv.conf' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'DNS search domain ("." for none)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'DNS resolver option (e.g. ndots:2)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to /etc/hosts: HOST:IP (IP may be host-gateway)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l mac-address -d 'MAC address of the container\'s interface' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Add a label: KEY=VALUE' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation: KEY=VALUE' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l detach-keys -d 'Keys that detach from the container\'s terminal (e.g. ctrl-p,ctrl-q; "" disables)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l sig-proxy -d 'Pass the signals burrow receives on to the container' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, on-failure[:MAX], always, unless-stopped' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Where the container\'s output goes: k8s-file, none, passthrough' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log options: max-size=SIZE' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal that stops the container (default: the image\'s, else SIGTERM)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container\'s ID to this file (which must not exist)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'Timezone: a zone name such as Europe/Berlin, or local for the host\'s' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv -d 'Leave out a default or image environment variable' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC namespace: shareable, private, none (no /dev/shm) or host' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroupns -d 'Cgroup namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroups -d 'Whether the container gets a cgroup of its own: enabled, disabled, no-conmon or split' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Where the container\'s cgroup goes: a slice with the systemd manager, a cgroup path with cgroupfs' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l systemd -d 'Set the container up for systemd: true (when the command is systemd or init), false, always' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Attach a filesystem mount: type=bind|volume|tmpfs|devpts,destination=DIR[,source=PATH|NAME][,OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (e.g. 512m)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'Swappiness of the container\'s memory (0-100)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l kernel-memory -d 'No-op, as in podman (kernel memory limits are gone from the kernel)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'CPU CFS quota in microseconds' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-3,5)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes the container may use' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Maximum number of processes (-1: unlimited)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block I/O weight (10-1000)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block I/O weight of a device: DEVICE:WEIGHT' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE[kb|mb|gb]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE[kb|mb|gb]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Read operations per second of a device: DEVICE:NUMBER' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Write operations per second of a device: DEVICE:NUMBER' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'When to pull the image: always, missing, never, newer' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'Replace a container that already has the --name'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run a small init as PID 1 that forwards signals and reaps zombies'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give the container all capabilities and no seccomp filter or masked paths'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish the image\'s exposed ports on random host ports'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of writing one'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep standard input open'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s d -l detach -d 'Run in the background and print the container ID'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv-all -d 'Leave out every default and image environment variable'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l detach-keys -d 'Keys that detach from the command\'s terminal and leave it running (e.g. ctrl-p,ctrl-q; "" disables)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass burrow\'s value)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read environment variables from a file' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l preserve-fds -d 'Pass file descriptors 3 to 3+N-1 to the command' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Run as this user: USER[:GROUP], names from the container\'s /etc/passwd and /etc/group' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container (default: the container\'s)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run the command in the background and print nothing'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Pass standard input to the command'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give the command every capability and no seccomp filter'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-terminal for the command'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Chown copied files to the primary uid/gid of the destination container' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -l overwrite -d 'Allow directories to be overwritten with non-directories and vice versa'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Show the container\'s size (burrow does not compute it yet; ignored)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: id=, name= (regex), status=, label=KEY[=VALUE], exited=, ancestor=, before=, since=' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l sort -d 'Sort by command, created, id, image, names, runningfor or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
status\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print containers with a Go template, "table ..." or json' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all containers (by default only running ones)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print column headings'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only container IDs'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -l external -d 'Also list containers that other tools made in the store (burrow\'s store holds none)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: id=, name= (regex), status=, label=KEY[=VALUE], exited=, ancestor=, before=, since=' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by command, created, id, image, names, runningfor or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
status\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print containers with a Go template, "table ..." or json' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (by default only running ones)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print column headings'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only container IDs'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Also list containers that other tools made in the store (burrow\'s store holds none)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter: id=, name= (regex), status=, label=KEY[=VALUE], exited=, ancestor=, before=, since=' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by command, created, id, image, names, runningfor or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
status\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l format -d 'Pretty-print containers with a Go template, "table ..." or json' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all containers (by default only running ones)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print column headings'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print only container IDs'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -l external -d 'Also list containers that other tools made in the store (burrow\'s store holds none)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for the stop signal before killing a running container' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop and remove running containers too'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove the containers that depend on it first'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors for containers that do not exist'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l timeout -d 'Kill the container after this many seconds (0: never)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeatable; default: all)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l hostuser -d 'Add a host user\'s passwd entry to the container\'s /etc/passwd (repeatable)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Name of the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass the host\'s value)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read environment variables from a file' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'Run as USER[:GROUP] (names from the image\'s /etc/passwd and /etc/group)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Additional groups to join' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Override the image\'s entrypoint (a word or a JSON array; "" clears it)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l hostname -d 'Set the container\'s hostname' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount a volume: [HOST-DIR|VOLUME-NAME:]CONTAINER-DIR[:OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount the volumes and binds of another container: CONTAINER[:ro|rw]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs: CONTAINER-DIR[:OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add Linux capabilities (or ALL)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop Linux capabilities (or ALL)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Resource limits: NAME=SOFT[:HARD]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace: keep-id, nomap or host' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l network -d 'Network: pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host (default: pasta if installed)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port to the host: [IP:][HOSTPORT:]CONTAINERPORT[/tcp|/udp]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port or range (PORT[-END][/PROTOCOL]) for -P' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'DNS server for the container\'s /etc/resolv.conf' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'DNS search domain ("." for none)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -d 'DNS resolver option (e.g. ndots:2)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a line to /etc/hosts: HOST:IP (IP may be host-gateway)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l mac-address -d 'MAC address of the container\'s interface' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Add a label: KEY=VALUE' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an annotation: KEY=VALUE' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Keys that detach from the container\'s terminal (e.g. ctrl-p,ctrl-q; "" disables)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Pass the signals burrow receives on to the container' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy: no, on-failure[:MAX], always, unless-stopped' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Where the container\'s output goes: k8s-file, none, passthrough' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Log options: max-size=SIZE' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal that stops the container (default: the image\'s, else SIGTERM)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container\'s ID to this file (which must not exist)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'Timezone: a zone name such as Europe/Berlin, or local for the host\'s' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv -d 'Leave out a default or image environment variable' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC namespace: shareable, private, none (no /dev/shm) or host' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroupns -d 'Cgroup namespace: host or private' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroups -d 'Whether the container gets a cgroup of its own: enabled, disabled, no-conmon or split' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'Where the container\'s cgroup goes: a slice with the systemd manager, a cgroup path with cgroupfs' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l systemd -d 'Set the container up for systemd: true (when the command is systemd or init), false, always' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Attach a filesystem mount: type=bind|volume|tmpfs|devpts,destination=DIR[,source=PATH|NAME][,OPTIONS]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (e.g. 512m)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swappiness -d 'Swappiness of the container\'s memory (0-100)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l kernel-memory -d 'No-op, as in podman (kernel memory limits are gone from the kernel)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'CPU CFS quota in microseconds' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-3,5)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'Memory nodes the container may use' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Maximum number of processes (-1: unlimited)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block I/O weight (10-1000)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight-device -d 'Block I/O weight of a device: DEVICE:WEIGHT' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE[kb|mb|gb]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE[kb|mb|gb]' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-iops -d 'Read operations per second of a device: DEVICE:NUMBER' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-iops -d 'Write operations per second of a device: DEVICE:NUMBER' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'When to pull the image: always, missing, never, newer' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fds -d 'Pass descriptors 3 to 3+N-1 of the caller into the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'Replace a container that already has the --name'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run a small init as PID 1 that forwards signals and reaps zombies'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give the container all capabilities and no seccomp filter or masked paths'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish the image\'s exposed ports on random host ports'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of writing one'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep standard input open'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run in the background and print the container ID'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv-all -d 'Leave out every default and image environment variable'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -l rmi -d 'Remove the image when the container exits, unless other containers use it (implies --rm)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Keys that detach from the container\'s terminal' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'Pass the signals burrow receives on to the container (with -a)' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -s f -l filter -d 'Start the containers that match: status=, exited=, restart-policy=, id=, name=, label=, ancestor=, before=, since= (among the containers named, if any)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach the container\'s output and wait for it to end'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Pass standard input to the container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -l all -d 'Start all containers (those that run are left running)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -l timeout -d 'Seconds to wait for the stop signal before killing the container (default: the container\'s --stop-timeout, else 10)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all running containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'The signal to send (name or number)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal all running containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'The state to wait for: stopped (or exited), running, created' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Keys that detach from the container\'s terminal' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Pass the signals burrow receives on to the container' -r -f -a "true\t''
false\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach standard input'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait for the stop signal before killing the container' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart all containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -l running -d 'Restart only running containers (with --all)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -s a -l all -d 'All running containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -s a -l all -d 'All running containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since TIMESTAMP (RFC 3339, unix seconds, or a duration such as 10m ago)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs until TIMESTAMP (RFC 3339, unix seconds, or a duration from now)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Output only the last LINES lines (-1: all)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Output the timestamps in the log'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l names -d 'Prefix lines with the container name instead of its ID (with several containers)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Only prune the containers that pass these filters: until=, label=, label!=' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s a -l all -d 'Clean up all containers'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s l -l latest -d 'Act on the most recently created container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rm -d 'After cleanup, remove the container'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rmi -d 'After cleanup, remove the image the container was made from, unless another uses it'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Set the author for the image committed' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -s f -l format -d 'Format of the image manifest and metadata' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Set commit message for imported image' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -l include-volumes -d 'Include container volumes as image volumes'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause container during commit'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Suppress output'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -s s -l squash -d 'Squash newly built layers into a single new layer'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Change the output format (json)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -s l -l latest -d 'Act on the latest container burrow is aware of'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a specified file (default: stdout, which must be redirected)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand version" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand version" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand version" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand version" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand version" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand version" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand version" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand version" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand version" -s f -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand version" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand version" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand version" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand info" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand info" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand info" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand info" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand info" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand info" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand info" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand info" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand info" -s f -l format -d 'Format the output with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand info" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand info" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand info" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -f -a "check" -d 'Check storage consistency'
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -f -a "migrate" -d 'Migrate containers'
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -f -a "df" -d 'Show burrow disk usage'
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -f -a "prune" -d 'Remove unused data'
complete -c burrow -n "__fish_burrow_using_subcommand system; and not __fish_seen_subcommand_from check migrate df prune reset" -f -a "reset" -d 'Reset burrow storage: remove every container, image, volume and the namespace holder'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -s q -l quick -d 'Skip time-consuming checks (records are only checked to exist, not read)'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -s r -l repair -d 'Remove leftovers, unused layers and damaged images that no container uses'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -s f -l force -d 'With --repair, also remove damaged containers and those using damaged images'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -l new-runtime -d 'Specify a new runtime for all containers' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Pretty-print the summary with a Go template or as json' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show detailed information on space usage'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Only prune what passes these filters: until=, label=, label!=' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not only dangling ones'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Prune volumes too'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not ask for confirmation'
complete -c burrow -n "__fish_burrow_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand completion" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand completion" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand completion" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand completion" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand completion" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand completion" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand completion" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand completion" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand completion" -s f -l file -d 'Write the script to this file instead of stdout' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand completion" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand completion" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand completion" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -l rootless-netns -d 'Join the rootless network namespace (not available: burrow has no shared one yet)'
complete -c burrow -n "__fish_burrow_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand save" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand save" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand save" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand save" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand save" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand save" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand save" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand save" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand save" -s o -l output -d 'Write to a file (or directory, for oci-dir and docker-dir) instead of stdout' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand save" -l format -d 'Save image to oci-archive, oci-dir (directory with oci manifest type), docker-archive, docker-dir (directory with v2s2 manifest type)' -r -f -a "docker-archive\t''
oci-archive\t''
oci-dir\t''
docker-dir\t''"
complete -c burrow -n "__fish_burrow_using_subcommand save" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand save" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand save" -s m -l multi-image-archive -d 'Save several images in one docker-archive (podman\'s -m; several images imply it)'
complete -c burrow -n "__fish_burrow_using_subcommand save" -l uncompressed -d 'Accept uncompressed layers when copying OCI images'
complete -c burrow -n "__fish_burrow_using_subcommand save" -l compress -d 'Compress tarball image layers when saving to a directory using the \'dir\' transport (accepted; layers keep the compression they were pulled with)'
complete -c burrow -n "__fish_burrow_using_subcommand save" -s q -l quiet -d 'Suppress the output'
complete -c burrow -n "__fish_burrow_using_subcommand save" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand load" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand load" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand load" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand load" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand load" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand load" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand load" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand load" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand load" -s i -l input -d 'Read from the archive file (or OCI layout directory) instead of stdin' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand load" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand load" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand load" -s q -l quiet -d 'Suppress the progress output'
complete -c burrow -n "__fish_burrow_using_subcommand load" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand commit" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand commit" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand commit" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand commit" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand commit" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand commit" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand commit" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand commit" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand commit" -s a -l author -d 'Set the author for the image committed' -r
complete -c burrow -n "__fish_burrow_using_subcommand commit" -s c -l change -d 'Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR' -r
complete -c burrow -n "__fish_burrow_using_subcommand commit" -s f -l format -d 'Format of the image manifest and metadata' -r
complete -c burrow -n "__fish_burrow_using_subcommand commit" -s m -l message -d 'Set commit message for imported image' -r
complete -c burrow -n "__fish_burrow_using_subcommand commit" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand commit" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand commit" -l include-volumes -d 'Include container volumes as image volumes'
complete -c burrow -n "__fish_burrow_using_subcommand commit" -s p -l pause -d 'Pause container during commit'
complete -c burrow -n "__fish_burrow_using_subcommand commit" -s q -l quiet -d 'Suppress output'
complete -c burrow -n "__fish_burrow_using_subcommand commit" -s s -l squash -d 'Squash newly built layers into a single new layer'
complete -c burrow -n "__fish_burrow_using_subcommand commit" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand diff" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand diff" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand diff" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand diff" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand diff" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand diff" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand diff" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand diff" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand diff" -l format -d 'Change the output format (json)' -r
complete -c burrow -n "__fish_burrow_using_subcommand diff" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand diff" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand diff" -s l -l latest -d 'Act on the latest container burrow is aware of'
complete -c burrow -n "__fish_burrow_using_subcommand diff" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand export" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand export" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand export" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand export" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand export" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand export" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand export" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand export" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand export" -s o -l output -d 'Write to a specified file (default: stdout, which must be redirected)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand export" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand export" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand export" -s h -l help -d 'Print help'
complete -c burrow -n "__fish_burrow_using_subcommand import" -l root -d 'Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand import" -l runroot -d 'Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand import" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")' -r
complete -c burrow -n "__fish_burrow_using_subcommand import" -l events-backend -d 'Events backend to use: file or none (journald is not available) (default: containers.conf\'s events_logger, else file)' -r
complete -c burrow -n "__fish_burrow_using_subcommand import" -l volumepath -d 'Path to the volume directory in which volume data is stored (default: ROOT/volumes)' -r -F
complete -c burrow -n "__fish_burrow_using_subcommand import" -l runtime-flag -d 'Global flags for an OCI runtime given with --runtime (may be set multiple times)' -r
complete -c burrow -n "__fish_burrow_using_subcommand import" -l storage-driver -d 'Storage driver; burrow always uses native overlay' -r
complete -c burrow -n "__fish_burrow_using_subcommand import" -l cgroup-manager -d 'Cgroup manager to use: systemd or cgroupfs (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t''
cgroupfs\t''"
complete -c burrow -n "__fish_burrow_using_subcommand import" -s c -l change -d 'Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR' -r
complete -c burrow -n "__fish_burrow_using_subcommand import" -s m -l message -d 'Set commit message for imported image' -r
complete -c burrow -n "__fish_burrow_using_subcommand import" -s D -l debug -d 'Log messages at the debug level (the same as --log-level debug)'
complete -c burrow -n "__fish_burrow_using_subcommand import" -l noout -d 'Do not output to stdout'
complete -c burrow -n "__fish_burrow_using_subcommand import" -s q -l quiet -d 'Suppress output'
complete -c burrow -n "__fish_burrow_using_subcommand import" -s h -l help -d 'Print help'
