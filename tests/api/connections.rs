//! The server's connection handling, over raw TCP: a request head that
//! never ends is cut off, connections beyond the cap wait their turn, and
//! shutdown lets go of idle connections.

use std::num::NonZeroUsize;
use std::time::Duration;

use ropa::http::server::{self, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use crate::common::TestApp;

/// Far more than any deadline of the server: only a server that never
/// lets go of a connection runs into it.
const GENEROUS: Duration = Duration::from_secs(60);

async fn connect(url: &str) -> TcpStream {
    let address = url.trim_start_matches("http://");
    TcpStream::connect(address)
        .await
        .expect("the server accepts connections")
}

/// Sends `GET /healthz` on a kept-alive connection and reads the answer.
async fn health(stream: &mut TcpStream) -> String {
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: ropa\r\n\r\n")
        .await
        .expect("the request is sent");
    read_response(stream).await
}

/// One response: its head, then as many bytes as its `Content-Length`.
async fn read_response(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&received).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            if body.len() >= content_length(head) {
                return text;
            }
        }
        let read = stream
            .read(&mut buffer)
            .await
            .expect("the response is read");
        assert!(read > 0, "the connection closed mid-response: {text}");
        received.extend_from_slice(&buffer[..read]);
    }
}

fn content_length(head: &str) -> usize {
    head.lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0)
}

/// Reads until the server closes the connection; what it sent on the way
/// (perhaps nothing) is returned. A reset counts as closed.
async fn until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut received = Vec::new();
    let closing = async {
        let mut buffer = [0u8; 1024];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(read) => received.extend_from_slice(&buffer[..read]),
            }
        }
    };
    timeout(GENEROUS, closing)
        .await
        .expect("the server closes the connection");
    received
}

#[tokio::test]
async fn a_request_head_that_never_ends_is_cut_off() {
    let app = TestApp::start().await;
    let mut stalled = connect(&app.url).await;
    stalled
        .write_all(b"GET /healthz HT")
        .await
        .expect("half a request line is sent");
    let mut silent = connect(&app.url).await;

    let answered = until_closed(&mut stalled).await;
    assert!(
        !String::from_utf8_lossy(&answered).contains("200 OK"),
        "half a request is not served"
    );
    until_closed(&mut silent).await;

    let mut fresh = connect(&app.url).await;
    let response = health(&mut fresh).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_until_one_closes() {
    let app = TestApp::start_limited(Limits {
        max_connections: NonZeroUsize::new(2).unwrap(),
        // Longer than the test, so the two kept-alive connections stay open.
        header_read_timeout: GENEROUS * 2,
    })
    .await;
    let mut first = connect(&app.url).await;
    let mut second = connect(&app.url).await;
    for stream in [&mut first, &mut second] {
        let response = health(stream).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    }

    let mut third = connect(&app.url).await;
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: ropa\r\n\r\n")
        .await
        .expect("the request is sent");
    let mut byte = [0u8; 1];
    let early = timeout(Duration::from_millis(500), third.read(&mut byte)).await;
    assert!(
        early.is_err(),
        "a third connection is not served while two are open"
    );

    drop(first);
    let response = timeout(GENEROUS, read_response(&mut third))
        .await
        .expect("the waiting connection is served once another closes");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let response = health(&mut second).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

#[tokio::test]
async fn shutdown_closes_idle_connections_and_returns() {
    let app = TestApp::start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port is free");
    let url = format!("http://{}", listener.local_addr().expect("bound"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server::serve(
        listener,
        app.app.router(),
        Limits::default(),
        async {
            let _ = stopped.await;
        },
    ));
    let mut idle = connect(&url).await;
    let response = health(&mut idle).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");

    stop.send(()).expect("the server listens for shutdown");
    timeout(GENEROUS, serving)
        .await
        .expect("the server returns after shutdown")
        .expect("the server task ends cleanly");
    until_closed(&mut idle).await;
    let refused = TcpStream::connect(url.trim_start_matches("http://")).await;
    assert!(refused.is_err(), "no connection is accepted after shutdown");
}
