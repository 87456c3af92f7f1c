//! The preview's HTTP side: hyper's HTTP/1 server on one thread, on 127.0.0.1 only, answering
//! files of the preview folder ([`files`](super::files)) and the reload script's long poll.
//!
//! Guarantees, so that neither a web page nor a stuck client can harm the preview:
//! - Only requests addressed to the preview by a loopback name are answered; others get 403
//!   and no page ([`host`](super::host)).
//! - Threads are bounded: one thread runs every connection (a current-thread tokio runtime;
//!   waiting on an idle connection, or in a long poll, holds no thread), and files are read on
//!   at most [`FILE_THREADS`] more; more requests wait their turn.
//! - Every connection must send a complete request head within [`HEAD_TIMEOUT`], idle
//!   keep-alive connections included, or it is closed; a head is at most [`MAX_HEAD`] bytes and
//!   [`MAX_HEADERS`] fields (hyper answers 431). At most [`MAX_CONNECTIONS`] are open at once
//!   (more wait to be accepted); that is more than a browser opens to one site.
//! - Only GET and HEAD; every answer is `Cache-Control: no-store`.

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::anyhow;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, ALLOW, CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};

use super::files::{self, Reply};
use super::Shared;

/// How long a reload poll waits for a new build before answering with the current number.
const POLL_WAIT: Duration = Duration::from_secs(25);

/// How long a connection may take to send a request head (from opening it, or from the end
/// of its previous answer). A browser sends its head at once; it reconnects when it finds a
/// kept-alive connection closed.
pub(crate) const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest request head (request line and headers) in bytes. Generous: cookies are shared
/// by every port of `localhost`, so other local tools' cookies come along.
pub(crate) const MAX_HEAD: usize = 32 * 1024;

/// The most header fields in a request head; a browser sends about 15.
pub(crate) const MAX_HEADERS: usize = 64;

/// Connections open at once. A browser opens at most six to one site; Chromium at most 256 in
/// all. Well below the usual limit of 1,024 open files per process.
pub(crate) const MAX_CONNECTIONS: usize = 512;

/// Threads that read files and make pages, besides the one running the connections.
pub(crate) const FILE_THREADS: usize = 4;

/// How long to wait before accepting again after accepting failed (out of open files, say),
/// rather than trying again at once in a busy loop.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// The bound server; [`Server::run`] answers requests until the process ends.
pub(crate) struct Server {
    listener: TcpListener,
    context: Arc<Context>,
}

/// What answering a request needs.
struct Context {
    root: PathBuf,
    port: u16,
    shared: Arc<Shared>,
}

type Answer = Response<Full<Bytes>>;

impl Server {
    /// Binds 127.0.0.1:`port` (0: a free port chosen by the system).
    pub(crate) fn bind(port: u16, root: &Path, shared: Arc<Shared>) -> anyhow::Result<Server> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let cannot_listen = |e: std::io::Error| anyhow!(crate::t!("serve.cannot_listen", address = address, error = e));
        let listener = TcpListener::bind(address).map_err(cannot_listen)?;
        listener.set_nonblocking(true).map_err(cannot_listen)?;
        let port = listener.local_addr().map_err(cannot_listen)?.port();
        Ok(Server {
            listener,
            context: Arc::new(Context {
                root: root.to_path_buf(),
                port,
                shared,
            }),
        })
    }

    /// `http://127.0.0.1:<port>/`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}:{}/", Ipv4Addr::LOCALHOST, self.context.port)
    }

    /// Answers requests on the calling thread until the process ends; returns only when the
    /// runtime cannot be started.
    pub(crate) fn run(self) -> anyhow::Result<()> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .max_blocking_threads(FILE_THREADS)
            .thread_name("preview-files")
            .build()?;
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            accept(listener, self.context).await;
            Ok::<_, std::io::Error>(())
        })?;
        Ok(())
    }
}

/// Accepts connections while fewer than [`MAX_CONNECTIONS`] are open, each on a task of its own.
async fn accept(listener: tokio::net::TcpListener, context: Arc<Context>) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return; // the semaphore is never closed
        };
        match listener.accept().await {
            Ok((stream, _)) => {
                let context = context.clone();
                tokio::spawn(async move {
                    connection(stream, context).await;
                    drop(slot);
                });
            }
            Err(_) => tokio::time::sleep(ACCEPT_PAUSE).await,
        }
    }
}

/// Serves the requests of one connection until it closes, times out or breaks the limits.
async fn connection(stream: tokio::net::TcpStream, context: Arc<Context>) {
    let service = hyper::service::service_fn(move |request| {
        let context = context.clone();
        async move { Ok::<_, Infallible>(answer(request, &context).await) }
    });
    // An error here is the client's (it went away, timed out, sent too much): hyper has
    // answered it where HTTP allows, and there is nobody else to tell.
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD)
        .max_header_size(MAX_HEAD)
        .max_headers(MAX_HEADERS)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

async fn answer(request: Request<Incoming>, context: &Context) -> Answer {
    if !super::host::is_addressed_to_us(request.headers(), request.uri(), context.port) {
        let hosts = ["127.0.0.1", "localhost", "[::1]"].map(|name| format!("http://{name}:{}/", context.port));
        return response(Reply::text(
            403,
            crate::t!("serve.wrong_host", hosts = hosts.join(", ")),
        ));
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut answer = response(Reply::text(405, crate::t!("serve.method_not_allowed")));
        answer
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return answer;
    }
    let path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or("").to_string();
    let reply = if path == "/__griffie/version" {
        version(&query, context).await
    } else {
        let (root, shared) = (context.root.clone(), context.shared.clone());
        tokio::task::spawn_blocking(move || files::answer(&path, &root, &shared))
            .await
            .unwrap_or_else(|_| Reply::text(500, crate::t!("serve.internal_error")))
    };
    response(reply)
}

/// The long poll of the reload script: the new build number when the page must reload, or
/// `=N` when builds happened that didn't write its file (it goes on waiting from `N`).
async fn version(query: &str, context: &Context) -> Reply {
    let value = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
    };
    let since = value("since").and_then(|v| v.parse::<u64>().ok());
    let shared = &context.shared;
    let body = match since {
        Some(seen) => {
            let (page, root) = (value("page").map(str::to_string), context.root.clone());
            let file = tokio::task::spawn_blocking(move || files::served_file(&page?, &root))
                .await
                .ok()
                .flatten();
            let change = shared.wait_for_change(seen, file.as_deref(), POLL_WAIT).await;
            match change.reload {
                true => change.version.to_string(),
                false => format!("={}", change.version),
            }
        }
        None => shared.snapshot().0.to_string(),
    };
    Reply {
        status: 200,
        content_type: files::TEXT,
        body: body.into_bytes(),
        location: None,
    }
}

/// The HTTP response of a [`Reply`].
fn response(reply: Reply) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(reply.body)));
    *answer.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = answer.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // A location is made of percent-encoded segments (`files::folder_location`), always valid.
    if let Some(location) = reply.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        headers.insert(LOCATION, location);
    }
    answer
}
