//! The web viewer (issue 18): the tiles of the sample decoded by a reader written here from
//! the PMTiles v3 and vector tile 2.1 specs (independent of the writer), the records and
//! search index read back, `serve` answering range requests, and the page driven in
//! headless Chromium (tests/browser/viewer.mjs) where node, Chromium and playwright-core
//! are installed.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use prost::Message;

use crate::util::run;

// ----- vector tile 2.1 (vector_tile.proto), decoded with prost
#[derive(Clone, PartialEq, prost::Message)]
struct MvtTile {
    #[prost(message, repeated, tag = "3")]
    layers: Vec<MvtLayer>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct MvtLayer {
    #[prost(uint32, optional, tag = "15")]
    version: Option<u32>,
    #[prost(string, optional, tag = "1")]
    name: Option<String>,
    #[prost(message, repeated, tag = "2")]
    features: Vec<MvtFeature>,
    #[prost(string, repeated, tag = "3")]
    keys: Vec<String>,
    #[prost(message, repeated, tag = "4")]
    values: Vec<MvtValue>,
    #[prost(uint32, optional, tag = "5")]
    extent: Option<u32>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct MvtFeature {
    #[prost(uint64, optional, tag = "1")]
    id: Option<u64>,
    #[prost(uint32, repeated, tag = "2")]
    tags: Vec<u32>,
    #[prost(int32, optional, tag = "3")]
    kind: Option<i32>,
    #[prost(uint32, repeated, tag = "4")]
    geometry: Vec<u32>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct MvtValue {
    #[prost(string, optional, tag = "1")]
    string_value: Option<String>,
    #[prost(double, optional, tag = "3")]
    double_value: Option<f64>,
    #[prost(int64, optional, tag = "4")]
    int_value: Option<i64>,
    #[prost(uint64, optional, tag = "5")]
    uint_value: Option<u64>,
}

/// The rings (or lines, or points) of a feature's geometry commands, tile coordinates.
fn decode_geometry(g: &[u32]) -> Vec<Vec<(i64, i64)>> {
    let zz = |v: u32| ((v >> 1) as i64) ^ -((v & 1) as i64);
    let (mut x, mut y, mut i) = (0i64, 0i64, 0usize);
    let mut parts: Vec<Vec<(i64, i64)>> = Vec::new();
    while i < g.len() {
        let (cmd, count) = (g[i] & 7, g[i] >> 3);
        i += 1;
        match cmd {
            1 | 2 => {
                for _ in 0..count {
                    x += zz(g[i]);
                    y += zz(g[i + 1]);
                    i += 2;
                    if cmd == 1 {
                        parts.push(Vec::new());
                    }
                    parts.last_mut().unwrap().push((x, y));
                }
            }
            7 => {}
            other => panic!("unknown command {other}"),
        }
    }
    parts
}

// ----- PMTiles v3
fn varint(b: &[u8], pos: &mut usize) -> u64 {
    let (mut v, mut shift) = (0u64, 0);
    loop {
        let byte = b[*pos];
        *pos += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return v;
        }
        shift += 7;
    }
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// (tile id, offset, length, run length) of a directory.
fn directory(b: &[u8]) -> Vec<(u64, u64, u64, u64)> {
    let mut p = 0;
    let n = varint(b, &mut p) as usize;
    let mut ids = Vec::with_capacity(n);
    let mut last = 0;
    for _ in 0..n {
        last += varint(b, &mut p);
        ids.push(last);
    }
    let runs: Vec<u64> = (0..n).map(|_| varint(b, &mut p)).collect();
    let lens: Vec<u64> = (0..n).map(|_| varint(b, &mut p)).collect();
    let mut out: Vec<(u64, u64, u64, u64)> = Vec::with_capacity(n);
    for k in 0..n {
        let v = varint(b, &mut p);
        let off = if v == 0 && k > 0 {
            out[k - 1].1 + out[k - 1].2
        } else {
            v - 1
        };
        out.push((ids[k], off, lens[k], runs[k]));
    }
    out
}

struct Archive {
    min_zoom: u8,
    max_zoom: u8,
    /// The metadata JSON, as text.
    metadata: String,
    /// (z, x, y) → decoded tile.
    tiles: BTreeMap<(u8, u32, u32), MvtTile>,
}

fn read_archive(path: &Path) -> Archive {
    let b = std::fs::read(path).unwrap();
    assert_eq!(&b[0..7], b"PMTiles");
    assert_eq!(b[7], 3, "spec version");
    let u = |o: usize| u64::from_le_bytes(b[o..o + 8].try_into().unwrap());
    let (root_off, root_len, leaf_off, data_off) = (u(8), u(16), u(40), u(56));
    assert_eq!(b[97], 2, "internal compression gzip");
    assert_eq!(b[98], 2, "tile compression gzip");
    assert_eq!(b[99], 1, "tile type MVT");
    let (min_zoom, max_zoom) = (b[100], b[101]);
    let (meta_off, meta_len) = (u(24) as usize, u(32) as usize);
    let metadata = String::from_utf8(gunzip(&b[meta_off..meta_off + meta_len])).unwrap();
    let mut entries = Vec::new();
    let mut dirs = vec![gunzip(
        &b[root_off as usize..(root_off + root_len) as usize],
    )];
    while let Some(d) = dirs.pop() {
        for e in directory(&d) {
            if e.3 == 0 {
                let s = (leaf_off + e.1) as usize;
                dirs.push(gunzip(&b[s..s + e.2 as usize]));
            } else {
                entries.push(e);
            }
        }
    }
    let mut tiles = BTreeMap::new();
    for (id, off, len, run) in entries {
        let s = (data_off + off) as usize;
        let tile = MvtTile::decode(gunzip(&b[s..s + len as usize]).as_slice()).unwrap();
        for k in 0..run {
            let c = pmtiles::TileCoord::from(pmtiles::TileId::new(id + k).unwrap());
            tiles.insert((c.z(), c.x(), c.y()), tile.clone());
        }
    }
    Archive {
        min_zoom,
        max_zoom,
        metadata,
        tiles,
    }
}

/// Ids of the features of `layer` per zoom.
fn ids_per_zoom(a: &Archive, layer: &str) -> BTreeMap<u8, BTreeSet<u64>> {
    let mut out: BTreeMap<u8, BTreeSet<u64>> = BTreeMap::new();
    for z in a.min_zoom..=a.max_zoom {
        out.entry(z).or_default();
    }
    for ((z, _, _), t) in &a.tiles {
        for l in t.layers.iter().filter(|l| l.name.as_deref() == Some(layer)) {
            out.entry(*z)
                .or_default()
                .extend(l.features.iter().filter_map(|f| f.id));
        }
    }
    out
}

/// EPSG:3857 scaled to the unit square, y down (transcribed from the EPSG guidance note 7-2
/// formulas, not from parkscope's code).
fn world(lon: f64, lat: f64) -> (f64, f64) {
    let phi = lat.to_radians();
    (
        (lon + 180.0) / 360.0,
        0.5 - (std::f64::consts::FRAC_PI_4 + phi / 2.0).tan().ln() / (2.0 * std::f64::consts::PI),
    )
}

fn decode_script(path: &Path, call: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find(call).unwrap();
    let last = text.rfind('"').unwrap();
    let first = text[..last].rfind('"').unwrap();
    assert!(first > start);
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&text[first + 1..last])
        .unwrap();
    serde_json::from_slice(&gunzip(&bytes)).unwrap()
}

/// The viewer's `meta.js` (`window.PARKSCOPE = {…};`) as JSON.
fn read_meta(dir: &Path) -> serde_json::Value {
    let meta = std::fs::read_to_string(dir.join("meta.js")).unwrap();
    serde_json::from_str(
        meta.trim()
            .trim_start_matches("window.PARKSCOPE = ")
            .trim_end_matches(';'),
    )
    .unwrap()
}

fn sample_viewer(dir: &Path) {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    let r = run(&["-q", "web", sample, "--out", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn sample_tiles_hold_every_feature_from_the_zoom_it_shows() {
    let out = tempfile::tempdir().unwrap();
    sample_viewer(out.path());
    for f in [
        "index.html",
        "tiles.pmtiles",
        "tiles.js",
        "meta.js",
        "search.js",
        "viewer.js",
        "fonts.css",
        "maplibre-gl.js",
        "maplibre-gl.css",
        "pmtiles.js",
        "LICENSE-maplibre-gl.txt",
        "LICENSE-pmtiles.txt",
        "LICENSE-wqy-microhei.txt",
        "records/parcels-0.js",
        "manifest.json",
    ] {
        assert!(out.path().join(f).is_file(), "{f} missing");
    }
    let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(html.contains("<input type=\"search\""));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no URL outside the folder"
    );
    let (ws, _) = crate::util::analyse(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample")),
        "2026-06-30",
    );
    let m = ws.model();
    let a = read_archive(&out.path().join("tiles.pmtiles"));
    assert!(
        a.min_zoom < a.max_zoom && a.max_zoom == 15,
        "{}–{}",
        a.min_zoom,
        a.max_zoom
    );
    let parcels = ids_per_zoom(&a, "parcels");
    // Each parcel's extent in the world square, from its vertices through the frame's
    // inverse and the EPSG:3857 formulas above.
    let spans: Vec<f64> = m
        .parcels
        .iter()
        .map(|p| {
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for c in p.geometry.iter().flat_map(|poly| poly.exterior().0.iter()) {
                let (lon, lat) = m.frame.inverse(c.x, c.y).unwrap();
                let (x, y) = world(lon, lat);
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
            (x1 - x0).max(y1 - y0)
        })
        .collect();
    let px = |z: u8| 1.0 / (256.0 * f64::from(1u32 << z));
    for (z, ids) in &parcels {
        for (i, span) in spans.iter().enumerate() {
            if span / px(*z) >= 1.0 {
                assert!(
                    ids.contains(&(i as u64)),
                    "parcel {} ({:.2} px) missing at zoom {z}",
                    m.parcels[i].id,
                    span / px(*z)
                );
            }
        }
        // Below a pixel a parcel may stand in as a dust pixel, never more often than
        // there are parcels.
        assert!(ids.len() <= m.parcels.len());
    }
    // At the deepest zoom every parcel is there, and counts never fall as zoom rises.
    assert_eq!(parcels[&a.max_zoom].len(), m.parcels.len());
    // Every zoom shows parcels. (Not necessarily more at each zoom: each zoom takes the
    // smallest cell that fits the cap, so a deeper zoom may keep a few ids fewer.)
    let counts: Vec<usize> = parcels.values().map(BTreeSet::len).collect();
    assert!(counts.iter().all(|&c| c > 0), "{counts:?}");
    // The smallest parcel: absent (or a dust pixel) one zoom before it spans a pixel.
    let (small, span) = spans
        .iter()
        .enumerate()
        .min_by(|x, y| x.1.total_cmp(y.1))
        .map(|(i, s)| (i, *s))
        .unwrap();
    let from = (-(span.log2()) - 8.0).ceil() as u8;
    assert!(
        from > a.min_zoom,
        "the sample's smallest parcel spans a pixel from zoom {from}"
    );
    for z in from..=a.max_zoom {
        assert!(parcels[&z].contains(&(small as u64)), "zoom {z}");
    }
    // Every other layer of the sample is there at the deepest zoom, whole.
    for (layer, n) in [
        ("parks", m.parks.len()),
        ("buildings", m.buildings.len()),
        (
            "enterprises",
            m.enterprises
                .iter()
                .filter(|e| e.location.is_some())
                .count(),
        ),
    ] {
        assert_eq!(ids_per_zoom(&a, layer)[&a.max_zoom].len(), n, "{layer}");
    }
    for layer in ["ans", "constraints", "roads", "sites"] {
        assert!(!ids_per_zoom(&a, layer)[&a.max_zoom].is_empty(), "{layer}");
    }
    // Tags: the five theme classes, each below its theme's number of classes (meta.js);
    // geometry inside the tile and its buffer.
    let meta = read_meta(out.path());
    let classes: BTreeMap<String, u64> = meta["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["key"].as_str().unwrap().to_owned(),
                t["classes"].as_array().unwrap().len() as u64,
            )
        })
        .collect();
    assert_eq!(
        classes.keys().cloned().collect::<Vec<_>>(),
        ["ev", "far", "idle", "lu", "srv"]
    );
    let mut seen = 0;
    for ((z, _, _), t) in &a.tiles {
        for l in &t.layers {
            assert_eq!(l.version, Some(2));
            let extent = i64::from(l.extent.unwrap_or(4096));
            for f in &l.features {
                for part in decode_geometry(&f.geometry) {
                    for (x, y) in part {
                        let b = extent / 64 + 2; // 4 px of 256 and rounding
                        assert!(
                            x >= -b && x <= extent + b && y >= -b && y <= extent + b,
                            "z{z} {x},{y}"
                        );
                    }
                }
                if l.name.as_deref() == Some("parcels") && *z == a.max_zoom {
                    let tags: BTreeMap<&str, u64> = f
                        .tags
                        .chunks(2)
                        .map(|kv| {
                            (
                                l.keys[kv[0] as usize].as_str(),
                                l.values[kv[1] as usize].uint_value.unwrap(),
                            )
                        })
                        .collect();
                    for (k, n) in &classes {
                        assert!(tags[k.as_str()] < *n, "{k}");
                    }
                    seen += 1;
                }
            }
        }
    }
    assert!(seen >= m.parcels.len());
    // The idle class in the tiles is the one the analysis gave.
    let analysis = ws.analyse();
    let idle_ix = |i: usize| {
        parkscope::analyse::idle::IdleClass::ALL
            .iter()
            .position(|c| *c == analysis.idle[i].class)
            .unwrap() as u64
    };
    for t in a.tiles.values() {
        for l in t
            .layers
            .iter()
            .filter(|l| l.name.as_deref() == Some("parcels"))
        {
            let k = l.keys.iter().position(|k| k == "idle").unwrap() as u32;
            for f in &l.features {
                let v = f.tags.chunks(2).find(|kv| kv[0] == k).unwrap()[1];
                assert_eq!(
                    l.values[v as usize].uint_value,
                    Some(idle_ix(f.id.unwrap() as usize))
                );
            }
        }
    }
}

#[test]
fn records_and_search_index_read_back() {
    let out = tempfile::tempdir().unwrap();
    sample_viewer(out.path());
    let (ws, a) = crate::util::analyse(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample")),
        "2026-06-30",
    );
    let m = ws.model();
    let rows = decode_script(&out.path().join("records/parcels-0.js"), "parkscopeRecords");
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), m.parcels.len().min(256));
    let meta = read_meta(out.path());
    let labels: Vec<&str> = meta["records"]["parcels"]["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let col = |name: &str| labels.iter().position(|l| *l == name).unwrap();
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row[col("宗地编号")], m.parcels[i].id.as_str());
        assert_eq!(row[col("低效类别")], a.idle[i].class.zh());
        // Coded values in words, as in the workbook: 已供 / 已批 / 未批, never `supplied`.
        assert!(
            ["已供", "已批", "未批"].contains(&row[col("供地状态")].as_str().unwrap()),
            "{}",
            row[col("供地状态")]
        );
    }
    assert!(!labels.iter().any(|l| l.contains("（中文）")), "{labels:?}");
    // An idle parcel's record says why, with its dates, in Chinese.
    let idle = (0..m.parcels.len())
        .find(|&i| a.idle[i].class == parkscope::analyse::idle::IdleClass::Idle)
        .expect("the sample has an idle parcel");
    let reason = rows[idle][col("认定理由")].as_str().unwrap();
    assert!(
        reason.chars().any(|c| c.is_ascii_digit()) && !reason.is_ascii(),
        "{reason}"
    );
    assert!(!rows[idle][col("容积率")].as_str().unwrap().is_empty());
    // The search index finds every parcel by id and every enterprise by name.
    let search = decode_script(&out.path().join("search.js"), "parkscopeSearch");
    let keys: BTreeSet<String> = search
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            e[2].as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_str().unwrap().to_owned())
        })
        .collect();
    for p in &m.parcels {
        assert!(keys.contains(&p.id), "{}", p.id);
    }
    for e in &m.enterprises {
        if let Some(n) = &e.name {
            assert!(keys.contains(n), "{n}");
        }
    }
}

