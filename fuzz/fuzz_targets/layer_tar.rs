//! Layer tar streams (`layer::apply_layer`), extracted for real, unprivileged.
//!
//! At start-up the fuzzer moves itself into a user namespace of its own, as burrow
//! extracts layers (it is uid 0 there; when started as root, that uid 0 is an unused
//! unprivileged ID outside, so no host file is writable), and into a mount namespace
//! where a small tmpfs hides the real /tmp. Each input is extracted into /tmp/diff; next
//! to it, /tmp/outside holds one file. Tar entries aiming at "../outside",
//! "/tmp/outside" or through symlinks to them must land inside /tmp/diff.
//!
//! The real /tmp is out of sight from then on: the corpus and artifact directories must
//! be elsewhere (cargo fuzz uses fuzz/corpus and fuzz/artifacts).
//!
//! Beyond not panicking: after every input, /tmp holds exactly `diff` and `outside`,
//! and `outside` and its file are unchanged (content, mode, owner, times, no xattr).

#![no_main]

use std::ffi::CString;
use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use burrow::layer::apply_layer;
use libfuzzer_sys::fuzz_target;

const SANDBOX: &str = "/tmp";
const DEST: &str = "/tmp/diff";
const OUTSIDE: &str = "/tmp/outside";
const CANARY: &str = "/tmp/outside/canary";
const CANARY_TEXT: &[u8] = b"must stay as it is\n";
/// Where uid/gid 0..65536 of the namespace map when the fuzzer starts as root: IDs no
/// account uses, so the extraction has no privilege over any host file.
const ROOT_MAP_BASE: u32 = 3_000_000_000;

fn fail(what: &str) -> ! {
    panic!(
        "layer_tar setup: {what}: {}; this target needs user and mount namespaces \
         (unshare(CLONE_NEWUSER | CLONE_NEWNS))",
        std::io::Error::last_os_error()
    )
}

fn write_proc(path: &str, text: &str) {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap_or_else(|err| panic!("layer_tar setup: open {path}: {err}"));
    file.write_all(text.as_bytes())
        .unwrap_or_else(|err| panic!("layer_tar setup: write {text:?} to {path}: {err}"));
}

/// Enters the namespaces. Runs in LLVMFuzzerInitialize, before libFuzzer starts any
/// thread (unshare(CLONE_NEWUSER) needs a single-threaded process).
fn enter_sandbox() {
    // SAFETY: plain syscalls on this process's own credentials and mounts; the forked
    // child of a single-threaded process only writes two files and exits.
    unsafe {
        let uid = libc::geteuid();
        let gid = libc::getegid();
        if uid == 0 {
            // Mapping other IDs than one's own needs CAP_SETUID over the parent
            // namespace, which only a process left outside has: a child forked first
            // writes the maps once this process has its namespace (newuidmap's role).
            let mut pipe = [0; 2];
            if libc::pipe(pipe.as_mut_ptr()) != 0 {
                fail("pipe");
            }
            let parent = libc::getpid();
            let child = libc::fork();
            if child < 0 {
                fail("fork");
            }
            if child == 0 {
                libc::close(pipe[1]);
                let mut byte = 0u8;
                let ready = libc::read(pipe[0], (&raw mut byte).cast(), 1) == 1;
                let map = format!("0 {ROOT_MAP_BASE} 65536");
                let written = ready
                    && ["uid_map", "gid_map"]
                        .iter()
                        .all(|file| fs::write(format!("/proc/{parent}/{file}"), &map).is_ok());
                libc::_exit(if written { 0 } else { 1 });
            }
            libc::close(pipe[0]);
            if libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNS) != 0 {
                fail("unshare");
            }
            if libc::write(pipe[1], [1u8].as_ptr().cast(), 1) != 1 {
                fail("wake the ID-mapping child");
            }
            libc::close(pipe[1]);
            let mut status = 0;
            if libc::waitpid(child, &mut status, 0) != child
                || !libc::WIFEXITED(status)
                || libc::WEXITSTATUS(status) != 0
            {
                panic!("layer_tar setup: the child could not write the ID maps of the namespace");
            }
            if libc::setgroups(0, std::ptr::null()) != 0 {
                fail("setgroups");
            }
        } else {
            if libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNS) != 0 {
                fail("unshare");
            }
            write_proc("/proc/self/setgroups", "deny");
            write_proc("/proc/self/uid_map", &format!("0 {uid} 1"));
            write_proc("/proc/self/gid_map", &format!("0 {gid} 1"));
        }
        if libc::setresgid(0, 0, 0) != 0 || libc::setresuid(0, 0, 0) != 0 {
            fail("setresuid to the namespace's root");
        }
        let root = CString::new("/").unwrap();
        if libc::mount(
            std::ptr::null(),
            root.as_ptr(),
            std::ptr::null(),
            libc::MS_REC | libc::MS_PRIVATE,
            std::ptr::null(),
        ) != 0
        {
            fail("make / private");
        }
        let tmp = CString::new(SANDBOX).unwrap();
        let tmpfs = CString::new("tmpfs").unwrap();
        // Bounded, so a sparse entry of many GB ends with ENOSPC, not with the host's memory.
        let options = CString::new("size=64m,mode=0755").unwrap();
        if libc::mount(
            tmpfs.as_ptr(),
            tmp.as_ptr(),
            tmpfs.as_ptr(),
            libc::MS_NOSUID | libc::MS_NODEV,
            options.as_ptr().cast(),
        ) != 0
        {
            fail("mount a tmpfs on /tmp");
        }
    }
    fs::create_dir(OUTSIDE).unwrap();
    fs::write(CANARY, CANARY_TEXT).unwrap();
    fs::set_permissions(OUTSIDE, fs::Permissions::from_mode(0o755)).unwrap();
    fs::create_dir(DEST).unwrap();
}

