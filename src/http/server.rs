//! Serving connections: HTTP/1 with a deadline for the request head, a cap
//! on the connections served at once, and graceful shutdown.
//!
//! `axum::serve` sets no timer, so a client that opens a connection and
//! never finishes its request head holds it, and a task, for good: a few
//! thousand of them use up the process's file descriptors (slowloris).
//! Here the head must arrive within [`HEADER_READ_TIMEOUT`] (which also
//! ends a keep-alive connection idle that long), and at most
//! `max_connections` are served at once; more wait in the listen backlog
//! until one closes.

use std::future::Future;
use std::num::NonZeroUsize;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::serve::Listener;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How long a client may take to send a request head. Browsers and HTTP
/// clients send it in one go; only a stalled or hostile client needs more.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// The default of `ROPA_MAX_CONNECTIONS`. Each connection holds a file
/// descriptor: the process's limit (`ulimit -n`) must leave room for them
/// besides the database pool.
pub const MAX_CONNECTIONS: NonZeroUsize = NonZeroUsize::new(1024).unwrap();

/// What one server allows its clients.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub header_read_timeout: Duration,
    pub max_connections: NonZeroUsize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: HEADER_READ_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then stops
/// accepting, lets the requests in flight finish and returns.
pub async fn serve(
    mut listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.get()));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = accept(&mut listener, &permits) => accepted,
            () = &mut shutdown => break,
        };
        let Some((stream, permit)) = accepted else {
            break;
        };
        let service = TowerToHyperService::new(router.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// The next connection, once fewer than the maximum are open; `None` when
/// the permits are gone (they never are: the semaphore is not closed).
/// Accept errors (a connection reset before it was accepted, no file
/// descriptor left) are handled by axum's listener, which logs and retries.
async fn accept(
    listener: &mut TcpListener,
    permits: &Arc<Semaphore>,
) -> Option<(TcpStream, OwnedSemaphorePermit)> {
    let permit = permits.clone().acquire_owned().await.ok()?;
    // The trait's accept, not TcpListener's own: it retries on errors.
    let (stream, _) = Listener::accept(listener).await;
    Some((stream, permit))
}
