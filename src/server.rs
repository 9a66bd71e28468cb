//! The HTTP server: the accept loop behind `serve`, with a cap on the connections open at once
//! and limits on how long a client may hold one without sending a request.
//!
//! `axum::serve` has neither: it gives hyper no timer, so hyper's header-read timeout never runs,
//! and it accepts every connection. A client could open sockets and send nothing, or half a
//! request head, until the process ran out of them. Here each connection goes through three
//! phases, each with its deadline:
//!
//! - reading a request head: [`HEADER_READ_TIMEOUT`] from the connection's accept (first
//!   request) or from the first byte of the head (later requests);
//! - handling the request and sending the response: no deadline here (the application's
//!   `REQUEST_TIMEOUT` bounds the handler);
//! - waiting, kept alive, for the next request: [`KEEP_ALIVE_IDLE_TIMEOUT`], cut short when all
//!   [`MAX_CONNECTIONS`] slots are taken, so that idle connections make room for new clients.
//!
//! A connection past its deadline is closed (its socket read fails, hyper drops it).
//!
//! When every slot is taken, the next connection is accepted but not served until a slot frees,
//! and the ones after it wait in the kernel's listen queue: clients wait rather than being
//! refused. A slot frees at once when some connection is idle (it is closed), else within
//! [`HEADER_READ_TIMEOUT`] of the oldest connection that has not sent its request, or when a
//! request in progress ends (the application's `REQUEST_TIMEOUT` bounds its handler; sending the
//! response to a client that does not read it has no deadline yet). So sockets that send nothing,
//! or half a request, delay a real client by at most [`HEADER_READ_TIMEOUT`].

use std::{
    convert::Infallible,
    future::Future,
    io,
    net::SocketAddr,
    pin::Pin,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};

use axum::{Router, body::Body, extract::ConnectInfo};
use hyper::{
    Request, Response,
    body::{Bytes, Frame, Incoming, SizeHint},
    server::conn::http1,
};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::{TcpListener, TcpStream},
    sync::{Notify, OwnedSemaphorePermit, Semaphore, futures::OwnedNotified},
    time::{Instant, Sleep},
};
use tower::ServiceExt as _;

/// How long a client may take to send a whole request head. A browser sends it in one packet,
/// within a round trip; ten seconds covers a very bad mobile link, and a client slower than that
/// is holding a socket, not sending a request.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a kept-alive connection may wait for its next request. Longer than the 60 s after
/// which common load balancers and proxies drop their own idle connections to a backend, so that
/// they, not we, close an idle connection (a request they send on a connection we are closing
/// would fail); browsers reconnect transparently. An idle connection holds one of the
/// [`MAX_CONNECTIONS`] slots, so it gives it up at once when all are taken.
pub const KEEP_ALIVE_IDLE_TIMEOUT: Duration = Duration::from_secs(75);

/// Connections open at once. Each costs a file descriptor, and so may a static file it is being
/// sent: 512 leaves half of the usual soft limit of 1024 open files for those, the database pool
/// and the logs. One instance serves a ministry: a few hundred people, a few connections each.
pub const MAX_CONNECTIONS: usize = 512;

/// How long to pause after a failed accept (out of file descriptors, say) before the next one,
/// rather than spinning.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(100);

/// The limits of a server; production uses the constants above ([`Limits::default`]), tests
/// may shorten them to see them act.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_read: Duration,
    pub keep_alive_idle: Duration,
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read: HEADER_READ_TIMEOUT,
            keep_alive_idle: KEEP_ALIVE_IDLE_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting and waits for the
/// open connections to finish their requests. Handlers see the client's address as
/// `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Slots {
        free: Arc::new(Semaphore::new(limits.max_connections)),
        waiting: AtomicBool::new(false),
        wanted: Arc::new(Notify::new()),
    });
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    // Our own deadlines (see `Watched`) are the shorter ones; hyper's timer only bounds the
    // whole wait for a head, as a second line.
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read + limits.keep_alive_idle)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    tracing::warn!(error = %err, "could not accept a connection");
                    tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Accepted first, so that idle connections give their slot up only when a client
        // really waits; the others wait in the kernel's listen queue meanwhile.
        let permit = tokio::select! {
            permit = slots.take() => permit,
            () = &mut shutdown => break,
        };
        // Nagle's algorithm would hold a response's last small packet back for an acknowledgement.
        let _ = stream.set_nodelay(true);
        let phase = Arc::new(Mutex::new(Phase::Head(Instant::now())));
        let io = Watched::new(stream, Arc::clone(&phase), limits, Arc::clone(&slots));
        let service = Connection {
            app: app.clone(),
            remote,
            phase,
        };
        let connection = graceful.watch(http.serve_connection(TokioIo::new(io), service));
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, %remote, "connection ended");
            }
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// The connection slots, and whether an accepted connection is waiting for one.
struct Slots {
    free: Arc<Semaphore>,
    waiting: AtomicBool,
    /// Notified when a connection starts waiting: idle connections then close.
    wanted: Arc<Notify>,
}

