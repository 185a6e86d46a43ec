//! Fuzz target: hostile bytes through parkscope::fuzzing::read_shapefile.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parkscope::fuzzing::read_shapefile(data);
});
