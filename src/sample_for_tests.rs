//! The bundled sample city, opened and analysed once per test that needs it.

/// The sample project and its analysis at its own as-of date.
pub(crate) fn sample() -> (crate::Workspace, crate::analyse::Analysis) {
    let ws = crate::Workspace::open(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample"))
        .expect("the sample opens");
    let a = ws.analyse();
    (ws, a)
}
