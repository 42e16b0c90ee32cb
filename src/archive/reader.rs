//! Reading an archive's entries by name, from a tar file indexed in place, a tar spooled to an
//! unnamed temporary file (stdin, compressed archives), or a directory.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::os::fd::AsFd;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{ArchiveError, entry_name, io_err, link_destination};

/// Metadata documents (manifests, configs, index) are read whole; layers never are.
const DOCUMENT_LIMIT: u64 = 64 << 20;
/// Links followed when resolving one name, as the kernel's limit.
const MAX_LINKS: usize = 40;

/// Where an archive comes from.
pub enum Input<'a> {
    Path(&'a Path),
    Stdin,
}

#[derive(Debug, Clone)]
enum Entry {
    File {
        offset: u64,
        size: u64,
    },
    /// A symbolic link, with where it leads (checked to stay inside).
    Symlink(String),
    /// A hard link to another entry's name.
    Hardlink(String),
    Directory,
    Other,
}

enum Backing {
    Tar {
        file: Arc<File>,
        entries: HashMap<String, Entry>,
    },
    Dir {
        root: File,
        path: PathBuf,
    },
}

pub struct ArchiveReader {
    backing: Backing,
    /// What to call the archive in messages.
    pub description: String,
}

/// One entry's bytes, read in place with positioned reads (several may be open at once).
pub struct EntryReader {
    file: Arc<File>,
    pos: u64,
    end: u64,
}

impl Read for EntryReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.end.saturating_sub(self.pos);
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        let n = self.file.read_at(&mut buf[..want], self.pos)?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the archive ends inside this entry",
            ));
        }
        self.pos += n as u64;
        Ok(n)
    }
}