/// What must not change outside the layer directory.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    /// Names and file types in /tmp (the layer root's own metadata may change).
    sandbox: Vec<(String, u32)>,
    outside: Vec<String>,
    /// /tmp and /tmp/outside: mode, owner, mtime, ctime, size of the xattr list.
    dirs: [Inode; 2],
    canary: (Inode, u64, Vec<u8>),
}

#[derive(Debug, PartialEq, Eq)]
struct Inode {
    mode: u32,
    owner: (u32, u32),
    mtime: (i64, i64),
    ctime: (i64, i64),
    xattr_list_len: usize,
}

fn inode(path: &str) -> Inode {
    let meta = fs::symlink_metadata(path).unwrap();
    Inode {
        mode: meta.mode(),
        owner: (meta.uid(), meta.gid()),
        mtime: (meta.mtime(), meta.mtime_nsec()),
        ctime: (meta.ctime(), meta.ctime_nsec()),
        xattr_list_len: xattr_list_len(path),
    }
}

/// Size of the list of extended attribute names.
fn xattr_list_len(path: &str) -> usize {
    let path = CString::new(path).unwrap();
    // SAFETY: a size query (null buffer of length 0) on a valid C string.
    let len = unsafe { libc::llistxattr(path.as_ptr(), std::ptr::null_mut(), 0) };
    usize::try_from(len).unwrap_or(usize::MAX)
}

fn snapshot() -> Snapshot {
    let mut sandbox: Vec<_> = fs::read_dir(SANDBOX)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let meta = fs::symlink_metadata(entry.path()).unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                meta.mode() & libc::S_IFMT,
            )
        })
        .collect();
    sandbox.sort();
    let mut outside: Vec<_> = fs::read_dir(OUTSIDE)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    outside.sort();
    Snapshot {
        sandbox,
        outside,
        dirs: [inode(SANDBOX), inode(OUTSIDE)],
        canary: (
            inode(CANARY),
            fs::symlink_metadata(CANARY).unwrap().nlink(),
            fs::read(CANARY).unwrap(),
        ),
    }
}

fn reset_dest() {
    if let Err(err) = fs::remove_dir_all(DEST) {
        panic!("cannot clear {DEST} after an extraction: {err}");
    }
    fs::create_dir(DEST).unwrap();
}

fuzz_target!(
    init: {
        enter_sandbox();
    },
    |data: &[u8]| {
        let before = snapshot();
        match apply_layer(data, Path::new(DEST)) {
            Ok(stats) => {
                // Every tar member takes at least one 512-byte header.
                assert!(stats.entries <= data.len() as u64 / 512);
            }
            Err(err) => {
                let _ = err.to_string();
            }
        }
        let after = snapshot();
        assert_eq!(
            before, after,
            "the extraction changed something outside {DEST}"
        );
        reset_dest();
    }
);