fn http(addr: std::net::SocketAddr, request: &str) -> (String, Vec<u8>) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    (
        String::from_utf8_lossy(&buf[..split]).into_owned(),
        buf[split + 4..].to_vec(),
    )
}

#[test]
fn the_data_credit_is_in_the_page_and_the_archive() {
    // The project's `attribution` (OpenStreetMap data must credit its contributors) goes
    // into meta.js, which the page shows in an attribution control, and into the PMTiles
    // metadata; a project without one carries none.
    let tmp = tempfile::tempdir().unwrap();
    let credit = "© OpenStreetMap contributors, ODbL 1.0";
    let project = super::outputs::sample_copy(&tmp.path().join("p"), |name, text| {
        if name == "parkscope.toml" {
            format!("attribution = \"{credit}\"\n{text}")
        } else {
            text
        }
    });
    let out = tmp.path().join("web");
    let r = run(&[
        "-q",
        "web",
        project.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let meta = read_meta(&out);
    assert_eq!(meta["credit"], credit);
    let needle = format!("\"attribution\":\"{credit}\"");
    let gz_meta = read_archive(&out.join("tiles.pmtiles")).metadata;
    assert!(gz_meta.contains(&needle), "{gz_meta}");
    let js = std::fs::read_to_string(out.join("viewer.js")).unwrap();
    assert!(js.contains("customAttribution: P.credit"));

    let plain = tempfile::tempdir().unwrap();
    sample_viewer(plain.path());
    let meta = std::fs::read_to_string(plain.path().join("meta.js")).unwrap();
    assert!(meta.contains("\"credit\":null"), "the sample has no credit");
}

/// Runs `test` against `parkscope serve` of `dir` on a free port; the server is stopped
/// however the test ends, so a failed assertion cannot leave the scope waiting for the
/// accept loop.
fn with_server(dir: &Path, test: impl FnOnce(std::net::SocketAddr)) {
    struct StopOnDrop<'a>(&'a parkscope::web::serve::Server);
    impl Drop for StopOnDrop<'_> {
        fn drop(&mut self) {
            self.0.stop();
        }
    }
    let server = parkscope::web::serve::Server::bind(dir, 0).unwrap();
    let addr = server.addr().unwrap();
    std::thread::scope(|s| {
        s.spawn(|| server.run());
        let _stop = StopOnDrop(&server);
        test(addr);
    });
}

