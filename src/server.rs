//! The HTTP server: limits on connections and how long a client may take to send a request.

use std::time::Duration;

/// How long a client may take to send a whole request head. A browser sends it in one packet;
/// ten seconds covers a very bad mobile link, and a client slower than that is holding a socket.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
