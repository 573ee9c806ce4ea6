//! Where a workspace's session is published: `$XDG_RUNTIME_DIR/adder/` (else
//! `/tmp/adder-$UID/`), a directory of mode 0700 owned by the user, holding one socket per
//! workspace root, named from the root (`NAME-HASH.sock`: the directory's name for people,
//! a hash of the whole path so two `src/` folders do not collide). A REPL finds the server
//! for where it stands by walking up to the nearest directory that has a socket.

use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The per-user directory of sockets (not created here).
pub fn runtime_dir() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir).join("adder"),
        None => std::env::temp_dir().join(format!("adder-{}", crate::peer::own_uid())),
    }
}

/// Creates `dir` if needed and makes sure it is ours and private (0700); a directory of
/// someone else's is refused.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let meta = fs::symlink_metadata(dir)?;
    if !meta.is_dir() || meta.uid() != crate::peer::own_uid() {
        return Err(io::Error::other(format!(
            "{} is not a directory of this user",
            dir.display()
        )));
    }
    if meta.mode() & 0o777 != 0o700 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// A workspace root as the socket name sees it: absolute, symbolic links resolved.
pub fn canonical(root: &Path) -> PathBuf {
    fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// The socket's file name for a (canonical) workspace root.
pub fn socket_name(root: &Path) -> String {
    // FNV-1a: stable across builds and platforms (std's hasher is not).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in root.as_os_str().as_encoded_bytes() {
        hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    let name: String = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(24)
        .collect();
    let name = if name.is_empty() { "root".into() } else { name };
    format!("{name}-{hash:016x}.sock")
}

/// The socket of the session serving workspace `root`.
pub fn socket_for(root: &Path) -> PathBuf {
    runtime_dir().join(socket_name(&canonical(root)))
}

/// The socket of the nearest workspace at or above `dir` that has one.
pub fn find_from(dir: &Path) -> Option<PathBuf> {
    let dir = canonical(dir);
    dir.ancestors()
        .map(socket_for)
        .find(|socket| socket.exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stable_readable_and_distinct() {
        let a = socket_name(Path::new("/home/u/proj/src"));
        let b = socket_name(Path::new("/home/u/other/src"));
        assert!(a.starts_with("src-") && a.ends_with(".sock"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, socket_name(Path::new("/home/u/proj/src")));
        assert!(socket_name(Path::new("/")).starts_with("root-"));
        // Unix socket paths are short (108 bytes): the name stays bounded.
        assert!(socket_name(Path::new(&"/x".repeat(200))).len() < 48);
    }
}
