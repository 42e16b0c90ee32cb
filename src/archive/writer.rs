//! Writing an archive: a tar file staged under a temporary name beside its destination and
//! renamed at the end (a failed save leaves no file), a tar stream to stdout, or a directory
//! staged and renamed likewise.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use super::{ArchiveError, io_err};

pub enum OutputKind {
    TarFile(PathBuf),
    Stdout,
    Directory(PathBuf),
}

enum Sink {
    Tar(tar::Builder<Box<dyn Write>>),
    Dir,
}

pub struct ArchiveWriter {
    sink: Option<Sink>,
    /// (staged, destination) for output that is renamed into place.
    staged: Option<(PathBuf, PathBuf)>,
    written: HashSet<String>,
}

fn staging_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "archive".into());
    dest.with_file_name(format!(".{name}.{}.partial", std::process::id()))
}

fn write_err(e: io::Error) -> ArchiveError {
    ArchiveError::Write {
        detail: e.to_string(),
    }
}

impl ArchiveWriter {
    pub fn create(kind: OutputKind) -> Result<ArchiveWriter, ArchiveError> {
        let (sink, staged) = match kind {
            OutputKind::Stdout => {
                let out: Box<dyn Write> = Box::new(BufWriter::with_capacity(1 << 20, io::stdout()));
                (Sink::Tar(tar::Builder::new(out)), None)
            }
            OutputKind::TarFile(dest) => {
                let staged = staging_path(&dest);
                let file = File::create(&staged).map_err(io_err("create", &staged))?;
                let out: Box<dyn Write> = Box::new(BufWriter::with_capacity(1 << 20, file));
                (Sink::Tar(tar::Builder::new(out)), Some((staged, dest)))
            }
            OutputKind::Directory(dest) => {
                if fs::read_dir(&dest).is_ok_and(|mut d| d.next().is_some()) {
                    return Err(ArchiveError::Write {
                        detail: format!(
                            "directory {} exists and is not empty; remove it or name another",
                            dest.display()
                        ),
                    });
                }
                let staged = staging_path(&dest);
                fs::create_dir(&staged).map_err(io_err("create", &staged))?;
                (Sink::Dir, Some((staged, dest)))
            }
        };
        Ok(ArchiveWriter {
            sink: Some(sink),
            staged,
            written: HashSet::new(),
        })
    }

    /// Whether `name` was written already (blobs shared by several images go once).
    pub fn has(&self, name: &str) -> bool {
        self.written.contains(name)
    }

    /// Adds a file of exactly `size` bytes read from `reader`; a reader that gives fewer or
    /// more is an error (the archive would be corrupt).
    pub fn add(&mut self, name: &str, size: u64, reader: impl Read) -> Result<(), ArchiveError> {
        let mut exact = ExactReader {
            inner: reader,
            left: size,
            name,
        };
        match self.sink.as_mut().expect("writer not finished") {
            Sink::Tar(builder) => {
                let mut header = tar::Header::new_ustar();
                header.set_size(size);
                header.set_mode(0o444);
                header.set_mtime(0);
                header.set_uid(0);
                header.set_gid(0);
                header.set_entry_type(tar::EntryType::Regular);
                builder
                    .append_data(&mut header, name, &mut exact)
                    .map_err(write_err)?;
            }
            Sink::Dir => {
                let (staged, _) = self.staged.as_ref().expect("a directory is staged");
                let path = staged.join(name);
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).map_err(io_err("create", parent))?;
                }
                let mut file = File::create(&path).map_err(io_err("create", &path))?;
                io::copy(&mut exact, &mut file).map_err(write_err)?;
            }
        }
        exact.check_end()?;
        self.written.insert(name.to_string());
        Ok(())
    }

    pub fn add_bytes(&mut self, name: &str, bytes: &[u8]) -> Result<(), ArchiveError> {
        self.add(name, bytes.len() as u64, bytes)
    }

    /// Completes the archive and puts it in place.
    pub fn finish(mut self) -> Result<(), ArchiveError> {
        match self.sink.take().expect("writer not finished") {
            Sink::Tar(builder) => {
                let mut out = builder.into_inner().map_err(write_err)?;
                out.flush().map_err(write_err)?;
            }
            Sink::Dir => {}
        }
        if let Some((staged, dest)) = self.staged.take() {
            if staged.is_dir() {
                // An empty directory named as the destination is replaced.
                let _ = fs::remove_dir(&dest);
            } else if let Ok(file) = File::open(&staged) {
                file.sync_all().map_err(io_err("sync", &staged))?;
            }
            if let Err(e) = fs::rename(&staged, &dest) {
                self.staged = Some((staged, dest.clone()));
                return Err(io_err("rename into", &dest)(e));
            }
        }
        Ok(())
    }
}

impl Drop for ArchiveWriter {
    fn drop(&mut self) {
        if let Some((staged, _)) = self.staged.take() {
            let _ = if staged.is_dir() {
                fs::remove_dir_all(&staged)
            } else {
                fs::remove_file(&staged)
            };
        }
    }
}

/// Gives exactly `left` bytes of `inner`, failing if it has fewer.
struct ExactReader<'a, R> {
    inner: R,
    left: u64,
    name: &'a str,
}

impl<R: Read> Read for ExactReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Ok(0);
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{} ended {} bytes early", self.name, self.left),
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

impl<R: Read> ExactReader<'_, R> {
    fn check_end(&mut self) -> Result<(), ArchiveError> {
        let mut extra = [0u8; 1];
        match self.inner.read(&mut extra) {
            Ok(0) => Ok(()),
            Ok(_) => Err(ArchiveError::Write {
                detail: format!("{} is longer than recorded", self.name),
            }),
            Err(e) => Err(write_err(e)),
        }
    }
}
