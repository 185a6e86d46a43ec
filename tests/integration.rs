#![allow(clippy::unwrap_used)]
//! Integration tests: the binary end to end, malformed input, hand-worked numbers,
//! coordinate systems against independent implementations, maps, and cross-checks.

mod util;

mod integration {
    mod admit;
    mod cli;
    mod crosscheck;
    mod crs;
    mod docs_links;
    mod exhibits;
    mod factories;
    mod formats;
    mod fuzz_seeds;
    mod golden;
    mod idle;
    mod init;
    mod intensity;
    mod ledger;
    mod library;
    mod malformed;
    mod outputs;
    mod plausibility;
    mod render;
    #[cfg(feature = "report")]
    mod report;
    mod site;
    mod supply;
    mod web;
    mod words;
}
