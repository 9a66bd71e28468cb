//! A response sent before its request's body was read to the end closes the connection, and says
//! so (`Connection: close`).
//!
//! A handler may answer without reading the body: a bad path, a refused role, a body over its
//! limit. hyper then closes the connection once the response is sent, unless what is left of the
//! body happened to arrive with the head, but the response itself looked kept-alive. A client
//! could send its next request on that connection and see it fail: a POST is not retried, so a
//! person's next form post would end in a browser error. Saying `Connection: close` makes the
//! client open a new connection instead.

use std::{
    pin::Pin,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    task::{Context, Poll},
};

use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use http_body::{Frame, SizeHint};

pub async fn close_when_unread(req: Request, next: Next) -> Response {
    // A request without a body (a GET, `Content-Length: 0`) has nothing left to read.
    let empty = http_body::Body::is_end_stream(req.body());
    let read = Arc::new(AtomicBool::new(empty));
    let req = req.map(|body| {
        Body::new(Watched {
            inner: body,
            read: Arc::clone(&read),
        })
    });
    let mut response = next.run(req).await;
    if !read.load(Ordering::Acquire) {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// A request body that notes when it has been read to its end (at once when it is empty).
struct Watched {
    inner: Body,
    read: Arc<AtomicBool>,
}

impl http_body::Body for Watched {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(polled, Poll::Ready(None)) || self.inner.is_end_stream() {
            self.read.store(true, Ordering::Release);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        let end = self.inner.is_end_stream();
        if end {
            self.read.store(true, Ordering::Release);
        }
        end
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
