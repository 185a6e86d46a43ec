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

/// Splits a text into lines no wider than `width` mm.
pub(crate) fn wrap(s: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = vec![String::new()];
    for ch in s.chars() {
        let cur = lines.last_mut().expect("lines starts non-empty");
        let mut trial = cur.clone();
        trial.push(ch);
        if text_width(&trial, size) > width && !cur.is_empty() {
            lines.push(ch.to_string().trim_start().to_owned());
        } else {
            *cur = trial;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_lines_within_width() {
        let lines = wrap("公共管理与公共服务设施用地 A 类", 3.0, 20.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 3.0) <= 20.0 + 3.0));
    }
}