impl Slots {
    /// A free slot; when there is none, asks idle connections to give theirs up and waits.
    async fn take(&self) -> OwnedSemaphorePermit {
        if let Ok(permit) = Arc::clone(&self.free).try_acquire_owned() {
            return permit;
        }
        self.waiting.store(true, Ordering::SeqCst);
        self.wanted.notify_waiters();
        let permit = Arc::clone(&self.free)
            .acquire_owned()
            .await
            .expect("the connection semaphore is never closed");
        self.waiting.store(false, Ordering::SeqCst);
        permit
    }
}

/// What a connection is doing, and since when, for its deadline.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Reading a request head, since its first byte (or the accept, for the first request).
    Head(Instant),
    /// Handling a request and sending its response.
    Busy,
    /// Kept alive, waiting for the next request, since the last response was sent.
    Idle(Instant),
}

fn set(phase: &Mutex<Phase>, to: Phase) {
    *phase.lock().expect("connection phase lock") = to;
}

/// A client's socket, whose reads fail once its phase's deadline has passed.
struct Watched {
    stream: TcpStream,
    phase: Arc<Mutex<Phase>>,
    limits: Limits,
    slots: Arc<Slots>,
    /// Registered while idle, to learn that a connection waits for a slot.
    wanted: Pin<Box<OwnedNotified>>,
    timer: Pin<Box<Sleep>>,
}

impl Watched {
    fn new(
        stream: TcpStream,
        phase: Arc<Mutex<Phase>>,
        limits: Limits,
        slots: Arc<Slots>,
    ) -> Watched {
        Watched {
            stream,
            phase,
            limits,
            wanted: Box::pin(Arc::clone(&slots.wanted).notified_owned()),
            slots,
            timer: Box::pin(tokio::time::sleep(Duration::ZERO)),
        }
    }

    /// Whether the connection must be closed now, rather than wait for more bytes; otherwise
    /// arranges to be woken at its deadline.
    fn must_close(&mut self, cx: &mut Context<'_>) -> bool {
        let phase = *self.phase.lock().expect("connection phase lock");
        let deadline = match phase {
            Phase::Busy => return false,
            Phase::Head(since) => since + self.limits.header_read,
            Phase::Idle(since) => {
                // Polled first, so that it is registered before the flag is read: a connection
                // that starts waiting after the read still wakes this one.
                let woken = self.wanted.as_mut().poll(cx).is_ready();
                if woken || self.slots.waiting.load(Ordering::SeqCst) {
                    self.wanted = Box::pin(Arc::clone(&self.slots.wanted).notified_owned());
                    return true;
                }
                since + self.limits.keep_alive_idle
            }
        };
        if self.timer.deadline() != deadline {
            self.timer.as_mut().reset(deadline);
        }
        self.timer.as_mut().poll(cx).is_ready()
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    let mut phase = this.phase.lock().expect("connection phase lock");
                    if let Phase::Idle(_) = *phase {
                        // The first byte of the next request: its head has its own deadline.
                        *phase = Phase::Head(Instant::now());
                    }
                }
                Poll::Ready(Ok(()))
            }
            Poll::Pending if this.must_close(cx) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client sent no request in time",
            ))),
            other => other,
        }
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// The application, as one connection's hyper service: it gives handlers the client's address
/// and keeps the connection's phase.
#[derive(Clone)]
struct Connection {
    app: Router,
    remote: SocketAddr,
    phase: Arc<Mutex<Phase>>,
}

impl hyper::service::Service<Request<Incoming>> for Connection {
    type Response = Response<Tracked>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Tracked>, Infallible>> + Send>>;

    fn call(&self, mut req: Request<Incoming>) -> Self::Future {
        set(&self.phase, Phase::Busy);
        req.extensions_mut().insert(ConnectInfo(self.remote));
        let app = self.app.clone();
        let phase = Arc::clone(&self.phase);
        Box::pin(async move {
            let response = app
                .oneshot(req.map(Body::new))
                .await
                .unwrap_or_else(|never| match never {});
            Ok(response.map(|body| Tracked { body, phase }))
        })
    }
}

/// A response body that marks its connection idle once it has been sent (or dropped).
struct Tracked {
    body: Body,
    phase: Arc<Mutex<Phase>>,
}

impl hyper::body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        set(&self.phase, Phase::Idle(Instant::now()));
    }
}
