//! Who is on the other end of a connection: the kernel's credentials (`SO_PEERCRED`), and
//! the rule that only the user running the server may attach. The directory is private
//! already; this is the second lock, and it holds even if the socket was passed along.

use std::io;
use std::os::unix::io::AsRawFd;
use std::os::unix::net::UnixStream;

/// The effective uid of this process.
pub fn own_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// The uid of the process that connected `stream` (its credentials at `connect`).
pub fn peer_uid(stream: &UnixStream) -> io::Result<u32> {
    let mut cred = libc::ucred {
        pid: 0,
        uid: u32::MAX,
        gid: u32::MAX,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: a live socket descriptor, a properly sized out-buffer and its length.
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(cred.uid)
}

/// Whether a peer with uid `peer` may attach to a server running as `own`.
pub fn check(peer: u32, own: u32) -> Result<(), String> {
    if peer == own {
        Ok(())
    } else {
        Err(format!(
            "refused: the peer runs as uid {peer}, this server as uid {own}"
        ))
    }
}

/// The check for a connection: its peer's uid against ours.
pub fn check_stream(stream: &UnixStream) -> Result<(), String> {
    let peer = peer_uid(stream).map_err(|e| format!("refused: no peer credentials ({e})"))?;
    check(peer, own_uid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_uid_is_refused() {
        let me = own_uid();
        assert_eq!(check(me, me), Ok(()));
        let other = me.wrapping_add(1);
        let refused = check(other, me);
        assert!(refused.is_err());
        assert!(refused.unwrap_err().contains(&format!("uid {other}")));
        assert!(check(0, 1000).is_err(), "not even root");
    }

    #[test]
    fn a_real_connection_reports_our_uid() {
        let (a, _b) = UnixStream::pair().expect("socketpair");
        assert_eq!(peer_uid(&a).ok(), Some(own_uid()));
        assert_eq!(check_stream(&a), Ok(()));
    }
}
