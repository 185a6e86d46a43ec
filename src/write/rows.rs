//! What the writers stream: a table's columns, then its rows one by one. A [`Table`] holds
//! its rows; a [`LazyTable`] makes each row on demand from the model and the analysis, so
//! the million-row tables (parcels, enterprises) are never held whole as cells and
//! reprojected geometries: the writers make and write them a batch at a time.

use std::borrow::Cow;

use geo::Geometry;

use super::{Cell, Column, Space, Table};

/// A table as the writers see it.
pub trait Rows: Sync {
    /// Base file name (`parcels`, `enterprises`, …).
    fn name(&self) -> &str;
    /// The columns.
    fn columns(&self) -> &[Column];
    /// What the geometries' coordinates are.
    fn space(&self) -> &Space;
    /// How many rows.
    fn len(&self) -> usize;
    /// True when the table has one geometry per row.
    fn spatial(&self) -> bool;
    /// The cells of row `i` (`i < len()`), as long as the columns.
    fn row(&self, i: usize) -> Cow<'_, [Cell]>;
    /// The geometry of row `i`, when the table is spatial and the row has one.
    fn geometry(&self, i: usize) -> Option<Cow<'_, Geometry<f64>>>;
}

impl Rows for Table {
    fn name(&self) -> &str {
        &self.name
    }
    fn columns(&self) -> &[Column] {
        &self.columns
    }
    fn space(&self) -> &Space {
        &self.space
    }
    fn len(&self) -> usize {
        self.rows.len()
    }
    fn spatial(&self) -> bool {
        self.geometries.is_some()
    }
    fn row(&self, i: usize) -> Cow<'_, [Cell]> {
        Cow::Borrowed(&self.rows[i])
    }
    fn geometry(&self, i: usize) -> Option<Cow<'_, Geometry<f64>>> {
        self.geometries
            .as_ref()
            .and_then(|g| g.get(i))
            .and_then(Option::as_ref)
            .map(Cow::Borrowed)
    }
}

type MakeRow<'a> = Box<dyn Fn(usize) -> Vec<Cell> + Send + Sync + 'a>;
type MakeGeometry<'a> = Box<dyn Fn(usize) -> Option<Geometry<f64>> + Send + Sync + 'a>;

/// A table whose rows are made on demand by index, borrowing what they are made from.
pub struct LazyTable<'a> {
    name: String,
    columns: Vec<Column>,
    len: usize,
    row: MakeRow<'a>,
    geometry: Option<MakeGeometry<'a>>,
    space: Space,
}

impl<'a> LazyTable<'a> {
    /// A table of `len` rows, row `i` made by `row(i)`.
    pub fn new(
        name: &str,
        columns: Vec<Column>,
        len: usize,
        row: impl Fn(usize) -> Vec<Cell> + Send + Sync + 'a,
    ) -> LazyTable<'a> {
        LazyTable {
            name: name.to_owned(),
            columns,
            len,
            row: Box::new(row),
            geometry: None,
            space: Space::LonLat,
        }
    }

    /// The same table with a geometry per row, made by `geometry(i)`, in WGS84 lon/lat
    /// unless [`LazyTable::in_space`] says otherwise.
    pub fn with_geometry(
        mut self,
        geometry: impl Fn(usize) -> Option<Geometry<f64>> + Send + Sync + 'a,
    ) -> LazyTable<'a> {
        self.geometry = Some(Box::new(geometry));
        self
    }

    /// The same table with its geometries in `space` (e.g. the working frame).
    pub fn in_space(mut self, space: Space) -> LazyTable<'a> {
        self.space = space;
        self
    }
}

impl Rows for LazyTable<'_> {
    fn name(&self) -> &str {
        &self.name
    }
    fn columns(&self) -> &[Column] {
        &self.columns
    }
    fn space(&self) -> &Space {
        &self.space
    }
    fn len(&self) -> usize {
        self.len
    }
    fn spatial(&self) -> bool {
        self.geometry.is_some()
    }
    fn row(&self, i: usize) -> Cow<'_, [Cell]> {
        Cow::Owned((self.row)(i))
    }
    fn geometry(&self, i: usize) -> Option<Cow<'_, Geometry<f64>>> {
        self.geometry.as_ref().and_then(|g| g(i)).map(Cow::Owned)
    }
}

