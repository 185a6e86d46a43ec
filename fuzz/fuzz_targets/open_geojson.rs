//! Fuzz target: hostile bytes through parkscope::fuzzing::open_parcels.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parkscope::fuzzing::open_parcels("geojson", data);
});
