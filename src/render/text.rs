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

/// Chinese punctuation that never starts a line (it stays with the character before).
const NO_LINE_START: &str = "，。、；：？！）」』】》〕…%·";
/// Chinese punctuation that never ends a line (it goes with the character after).
const NO_LINE_END: &str = "（「『【《〔";
/// Separators of a list or a clause: a line that must break prefers to break after one.
const BREAK_AFTER: [char; 4] = ['、', '，', '；', ' '];

/// Splits a text into lines no wider than `width` mm. Chinese breaks between any two
/// characters, but not before a closing mark (，。、）…) nor after an opening one (（「),
/// and after a list separator (、，；) when one lies in the last 40 % of the line, so that
/// 管控约束 is not cut into 管控约 / 束; a run of Latin letters and digits is a word and
/// moves to the next line whole (cut only when it is wider than a line by itself), so
/// English never reads "sup/plied".
pub(crate) fn wrap(s: &str, size: f64, width: f64) -> Vec<String> {
    // Units: a Latin word with the spaces after it, or one other character with the
    // closing marks after it and the opening marks before it.
    let mut units: Vec<String> = Vec::new();
    let mut opening = String::new();
    for ch in s.chars() {
        let latin = ch.is_ascii_alphanumeric() || "-_.,:;()'/".contains(ch);
        if NO_LINE_END.contains(ch) {
            opening.push(ch);
            continue;
        }
        match units.last_mut() {
            Some(u)
                if opening.is_empty()
                    && latin
                    && u.chars()
                        .last()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || "-_.,:;()'/".contains(c)) =>
            {
                u.push(ch)
            }
            Some(u) if opening.is_empty() && (ch == ' ' || NO_LINE_START.contains(ch)) => {
                u.push(ch)
            }
            _ => units.push(std::mem::take(&mut opening) + &ch.to_string()),
        }
    }
    if !opening.is_empty() {
        units.push(opening);
    }
    let mut lines = vec![String::new()];
    for unit in units {
        let cur = lines.last_mut().expect("lines starts non-empty");
        let trial = format!("{cur}{unit}");
        if text_width(trial.trim_end(), size) <= width || cur.is_empty() {
            *cur = trial;
        } else {
            // Break after the last separator in the line's last 40 %, if there is one.
            let tail = cur
                .char_indices()
                .filter(|(_, c)| BREAK_AFTER.contains(c))
                .map(|(i, c)| i + c.len_utf8())
                .rfind(|&i| i < cur.len() && text_width(&cur[..i], size) >= 0.6 * width)
                .map(|i| cur.split_off(i))
                .unwrap_or_default();
            lines.push(format!("{}{unit}", tail.trim_start()));
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

    /// No line starts with a closing mark or ends with an opening one, and a list breaks
    /// after its separator rather than inside a word of it.
    #[test]
    fn chinese_lines_break_where_a_typesetter_would() {
        let s = "项目数据：园区、宗地、建筑、企业、批准用地、管控约束、基础设施、标准厂房图层";
        for w in [20.0, 27.0, 33.0, 41.0, 50.0] {
            let lines = wrap(s, 2.0, w);
            assert_eq!(lines.concat(), s, "nothing lost at {w}");
            for l in &lines {
                let first = l.chars().next().expect("no empty line");
                assert!(!NO_LINE_START.contains(first), "{w}: line starts {l}");
                assert!(!l.ends_with(['（', '「']), "{w}: line ends {l}");
                assert!(
                    !l.starts_with('束') && !l.starts_with("施"),
                    "{w}: word cut: {lines:?}"
                );
            }
        }
        let crs = wrap(
            "2000国家大地坐标系 3°带 中央经线 120°E（EPSG:4549）",
            2.145,
            46.0,
        );
        assert!(!crs.iter().any(|l| l.ends_with('（')), "{crs:?}");
        assert_eq!(
            wrap(
                "园区内未划宗地的用地（道路、绿地、水域等，不计入用地平衡）",
                2.0,
                30.0
            )
            .iter()
            .filter(|l| l.starts_with('，'))
            .count(),
            0
        );
    }

    #[test]
    fn wrapping_keeps_lines_within_width() {
        let lines = wrap("公共管理与公共服务设施用地 A 类", 3.0, 20.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 3.0) <= 20.0 + 3.0));
    }
}