/// Rows made in parallel per chunk, a batch of chunks at a time; a batch is handed on before
/// the next is made, so memory stays bounded whatever the table's size.
const CHUNK_ROWS: usize = 1_024;
const CHUNKS_PER_BATCH: usize = 32;

/// Runs `make` on consecutive row ranges covering `0..len`, in parallel a batch of ranges
/// at a time, and hands what it made to `sink` in row order. Every writer formats through
/// this: rows are made (and formatted) on every core, written in order by one. The next
/// batch is made while the last is being written, so the one-thread writing and the
/// parallel making overlap.
pub(crate) fn in_order_chunks<P: Send, E: Send>(
    len: usize,
    make: impl Fn(std::ops::Range<usize>) -> std::result::Result<P, E> + Sync,
    mut sink: impl FnMut(P) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    use rayon::prelude::*;
    let chunks: Vec<std::ops::Range<usize>> = (0..len)
        .step_by(CHUNK_ROWS)
        .map(|start| start..(start + CHUNK_ROWS).min(len))
        .collect();
    let make_batch = |batch: &[std::ops::Range<usize>]| {
        batch
            .par_iter()
            .map(|r| make(r.clone()))
            .collect::<std::result::Result<Vec<P>, E>>()
    };
    let mut batches = chunks.chunks(CHUNKS_PER_BATCH);
    let mut made = batches.next().map(make_batch);
    while let Some(this) = made.take() {
        let this = this?;
        let mut next = None;
        let mut written = Ok(());
        // The scope runs here, on this thread (the sink need not be Send); the next
        // batch is made on the pool meanwhile.
        rayon::in_place_scope(|s| {
            if let Some(batch) = batches.next() {
                let next = &mut next;
                let make_batch = &make_batch;
                s.spawn(move |_| *next = Some(make_batch(batch)));
            }
            written = this.into_iter().try_for_each(&mut sink);
        });
        written?;
        made = next;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_row_once_in_order() {
        let collect = |len: usize| {
            let mut seen = Vec::new();
            in_order_chunks(len, Ok::<_, ()>, |r| {
                seen.extend(r);
                Ok(())
            })
            .expect("no error");
            seen
        };
        assert!(collect(0).is_empty());
        // More rows than one batch of chunks, ending in a part chunk.
        let n = CHUNK_ROWS * CHUNKS_PER_BATCH * 2 + 7;
        assert_eq!(collect(n), (0..n).collect::<Vec<_>>());
    }

    #[test]
    fn a_lazy_table_writes_the_same_files_as_the_held_table() {
        // More rows than one formatting chunk, with text that CSV must quote.
        let n = 2_500;
        let columns = vec![Column::new("id", "编号"), Column::new("note", "备注")];
        let make = |i: usize| {
            vec![
                Cell::Text(format!("P{i}")),
                Cell::Text(format!("a, \"b\" {i}")),
            ]
        };
        let point = |i: usize| Some(Geometry::Point(geo::Point::new(i as f64, 1.0)));
        let lazy = LazyTable::new("t", columns.clone(), n, make).with_geometry(point);
        let mut held = Table::new("t", columns);
        held.rows = (0..n).map(make).collect();
        held.geometries = Some((0..n).map(point).collect());
        let dir = tempfile::tempdir().expect("temp dir");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).expect("dir");
        std::fs::create_dir_all(&b).expect("dir");
        let opts = super::super::OutputOptions::default();
        super::super::write_table_files(&a, &lazy, &opts).expect("lazy written");
        super::super::write_table_files(&b, &held, &opts).expect("held written");
        for f in ["t.csv", "t.geojson"] {
            let x = std::fs::read(a.join(f)).expect("read");
            assert_eq!(x, std::fs::read(b.join(f)).expect("read"), "{f}");
        }
        let csv = std::fs::read_to_string(a.join("t.csv")).expect("read");
        assert_eq!(csv.lines().count(), n + 1);
        assert!(csv.contains("P2499,\"a, \"\"b\"\" 2499\""));
    }
}