#[test]
fn serve_answers_byte_ranges_and_keeps_inside_its_folder() {
    let out = tempfile::tempdir().unwrap();
    sample_viewer(out.path());
    with_server(out.path(), |addr| {
        assert!(addr.ip().is_loopback());
        let whole = std::fs::read(out.path().join("tiles.pmtiles")).unwrap();
        let (head, body) = http(
            addr,
            "GET /tiles.pmtiles HTTP/1.1\r\nHost: x\r\nRange: bytes=0-126\r\nConnection: close\r\n\r\n",
        );
        assert!(head.starts_with("HTTP/1.1 206"), "{head}");
        assert!(
            head.contains(&format!("bytes 0-126/{}", whole.len())),
            "{head}"
        );
        assert_eq!(body, &whole[..127]);
        let (head, body) = http(addr, "GET /tiles.pmtiles HTTP/1.1\r\nHost: x\r\nRange: bytes=-10\r\nConnection: close\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 206"), "{head}");
        assert_eq!(body, &whole[whole.len() - 10..]);
        let (head, _) = http(addr, &format!("GET /tiles.pmtiles HTTP/1.1\r\nHost: x\r\nRange: bytes={}-\r\nConnection: close\r\n\r\n", whole.len()));
        assert!(head.starts_with("HTTP/1.1 416"), "{head}");
        let (head, body) = http(
            addr,
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert!(
            head.starts_with("HTTP/1.1 200") && head.contains("text/html"),
            "{head}"
        );
        assert!(String::from_utf8_lossy(&body).contains("maplibre-gl.js"));
        let (head, _) = http(
            addr,
            "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert!(
            head.starts_with("HTTP/1.1 403") || head.starts_with("HTTP/1.1 404"),
            "{head}"
        );
    });
}

