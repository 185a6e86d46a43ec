//! File names made from data (park ids in map and atlas file names): only letters
//! (any script), digits, `-` and `_` survive, so an id can never name a folder, a parent
//! or an absolute path, and no name grows past what file systems take.

/// Longest part of a file name taken from an id, in bytes (file systems allow 255).
const MAX_BYTES: usize = 64;

/// An id made safe as part of a file name. An id of letters, digits, `-` and `_` (up to
/// 64 bytes) is kept as it is; any other id has every other character replaced by `_`,
/// is cut to 64 bytes, and gets `-` and 8 hex digits of a hash of the whole id, so two
/// ids that differ only in the characters replaced still name two files.
pub fn safe_file_part(id: &str) -> String {
    let clean = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    if !id.is_empty() && id.len() <= MAX_BYTES && id.chars().all(clean) {
        return id.to_owned();
    }
    let mut out = String::with_capacity(MAX_BYTES + 9);
    for c in id.chars() {
        let c = if clean(c) { c } else { '_' };
        if out.len() + c.len_utf8() > MAX_BYTES {
            break;
        }
        out.push(c);
    }
    out.push('-');
    out.push_str(&format!("{:08x}", fnv1a(id.as_bytes())));
    out
}

/// 32-bit FNV-1a: a stable hash (the same on every machine and run).
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids_are_kept_and_hostile_ones_cannot_leave_the_folder() {
        assert_eq!(safe_file_part("P001"), "P001");
        assert_eq!(safe_file_part("新河园区-2"), "新河园区-2");
        for id in [
            "../../x",
            "/etc/passwd",
            "a\0b",
            "a\nb",
            "",
            ".",
            "..",
            "C:\\x",
        ] {
            let s = safe_file_part(id);
            assert!(
                !s.is_empty() && !s.contains(['/', '\\', '\0', '\n', '.']),
                "{id:?} → {s}"
            );
        }
        let long = "长".repeat(10_000);
        assert!(safe_file_part(&long).len() <= MAX_BYTES + 9);
        assert_ne!(safe_file_part("a/b"), safe_file_part("a_b"));
        assert_ne!(safe_file_part("a/b"), safe_file_part("a:b"));
        // FNV-1a of "a" (published test vector).
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
    }
}
