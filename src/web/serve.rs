//! `parkscope serve`: the viewer's folder over HTTP/1.1 on 127.0.0.1, with single
//! byte-range requests (RFC 9110 §14) so the PMTiles reader fetches only the tiles it
//! draws. GET and HEAD only; paths outside the folder are refused.
//!
//! One thread per connection, requests parsed by `httparse`, keep-alive with an idle
//! timeout. (tiny_http, used before, hands connections to a pool that can leave one
//! queued behind four kept-alive ones: a browser opening six connections at once to a
//! server just started waited for ever, one first page load in four.)

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, Result};

/// A running server of one folder.
pub struct Server {
    listener: TcpListener,
    root: Arc<PathBuf>,
    stopping: AtomicBool,
}

/// A connection that sends nothing for this long is closed (browsers open spare ones).
const IDLE: Duration = Duration::from_secs(20);

/// The most a request's line and headers may take.
const MAX_HEAD: usize = 16 * 1024;

impl Server {
    /// Listens on 127.0.0.1:`port` (0: any free port) for the files of `root`.
    ///
    /// # Errors
    /// `root` is not a folder; the port cannot be bound.
    pub fn bind(root: &Path, port: u16) -> Result<Server> {
        if !root.is_dir() {
            return Err(Error::invalid(
                "DIR",
                root.display().to_string(),
                "not a folder (give the folder parkscope web wrote)",
            ));
        }
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            Error::invalid(
                "port",
                port.to_string(),
                format!("cannot listen on 127.0.0.1: {e}"),
            )
        })?;
        Ok(Server {
            listener,
            root: Arc::new(root.to_path_buf()),
            stopping: AtomicBool::new(false),
        })
    }

    /// The address listened on.
    pub fn addr(&self) -> Option<SocketAddr> {
        self.listener.local_addr().ok()
    }

    /// Answers requests until [`Server::stop`] is called; each connection on its own
    /// thread, which ends when the client hangs up or stays idle.
    pub fn run(&self) {
        for stream in self.listener.incoming() {
            if self.stopping.load(Ordering::SeqCst) {
                break;
            }
            let Ok(stream) = stream else { continue };
            let root = Arc::clone(&self.root);
            // A client that hangs up mid-answer is no error of the server's.
            std::thread::spawn(move || {
                let _ = connection(&root, stream);
            });
        }
    }

    /// Makes [`Server::run`] return (connections already open finish on their own).
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        if let Some(addr) = self.addr() {
            // Wakes the accept loop, which then sees `stopping`.
            let _ = TcpStream::connect(addr);
        }
    }
}

/// One answer: status, headers and the body's byte range of a file (or none).
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Option<(File, u64, u64)>,
}

