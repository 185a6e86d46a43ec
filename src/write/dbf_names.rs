//! DBF field names: at most 10 bytes, so a shapefile cannot carry `investment_per_mu`.
//! Every column of the output contract has a fixed short name (the table below, listed in
//! docs/outputs.md), so a bureau's ArcGIS model that reads `invest_mu` keeps working from
//! one run to the next; any other name (a converted layer's) is cut to 10 bytes in the
//! file's encoding at a character boundary, and a name already taken gets `_1`, `_2`, ….

use super::format::ShpEncoding;

/// The fixed short names of the contract's columns longer than 10 bytes.
pub const SHORT_NAMES: &[(&str, &str)] = &[
    ("approval_date", "appr_date"),
    ("approved_not_supplied_mu", "ans_mu"),
    ("class_counts", "class_n"),
    ("class_reason", "class_why"),
    ("coverage_ok", "cov_ok"),
    ("cross_check", "cross_chk"),
    ("development_rate", "dev_rate"),
    ("distance_old_m", "dist_old_m"),
    ("distance_old_pts", "dist_old_p"),
    ("employees_per_ha", "emp_ha"),
    ("enterprise_id", "ent_id"),
    ("enterprises", "ent_count"),
    ("event_description", "event_desc"),
    ("excluded_by", "excl_by"),
    ("factory_remaining_m2", "fac_left"),
    ("far_min_required", "far_min"),
    ("floor_area_m2", "floor_m2"),
    ("idle_class_zh", "idle_zh"),
    ("idle_fee_due", "fee_due"),
    ("idle_reason", "idle_why"),
    ("industrial_coverage", "ind_cov"),
    ("industrial_far", "ind_far"),
    ("industrial_land_rate", "ind_land_r"),
    ("investment_per_mu", "invest_mu"),
    ("largest_serviced_mu", "srv_max_mu"),
    ("nearest_sensitive_m", "sensitiv_m"),
    ("productivity", "product"),
    ("protection_m", "protect_m"),
    ("protection_source", "protect_sr"),
    ("recoverable", "recover"),
    ("recoverable_mu", "recov_mu"),
    ("released_mu", "release_mu"),
    ("required_mu", "require_mu"),
    ("requires_approval", "need_appr"),
    ("requires_recovery", "need_recov"),
    ("revenue_per_mu", "revenue_mu"),
    ("serviced_unsupplied_mu", "srv_uns_mu"),
    ("suppliable_mu", "suppl_mu"),
    ("supplied_mu", "supply_mu"),
    ("supply_mu_per_year", "sup_mu_yr"),
    ("supply_rate", "supply_rt"),
    ("supply_years_left", "sup_yr_lft"),
    ("surplus_pts", "surplus_p"),
    ("surplus_ratio", "surplus_r"),
    ("tax_per_tce", "tax_tce"),
    ("top1_tax_share", "top1_tax"),
    ("top5_tax_share", "top5_tax"),
    ("top_stability", "stability"),
    ("unplaced_reason", "unplaced"),
    ("value_added_per_emission", "va_emis"),
    ("value_added_per_mu", "va_mu"),
    ("value_added_per_tce", "va_tce"),
    ("wastewater_m", "wastew_m"),
    ("wastewater_pts", "wastew_p"),
    ("wind_penalty", "wind_pen"),
    ("within_days", "within_d"),
    ("cluster_pts", "cluster_p"),
    ("far_required", "far_req"),
    ("fits_leading_industry", "fits_lead"),
    ("investment_per_mu_required", "inv_mu_req"),
    ("investment_per_mu_value", "inv_mu_val"),
    ("output_per_mu_required", "out_mu_req"),
    ("output_per_mu_value", "out_mu_val"),
    ("proposal_id", "prop_id"),
    ("recommended", "recommend"),
    ("tax_per_mu_required", "tax_mu_req"),
    ("tax_per_mu_value", "tax_mu_val"),
    ("energy_per_value_added_max", "energy_max"),
    ("investment_per_mu_min", "inv_mu_min"),
    ("output_per_mu_min", "out_mu_min"),
    ("tax_per_mu_min", "tax_mu_min"),
];

