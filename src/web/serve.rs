//! `parkscope serve`: the viewer's folder over HTTP on 127.0.0.1 (tiny_http), with single
//! byte-range requests (RFC 9110 §14) so the PMTiles reader fetches only the tiles it
//! draws. GET and HEAD only; paths outside the folder are refused.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};

use tiny_http::{Header, Method, Request, Response, StatusCode};

use crate::error::{Error, Result};

/// A running server of one folder.
pub struct Server {
    http: tiny_http::Server,
    root: PathBuf,
}

/// Worker threads answering requests.
const WORKERS: usize = 4;

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
        let http = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| {
            Error::invalid(
                "port",
                port.to_string(),
                format!("cannot listen on 127.0.0.1: {e}"),
            )
        })?;
        Ok(Server {
            http,
            root: root.to_path_buf(),
        })
    }

    /// The address listened on.
    pub fn addr(&self) -> Option<SocketAddr> {
        self.http.server_addr().to_ip()
    }

    /// Answers requests until [`Server::stop`] is called.
    pub fn run(&self) {
        std::thread::scope(|s| {
            for _ in 0..WORKERS {
                s.spawn(|| {
                    while let Ok(req) = self.http.recv() {
                        // A client that hangs up mid-answer is no error of the server's.
                        let _ = answer(&self.root, req);
                    }
                });
            }
        });
    }

    /// Makes [`Server::run`] return (each worker stops after its current request).
    pub fn stop(&self) {
        for _ in 0..WORKERS {
            self.http.unblock();
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values made here are ASCII")
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

fn answer(root: &Path, req: Request) -> std::io::Result<()> {
    let head = *req.method() == Method::Head;
    if !head && *req.method() != Method::Get {
        return req
            .respond(Response::empty(StatusCode(405)).with_header(header("Allow", "GET, HEAD")));
    }
    let Some(path) = resolve(root, req.url()) else {
        return req.respond(Response::empty(StatusCode(403)));
    };
    let Ok(mut file) = File::open(&path) else {
        return req.respond(Response::from_string("not found").with_status_code(StatusCode(404)));
    };
    let len = file.metadata()?.len();
    let range = req
        .headers()
        .iter()
        .find(|h| h.field.equiv("Range"))
        .map(|h| h.value.as_str().to_owned());
    let mut headers = vec![
        header("Content-Type", content_type(&path)),
        header("Accept-Ranges", "bytes"),
        header("Cache-Control", "no-cache"),
    ];
    let (status, start, count) = match byte_range(range.as_deref(), len) {
        Err(()) => {
            headers.push(header("Content-Range", &format!("bytes */{len}")));
            return req.respond(Response::new(
                StatusCode(416),
                headers,
                std::io::empty(),
                Some(0),
                None,
            ));
        }
        Ok(Some((s, e))) => {
            headers.push(header("Content-Range", &format!("bytes {s}-{e}/{len}")));
            (206, s, e - s + 1)
        }
        Ok(None) => (200, 0, len),
    };
    file.seek(SeekFrom::Start(start))?;
    let body: Box<dyn Read + Send> = if head {
        Box::new(std::io::empty())
    } else {
        Box::new(file.take(count))
    };
    let size = usize::try_from(count).unwrap_or(usize::MAX);
    req.respond(Response::new(
        StatusCode(status),
        headers,
        body,
        Some(size),
        None,
    ))
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
