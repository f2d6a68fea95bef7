//! One writer per data directory. Two crawls appending to the same archive file would each
//! believe they know where the file ends, so their catalogue offsets would point into each other's
//! records; a second writer is therefore refused, with the pid of the first so a cron user can
//! see which job still runs.
//!
//! The lock is an OS file lock (`File::try_lock`) on `DATA_DIR/.lock`: it disappears with the
//! process, also after `kill -9` or a power loss, so there is never a stale lock to clean up.
//! The file itself stays; its content (the pid) only informs the error message.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Held for as long as the process writes to the data directory; dropping it releases the lock.
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it.
    Busy { dir: PathBuf, pid: Option<u32> },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Busy { dir, pid } => {
                let pid = pid.map_or_else(|| "unknown".to_string(), |p| p.to_string());
                write!(
                    f,
                    "{} is in use by another warta process (pid {pid})",
                    dir.display()
                )
            }
            LockError::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for LockError {}

/// Takes the data directory's lock without waiting, creating the directory if needed.
pub fn acquire(dir: &Path) -> Result<DataDirLock, LockError> {
    let path = dir.join(".lock");
    let io = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|source| LockError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(LockError::Busy {
                dir: dir.to_path_buf(),
                pid: holder_pid(&path),
            });
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
    }
    file.set_len(0).map_err(io)?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    writeln!(file, "{}", std::process::id()).map_err(io)?;
    file.flush().map_err(io)?;
    Ok(DataDirLock { _file: file })
}

/// The pid the holder wrote. It may be caught between taking the lock and writing its pid, so
/// an empty file is read again a few times before giving up.
fn holder_pid(path: &Path) -> Option<u32> {
    for _ in 0..10 {
        let mut text = String::new();
        if let Ok(mut f) = File::open(path)
            && f.read_to_string(&mut text).is_ok()
            && let Ok(pid) = text.trim().parse()
        {
            return Some(pid);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_with_the_first_pid_until_it_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let first = acquire(&data).unwrap();
        let err = acquire(&data).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} is in use by another warta process (pid {})",
                data.display(),
                std::process::id()
            )
        );
        drop(first);
        let again = acquire(&data).unwrap();
        drop(again);
    }
}