impl Answer {
    fn empty(status: u16) -> Answer {
        Answer {
            status,
            headers: Vec::new(),
            body: None,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

/// Serves the requests of one connection in turn until it closes, asks to close, sends
/// something that is not a request, or stays idle for [`IDLE`].
fn connection(root: &Path, stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_nodelay(true)?;
    let mut reader = stream.try_clone()?;
    let mut out = BufWriter::new(stream);
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    loop {
        // Read until a whole request head is in the buffer.
        let (used, method, path, range, keep_alive) = loop {
            let mut headers = [httparse::EMPTY_HEADER; 64];
            let mut req = httparse::Request::new(&mut headers);
            match req.parse(&buf) {
                Ok(httparse::Status::Complete(n)) => {
                    let header = |name: &str| {
                        req.headers
                            .iter()
                            .find(|h| h.name.eq_ignore_ascii_case(name))
                            .and_then(|h| std::str::from_utf8(h.value).ok())
                            .map(str::to_owned)
                    };
                    let close = header("Connection")
                        .is_some_and(|v| v.to_ascii_lowercase().contains("close"));
                    let has_body = header("Content-Length").is_some_and(|v| v.trim() != "0")
                        || header("Transfer-Encoding").is_some();
                    let keep = !close && !has_body && req.version == Some(1);
                    break (
                        n,
                        req.method.unwrap_or("").to_owned(),
                        req.path.unwrap_or("").to_owned(),
                        header("Range"),
                        keep,
                    );
                }
                Ok(httparse::Status::Partial) if buf.len() < MAX_HEAD => {
                    let mut chunk = [0u8; 4096];
                    let n = reader.read(&mut chunk)?;
                    if n == 0 {
                        return Ok(());
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                Ok(httparse::Status::Partial) => {
                    return write_answer(&mut out, Answer::empty(431), false);
                }
                Err(_) => return write_answer(&mut out, Answer::empty(400), false),
            }
        };
        buf.drain(..used);
        let answer = answer(root, &method, &path, range.as_deref());
        let head_only = method == "HEAD";
        write_answer(&mut out, answer, head_only)?;
        out.flush()?;
        if !keep_alive {
            return Ok(());
        }
    }
}

fn write_answer(out: &mut impl Write, a: Answer, head_only: bool) -> std::io::Result<()> {
    let len = a.body.as_ref().map_or(0, |(_, _, n)| *n);
    write!(out, "HTTP/1.1 {} {}\r\n", a.status, reason(a.status))?;
    for (name, value) in &a.headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    write!(out, "Content-Length: {len}\r\n\r\n")?;
    if let (Some((mut file, start, count)), false) = (a.body, head_only) {
        file.seek(SeekFrom::Start(start))?;
        std::io::copy(&mut file.take(count), out)?;
    }
    out.flush()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

/// `%XX` escapes decoded; `None` when they are not valid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file a URL names inside `root`; `None` for a path that leaves it.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path)?;
    let rel = Path::new(path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = root.join(rel);
    if full.is_dir() {
        Some(full.join("index.html"))
    } else {
        Some(full)
    }
}

/// A `Range: bytes=…` header against a file of `len` bytes: the first and last byte, or
/// `Err(())` when unsatisfiable; `Ok(None)` when absent or not a single byte range (the
/// whole file is sent).
#[allow(clippy::result_unit_err)] // the one failure, 416, needs no detail
pub fn byte_range(value: Option<&str>, len: u64) -> std::result::Result<Option<(u64, u64)>, ()> {
    let Some(spec) = value.and_then(|v| v.trim().strip_prefix("bytes=")) else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Ok(None);
    }
    let (a, b) = spec.split_once('-').ok_or(())?;
    let (a, b) = (a.trim(), b.trim());
    let (start, end) = if a.is_empty() {
        let n: u64 = b.parse().map_err(|_| ())?;
        if n == 0 || len == 0 {
            return Err(());
        }
        (len.saturating_sub(n), len - 1)
    } else {
        let s: u64 = a.parse().map_err(|_| ())?;
        let e: u64 = if b.is_empty() {
            len.saturating_sub(1)
        } else {
            b.parse::<u64>().map_err(|_| ())?.min(len.saturating_sub(1))
        };
        (s, e)
    };
    if start >= len || start > end {
        return Err(());
    }
    Ok(Some((start, end)))
}

/// The answer to `method path` with an optional `Range` header.
fn answer(root: &Path, method: &str, path: &str, range: Option<&str>) -> Answer {
    if method != "GET" && method != "HEAD" {
        let mut a = Answer::empty(405);
        a.headers.push(("Allow", "GET, HEAD".into()));
        return a;
    }
    let Some(path) = resolve(root, path) else {
        return Answer::empty(403);
    };
    let Ok(file) = File::open(&path) else {
        return Answer::empty(404);
    };
    let Ok(len) = file.metadata().map(|m| m.len()) else {
        return Answer::empty(404);
    };
    let mut headers = vec![
        ("Content-Type", content_type(&path).to_owned()),
        ("Accept-Ranges", "bytes".to_owned()),
        ("Cache-Control", "no-cache".to_owned()),
    ];
    let (status, start, count) = match byte_range(range, len) {
        Err(()) => {
            headers.push(("Content-Range", format!("bytes */{len}")));
            return Answer {
                status: 416,
                headers,
                body: None,
            };
        }
        Ok(Some((s, e))) => {
            headers.push(("Content-Range", format!("bytes {s}-{e}/{len}")));
            (206, s, e - s + 1)
        }
        Ok(None) => (200, 0, len),
    };
    Answer {
        status,
        headers,
        body: Some((file, start, count)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 9110 §14.1.2's examples on a 10,000-byte representation.
    #[test]
    fn ranges() {
        assert_eq!(byte_range(Some("bytes=0-499"), 10_000), Ok(Some((0, 499))));
        assert_eq!(
            byte_range(Some("bytes=500-999"), 10_000),
            Ok(Some((500, 999)))
        );
        assert_eq!(
            byte_range(Some("bytes=-500"), 10_000),
            Ok(Some((9500, 9999)))
        );
        assert_eq!(
            byte_range(Some("bytes=9500-"), 10_000),
            Ok(Some((9500, 9999)))
        );
        assert_eq!(
            byte_range(Some("bytes=9500-20000"), 10_000),
            Ok(Some((9500, 9999)))
        );
        assert_eq!(byte_range(Some("bytes=10000-"), 10_000), Err(()));
        assert_eq!(byte_range(Some("bytes=0-0,-1"), 10_000), Ok(None));
        assert_eq!(byte_range(None, 10_000), Ok(None));
    }

    #[test]
    fn paths_stay_inside() {
        let root = Path::new("/srv/web");
        assert_eq!(
            resolve(root, "/tiles.pmtiles?x=1"),
            Some(root.join("tiles.pmtiles"))
        );
        assert_eq!(
            resolve(root, "/records/parcels-0.js"),
            Some(root.join("records/parcels-0.js"))
        );
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/a%20b.js"), Some(root.join("a b.js")));
    }
}
