//! Giving freed memory back to the operating system between the stages of a run.
//!
//! Loading a layer makes millions of short-lived allocations (the file's text, a value per
//! attribute) interleaved with the long-lived features built from them. glibc's malloc
//! keeps the freed pages mapped, so without a trim the next layer grows the process on
//! top of the last one's garbage: at a million parcels the resident size after loading
//! was 4.6 GiB without a trim and 1.7 GiB with one after each layer.

/// Returns the free pages of every malloc arena to the OS (glibc `malloc_trim(0)`).
/// Elsewhere a no-op.
#[allow(unsafe_code)]
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases pages malloc holds free; it takes no pointers and
    // is thread-safe (it locks each arena).
    unsafe {
        libc::malloc_trim(0);
    }
}
