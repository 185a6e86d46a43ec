//! Text measuring: the width of a text in the bundled font, and wrapping to a width.
//! The measure is the font's own rhythm (CJK one em, Latin about 0.56 em), close enough
//! for layout and identical on every machine.

/// Width of a text in mm at a font size: CJK characters are one em, others about 0.56.
pub fn text_width(text: &str, size_mm: f64) -> f64 {
    text.chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.56 } else { 1.0 })
        .sum::<f64>()
        * size_mm
}

/// `s` cut with "…" to fit `width` mm at `size`.
pub(crate) fn shorten(s: &str, size: f64, width: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_owned();
    }
    let mut kept = String::new();
    for ch in s.chars() {
        if text_width(&format!("{kept}{ch}…"), size) > width {
            break;
        }
        kept.push(ch);
    }
    format!("{kept}…")
}

/// Splits a text into lines no wider than `width` mm. Chinese breaks between any two
/// characters; a run of Latin letters and digits is a word and moves to the next line
/// whole (cut only when it is wider than a line by itself), so English never reads
/// "sup/plied".
pub(crate) fn wrap(s: &str, size: f64, width: f64) -> Vec<String> {
    // Units: a Latin word with the spaces after it, or one other character.
    let mut units: Vec<String> = Vec::new();
    for ch in s.chars() {
        let latin = ch.is_ascii_alphanumeric() || "-_.,:;()'/".contains(ch);
        match units.last_mut() {
            Some(u)
                if latin
                    && u.chars()
                        .last()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || "-_.,:;()'/".contains(c)) =>
            {
                u.push(ch)
            }
            Some(u) if ch == ' ' => u.push(ch),
            _ => units.push(ch.to_string()),
        }
    }
    let mut lines = vec![String::new()];
    for unit in units {
        let cur = lines.last_mut().expect("lines starts non-empty");
        let trial = format!("{cur}{unit}");
        if text_width(trial.trim_end(), size) <= width || cur.is_empty() {
            *cur = trial;
        } else {
            lines.push(unit.trim_start().to_owned());
        }
    }
    // A word wider than a line by itself is cut by character.
    let mut out = Vec::new();
    for line in lines {
        let mut cur = String::new();
        for ch in line.chars() {
            let mut trial = cur.clone();
            trial.push(ch);
            if text_width(trial.trim_end(), size) > width && !cur.is_empty() {
                out.push(cur.trim_end().to_owned());
                cur = ch.to_string().trim_start().to_owned();
            } else {
                cur = trial;
            }
        }
        out.push(cur.trim_end().to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_are_never_broken() {
        let lines = wrap(
            "Batch land not yet supplied (approved minus supplied parcels)",
            3.0,
            45.0,
        );
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(text_width(l, 3.0) <= 45.0 + 1e-9, "{l}");
            for w in l.split(' ') {
                assert!(
                    "Batch land not yet supplied (approved minus supplied parcels)"
                        .split(' ')
                        .any(|x| x == w),
                    "broken word {w} in {lines:?}"
                );
            }
        }
    }

    #[test]
    fn wrapping_keeps_lines_within_width() {
        let lines = wrap("公共管理与公共服务设施用地 A 类", 3.0, 20.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 3.0) <= 20.0 + 3.0));
    }
}