#[test]
fn serve_answers_while_spare_connections_stay_open() {
    // A browser opens several connections at once, some it never sends on, and keeps the
    // others alive between requests. Eight of each stay open here; a ninth client and a
    // second request on a kept-alive connection are still answered at once.
    let out = tempfile::tempdir().unwrap();
    sample_viewer(out.path());
    with_server(out.path(), |addr| {
        let idle: Vec<std::net::TcpStream> = (0..8)
            .map(|_| std::net::TcpStream::connect(addr).unwrap())
            .collect();
        let one_answer = |c: &mut std::net::TcpStream, with_body: bool| -> String {
            c.set_read_timeout(Some(std::time::Duration::from_secs(10)))
                .unwrap();
            let mut got = Vec::new();
            let mut byte = [0u8; 1];
            while !got.ends_with(b"\r\n\r\n") {
                c.read_exact(&mut byte).expect("an answer within 10 s");
                got.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&got).into_owned();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            if with_body {
                let mut body = vec![0u8; len];
                c.read_exact(&mut body).unwrap();
            }
            head
        };
        let mut alive: Vec<std::net::TcpStream> = (0..8)
            .map(|_| {
                let mut c = std::net::TcpStream::connect(addr).unwrap();
                c.write_all(b"GET /viewer.css HTTP/1.1\r\nHost: x\r\n\r\n")
                    .unwrap();
                assert!(one_answer(&mut c, true).starts_with("HTTP/1.1 200"));
                c
            })
            .collect();
        let (head, _) = http(
            addr,
            "GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        let c = &mut alive[3];
        c.write_all(b"HEAD /tiles.pmtiles HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let head = one_answer(c, false);
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        drop(idle);
    });
}

/// The tools the browser test needs, or why it is skipped.
fn browser_tools() -> Result<(PathBuf, PathBuf), String> {
    let browser_dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser"));
    let node_ok = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok {
        return Err("node is not installed".into());
    }
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .ok_or("chromium is not installed (apt-get install chromium)")?;
    if !browser_dir.join("node_modules/playwright-core").is_dir() {
        return Err("playwright-core is not installed (npm ci in tests/browser)".into());
    }
    Ok((browser_dir, chromium))
}

#[test]
fn the_sample_viewer_in_headless_chromium() {
    let (browser_dir, chromium) = match browser_tools() {
        Ok(t) => t,
        Err(why) => {
            eprintln!("note: browser test skipped: {why}");
            return;
        }
    };
    let out = tempfile::tempdir().unwrap();
    sample_viewer(out.path());
    let (ws, a) = crate::util::analyse(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample")),
        "2026-06-30",
    );
    let m = ws.model();
    let first_parcel = m.parcels[0].id.clone();
    let shots = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/web-shots"));
    std::fs::create_dir_all(&shots).unwrap();
    let o = std::process::Command::new("node")
        .arg(browser_dir.join("viewer.mjs"))
        .arg(out.path().join("index.html"))
        .arg(shots.join("sample.png"))
        .arg(&first_parcel)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    eprintln!("browser: {report}");
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report}");
    // The map is drawn: pixels that are not white, in many colours.
    assert!(report["coloured"].as_f64().unwrap() > 0.02, "{report}");
    assert!(report["colours"].as_u64().unwrap() > 20, "{report}");
    // Searching the first parcel's id opened its record.
    assert_eq!(
        report["searched"]["id"],
        m.parcels[0].id.as_str(),
        "{report}"
    );
    assert_eq!(report["searched"]["idle"], a.idle[0].class.zh(), "{report}");
    // A click on another parcel opened that parcel's record, with its idle class.
    let clicked = report["clicked"]["id"].as_str().unwrap();
    assert_ne!(clicked, first_parcel);
    let i = m
        .parcels
        .iter()
        .position(|p| p.id == clicked)
        .expect("a parcel id");
    assert_eq!(report["clicked"]["idle"], a.idle[i].class.zh(), "{report}");
    // Switching the theme to idle classes and a layer off changed the legend and the map.
    assert_eq!(report["switched"]["legend"], "闲置低效类别", "{report}");
    assert_eq!(report["switched"]["parksVisible"], "none", "{report}");
    assert!(shots.join("sample.png").is_file());
    // Zoomed in by the search, the parcel itself is drawn.
    assert!(
        report["searchedDrawn"]["drawn"].as_u64().unwrap() >= 1,
        "{report}"
    );
    // The FAR theme hatches the parcels below their required minimum, in map and legend.
    assert!(a.intensity.iter().any(|i| i.far_ok == Some(false)));
    assert_eq!(report["far"]["hatchVisible"], "visible", "{report}");
    assert_eq!(report["far"]["hatchImage"], true, "{report}");
    assert!(report["far"]["hatched"].as_u64().unwrap() > 0, "{report}");
    assert_eq!(report["far"]["legendHatch"], true, "{report}");
}

/// A synthetic city cut with a low cap of features per tile, so that its low zooms are
/// coalesced as a 100,000-parcel city's are with the default cap.
fn coalesced_city(dir: &Path) -> PathBuf {
    let city = dir.join("city");
    let r = run(&[
        "-q",
        "synth",
        "--parcels",
        "3000",
        "--seed",
        "7",
        "--out",
        city.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let web = dir.join("web");
    let r = run(&[
        "-q",
        "web",
        city.to_str().unwrap(),
        "--out",
        web.to_str().unwrap(),
        "--max-tile-features",
        "300",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    web
}

#[test]
fn dense_tiles_are_coalesced_and_every_parcel_returns_deeper() {
    let out = tempfile::tempdir().unwrap();
    let web = coalesced_city(out.path());
    let a = read_archive(&web.join("tiles.pmtiles"));
    let (ws, _) = crate::util::analyse(&out.path().join("city"), "2026-06-30");
    let n = ws.model().parcels.len();
    let parcels = ids_per_zoom(&a, "parcels");
    // No tile above the deepest zoom holds more than 300 parcels or roads.
    for ((z, _, _), t) in &a.tiles {
        for l in &t.layers {
            let name = l.name.as_deref().unwrap_or("");
            if *z < a.max_zoom && (name == "parcels" || name == "roads") {
                assert!(l.features.len() <= 300, "z{z} {name}: {}", l.features.len());
            }
            // Buildings are cut from zoom 13, where they are drawn.
            assert!(name != "buildings" || *z >= 13, "buildings at z{z}");
        }
    }
    // The low zooms hold fewer parcels than there are (coalesced), the deepest all.
    assert!(
        parcels[&a.min_zoom].len() < n,
        "{}",
        parcels[&a.min_zoom].len()
    );
    assert_eq!(parcels[&a.max_zoom].len(), n);
    // Every zoom shows parcels. (Not necessarily more at each zoom: each zoom takes the
    // smallest cell that fits the cap, so a deeper zoom may keep a few ids fewer.)
    let counts: Vec<usize> = parcels.values().map(BTreeSet::len).collect();
    assert!(counts.iter().all(|&c| c > 0), "{counts:?}");
    // The manifest lists the records and the archive with their sizes.
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(web.join("manifest.json")).unwrap()).unwrap();
    let listed: BTreeMap<&str, u64> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["bytes"].as_u64().unwrap()))
        .collect();
    let on_disk = std::fs::read_dir(web.join("records")).unwrap().count();
    assert_eq!(
        listed.keys().filter(|k| k.starts_with("records/")).count(),
        on_disk
    );
    assert_eq!(
        listed["tiles.pmtiles"],
        std::fs::metadata(web.join("tiles.pmtiles")).unwrap().len()
    );

    // In the browser: the first view is drawn, and a parcel searched and flown to is drawn
    // itself.
    let (browser_dir, chromium) = match browser_tools() {
        Ok(t) => t,
        Err(why) => {
            eprintln!("note: browser test skipped: {why}");
            return;
        }
    };
    let shots = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/web-shots"));
    std::fs::create_dir_all(&shots).unwrap();
    let id = ws.model().parcels[n / 2].id.clone();
    let o = std::process::Command::new("node")
        .arg(browser_dir.join("viewer.mjs"))
        .arg(web.join("index.html"))
        .arg(shots.join("coalesced.png"))
        .arg(&id)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    eprintln!("browser: {report}");
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report}");
    assert!(report["coloured"].as_f64().unwrap() > 0.02, "{report}");
    assert_eq!(report["searched"]["id"], id.as_str(), "{report}");
    assert!(
        report["searchedDrawn"]["drawn"].as_u64().unwrap() >= 1,
        "{report}"
    );
}