impl EntryReader {
    pub fn len(&self) -> u64 {
        self.end - self.pos
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl ArchiveReader {
    /// Opens an archive: a directory as it is, an uncompressed tar file in place, stdin or a
    /// compressed tar spooled (decompressed) into an unnamed file in `spool_dir`.
    pub fn open(input: Input<'_>, spool_dir: &Path) -> Result<ArchiveReader, ArchiveError> {
        let (file, description) = match input {
            Input::Path(path) => {
                let meta = std::fs::metadata(path).map_err(io_err("open", path))?;
                if meta.is_dir() {
                    return Self::open_dir(path);
                }
                (
                    File::open(path).map_err(io_err("open", path))?,
                    path.display().to_string(),
                )
            }
            Input::Stdin => {
                let stdin = io::stdin()
                    .as_fd()
                    .try_clone_to_owned()
                    .map_err(io_err("read", Path::new("stdin")))?;
                (File::from(stdin), "stdin".to_string())
            }
        };
        let seekable = file.metadata().is_ok_and(|m| m.is_file());
        let mut head = [0u8; 4];
        let mut file = file;
        let head_len = if seekable {
            let n =
                read_head(&mut file, &mut head).map_err(io_err("read", Path::new(&description)))?;
            file.seek(SeekFrom::Start(0))
                .map_err(io_err("read", Path::new(&description)))?;
            n
        } else {
            0
        };
        let compressed = super::Compression::sniff(&head[..head_len]) != super::Compression::None;
        let file = if seekable && !compressed {
            file
        } else {
            spool(file, spool_dir)?
        };
        Ok(ArchiveReader {
            backing: index_tar(file)?,
            description,
        })
    }

    fn open_dir(path: &Path) -> Result<ArchiveReader, ArchiveError> {
        let root = File::open(path).map_err(io_err("open", path))?;
        Ok(ArchiveReader {
            backing: Backing::Dir {
                root,
                path: path.to_path_buf(),
            },
            description: path.display().to_string(),
        })
    }

    /// An archive read from an already indexed tar file (tests, and spooled input).
    pub fn from_tar_file(file: File, description: &str) -> Result<ArchiveReader, ArchiveError> {
        Ok(ArchiveReader {
            backing: index_tar(file)?,
            description: description.to_string(),
        })
    }

    pub fn is_directory(&self) -> bool {
        matches!(self.backing, Backing::Dir { .. })
    }

    /// Whether the archive holds `name` (as a file, or a link to one).
    pub fn contains(&self, name: &str) -> bool {
        match &self.backing {
            Backing::Tar { entries, .. } => entry_name(name)
                .ok()
                .and_then(|n| entries.get(&n).map(|_| ()))
                .is_some(),
            Backing::Dir { .. } => self.entry(name).is_ok(),
        }
    }

    /// The bytes of the regular file `name`, links inside the archive followed.
    pub fn entry(&self, name: &str) -> Result<EntryReader, ArchiveError> {
        let name = entry_name(name)?;
        match &self.backing {
            Backing::Tar { file, entries } => {
                let mut current = name.clone();
                for _ in 0..MAX_LINKS {
                    match entries.get(&current) {
                        None => return Err(ArchiveError::Missing { name }),
                        Some(Entry::File { offset, size }) => {
                            return Ok(EntryReader {
                                file: file.clone(),
                                pos: *offset,
                                end: offset + size,
                            });
                        }
                        Some(Entry::Symlink(to) | Entry::Hardlink(to)) => current = to.clone(),
                        Some(Entry::Directory | Entry::Other) => {
                            return Err(ArchiveError::NotRegular { name });
                        }
                    }
                }
                Err(ArchiveError::LinkLoop { name })
            }
            Backing::Dir { root, path } => open_beneath(root, path, &name),
        }
    }

    /// A small document (manifest, config, index) read whole.
    pub fn read_document(&self, name: &str) -> Result<Vec<u8>, ArchiveError> {
        let mut reader = self.entry(name)?;
        if reader.len() > DOCUMENT_LIMIT {
            return Err(ArchiveError::TooLarge {
                name: name.to_string(),
                size: reader.len(),
            });
        }
        let mut bytes = Vec::with_capacity(reader.len() as usize);
        reader
            .read_to_end(&mut bytes)
            .map_err(|source| ArchiveError::Read {
                name: name.to_string(),
                source,
            })?;
        Ok(bytes)
    }

    /// A JSON document parsed into `T`.
    pub fn read_json<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T, ArchiveError> {
        let bytes = self.read_document(name)?;
        serde_json::from_slice(&bytes).map_err(|e| ArchiveError::Invalid {
            name: name.to_string(),
            detail: e.to_string(),
        })
    }
}

fn read_head(file: &mut File, head: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Copies (and decompresses) the input into an unnamed file in `dir`: it vanishes with its
/// last descriptor, so a killed load leaves nothing behind.
fn spool(input: File, dir: &Path) -> Result<File, ArchiveError> {
    std::fs::create_dir_all(dir).map_err(io_err("create", dir))?;
    let mut spooled = unnamed_file(dir)?;
    let mut reader =
        super::decompressed(BufReader::with_capacity(1 << 20, input)).map_err(|source| {
            ArchiveError::Read {
                name: "the archive".into(),
                source,
            }
        })?;
    io::copy(&mut reader, &mut spooled).map_err(|source| ArchiveError::Read {
        name: "the archive".into(),
        source,
    })?;
    Ok(spooled)
}

pub(crate) fn unnamed_file(dir: &Path) -> Result<File, ArchiveError> {
    use rustix::fs::{Mode, OFlags};
    match rustix::fs::open(
        dir,
        OFlags::TMPFILE | OFlags::RDWR | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    ) {
        Ok(fd) => Ok(File::from(fd)),
        // A filesystem without O_TMPFILE: a named file, unlinked at once.
        Err(_) => {
            let path = dir.join(format!(".load-{}.spool", std::process::id()));
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(io_err("create", &path))?;
            let _ = std::fs::remove_file(&path);
            Ok(file)
        }
    }
}

/// Reads every header of a tar file, recording where each regular file's bytes are. Names are
/// checked here, so a hostile archive is refused before anything is read from it.
fn index_tar(mut file: File) -> Result<Backing, ArchiveError> {
    // A spooled file is positioned at its end.
    file.seek(SeekFrom::Start(0))
        .map_err(|e| ArchiveError::Tar {
            detail: e.to_string(),
        })?;
    let len = file
        .metadata()
        .map_err(|e| ArchiveError::Tar {
            detail: e.to_string(),
        })?
        .len();
    let mut entries = HashMap::new();
    {
        let mut archive = tar::Archive::new(&file);
        let iter = archive.entries_with_seek().map_err(|e| ArchiveError::Tar {
            detail: e.to_string(),
        })?;
        for entry in iter {
            let entry = entry.map_err(|e| ArchiveError::Tar {
                detail: e.to_string(),
            })?;
            let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            let name = entry_name(&raw)?;
            let kind = entry.header().entry_type();
            let record = if kind.is_file() || kind == tar::EntryType::Continuous {
                let offset = entry.raw_file_position();
                let size = entry.size();
                if offset + size > len {
                    return Err(ArchiveError::Truncated {
                        name,
                        end: offset + size,
                        len,
                    });
                }
                Entry::File { offset, size }
            } else if kind.is_symlink() || kind.is_hard_link() {
                let target = entry
                    .link_name_bytes()
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default();
                if kind.is_symlink() {
                    Entry::Symlink(link_destination(&name, &target)?)
                } else {
                    if target.starts_with('/') {
                        return Err(ArchiveError::LinkOutside { name, target });
                    }
                    let to = entry_name(&target).map_err(|_| ArchiveError::LinkOutside {
                        name: name.clone(),
                        target: target.clone(),
                    })?;
                    Entry::Hardlink(to)
                }
            } else if kind.is_dir() {
                Entry::Directory
            } else {
                Entry::Other
            };
            if name.is_empty() {
                continue;
            }
            entries.insert(name, record);
        }
    }
    Ok(Backing::Tar {
        file: Arc::new(file),
        entries,
    })
}

/// Opens `name` under the directory without leaving it: symbolic links are followed only
/// while they stay beneath it (openat2 RESOLVE_BENEATH), so a link to /etc is refused.
fn open_beneath(root: &File, root_path: &Path, name: &str) -> Result<EntryReader, ArchiveError> {
    use rustix::fs::{Mode, OFlags, ResolveFlags};
    let fd = rustix::fs::openat2(
        root,
        name,
        OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
        ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS,
    )
    .map_err(|e| match e {
        rustix::io::Errno::NOENT => ArchiveError::Missing {
            name: name.to_string(),
        },
        rustix::io::Errno::XDEV => ArchiveError::LinkOutside {
            name: name.to_string(),
            target: std::fs::read_link(root_path.join(name))
                .map(|t| t.display().to_string())
                .unwrap_or_else(|_| "a path outside the directory".into()),
        },
        e => ArchiveError::Io {
            action: "open",
            path: root_path.join(name),
            source: e.into(),
        },
    })?;
    let file = File::from(fd);
    let meta = file
        .metadata()
        .map_err(io_err("read", &root_path.join(name)))?;
    if !meta.is_file() {
        return Err(ArchiveError::NotRegular {
            name: name.to_string(),
        });
    }
    Ok(EntryReader {
        file: Arc::new(file),
        pos: 0,
        end: meta.len(),
    })
}
