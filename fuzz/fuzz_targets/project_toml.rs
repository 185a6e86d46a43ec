//! Fuzz target: hostile bytes through parkscope::fuzzing::parse_project.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parkscope::fuzzing::parse_project(data);
});