/// Text the encoding can hold: GBK has no superscripts (m² is written m2) and other
/// characters it lacks become `?` (encoding_rs would write an HTML entity such as
/// `&#178;`, which no GIS decodes).
pub(crate) fn representable(s: &str, enc: ShpEncoding) -> std::borrow::Cow<'_, str> {
    if enc == ShpEncoding::Utf8 || s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    if super::gbk::gbk_holds(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match (super::gbk::gbk_bytes(c), c) {
            (Some(_), _) => out.push(c),
            (None, '²') => out.push('2'),
            (None, '³') => out.push('3'),
            (None, _) => out.push('?'),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Bytes a name takes in the encoding (GBK: two per non-ASCII character).
pub(crate) fn encoded_len(s: &str, enc: ShpEncoding) -> usize {
    match enc {
        ShpEncoding::Utf8 => s.len(),
        ShpEncoding::Gbk => s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum(),
    }
}

/// The longest prefix of `s` that takes at most `max` bytes in the encoding.
pub(crate) fn cut(s: &str, max: usize, enc: ShpEncoding) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let n = encoded_len(c.encode_utf8(&mut [0; 4]), enc);
        if used + n > max {
            return &s[..i];
        }
        used += n;
    }
    s
}

/// The DBF field name of every column, in order: unique, at most 10 bytes.
pub fn dbf_names<'a>(keys: impl IntoIterator<Item = &'a str>, enc: ShpEncoding) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in keys {
        let base = SHORT_NAMES
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, s)| (*s).to_owned())
            .unwrap_or_else(|| {
                let trimmed = key.trim();
                let t = if trimmed.is_empty() { "field" } else { trimmed };
                cut(t, 10, enc).to_owned()
            });
        let taken = |n: &str| out.iter().any(|o| o.eq_ignore_ascii_case(n));
        let mut name = base.clone();
        let mut k = 1;
        while taken(&name) {
            let suffix = format!("_{k}");
            name = format!("{}{suffix}", cut(&base, 10 - suffix.len(), enc));
            k += 1;
        }
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_outside_gbk_is_replaced_not_escaped() {
        assert_eq!(
            representable("建筑 3129 m²，≥ 1", ShpEncoding::Gbk),
            "建筑 3129 m2，≥ 1"
        );
        assert_eq!(representable("😀", ShpEncoding::Gbk), "?");
        assert_eq!(representable("m²", ShpEncoding::Utf8), "m²");
    }

    #[test]
    fn short_names_are_short_unique_and_only_for_long_keys() {
        for (k, s) in SHORT_NAMES {
            assert!(k.len() > 10, "{k} fits already");
            assert!(s.len() <= 10 && s.is_ascii(), "{s}");
        }
        let mut shorts: Vec<&str> = SHORT_NAMES.iter().map(|(_, s)| *s).collect();
        shorts.sort_unstable();
        shorts.dedup();
        assert_eq!(
            shorts.len(),
            SHORT_NAMES.len(),
            "two keys share a short name"
        );
    }

    #[test]
    fn mapping_is_stable_whatever_else_the_table_holds() {
        // The contract's name does not depend on the columns around it.
        let a = dbf_names(["parcel_id", "investment_per_mu"], ShpEncoding::Gbk);
        let b = dbf_names(["investment_per_mu"], ShpEncoding::Gbk);
        assert_eq!(a[1], "invest_mu");
        assert_eq!(b[0], "invest_mu");
    }

    #[test]
    fn other_names_are_cut_by_bytes_of_the_encoding_and_deduplicated() {
        // 宗地编号 is 8 bytes in GBK (fits) but 12 in UTF-8 (cut to 3 characters).
        let g = dbf_names(["宗地编号", "土地使用权人名称"], ShpEncoding::Gbk);
        assert_eq!(g, ["宗地编号", "土地使用权"]);
        let u = dbf_names(["宗地编号"], ShpEncoding::Utf8);
        assert_eq!(u, ["宗地编"]);
        let d = dbf_names(
            ["abcdefghijkl", "abcdefghijxy", "ABCDEFGHIJ"],
            ShpEncoding::Gbk,
        );
        assert_eq!(d, ["abcdefghij", "abcdefgh_1", "ABCDEFGH_2"]);
    }
}
