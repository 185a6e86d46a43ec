//! Siting evidence in both languages, against sentences written out by hand.

use super::*;
use crate::units::AreaM2;

#[test]
fn rejections_in_both_languages() {
    let table = ProtectionSource::Table {
        code: "3011".into(),
        name: "水泥制造".into(),
    };
    let cases = [
        (
            RejectionEvidence::Industry {
                industry: Some("26".into()),
                park_id: "P003".into(),
                leading: vec!["22".into(), "23".into(), "29".into()],
            },
            ("industry 26", "park P003 leading industries 22,23,29"),
            ("行业代码 26", "园区 P003 主导产业 22、23、29"),
        ),
        (
            RejectionEvidence::Industry {
                industry: None,
                park_id: "P001".into(),
                leading: vec!["30".into()],
            },
            ("industry unknown", "park P001 leading industries 30"),
            ("行业代码 不详", "园区 P001 主导产业 30"),
        ),
        (
            RejectionEvidence::Area {
                area: AreaM2::from_mu(12.54),
                required: AreaM2::from_mu(31.0),
            },
            ("12.54 亩", "≥ 31.00 亩"),
            ("12.54 亩", "≥ 31.00 亩"),
        ),
        (
            RejectionEvidence::Buffer {
                distance_m: 412.34,
                protection_m: 1000.0,
                source: table,
            },
            (
                "412.3 m to the nearest sensitive receptor",
                "≥ 1000 m (table 3011: 水泥制造)",
            ),
            (
                "距最近环境敏感点 412.3 米",
                "≥ 1000 米（防护距离表 3011：水泥制造）",
            ),
        ),
        (
            RejectionEvidence::Exclusion {
                kind: ConstraintKind::EcologicalRedline,
                overlap_m2: 247.21,
                max_m2: 1.0,
            },
            ("247.2 m² inside ecological_redline", "≤ 1 m²"),
            ("占用生态保护红线 247.2 平方米", "≤ 1 平方米"),
        ),
    ];
    for (e, (me, te), (mz, tz)) in cases {
        assert_eq!(measured(&e, Lang::En), me);
        assert_eq!(threshold(&e, Lang::En), te);
        assert_eq!(measured(&e, Lang::Zh), mz);
        assert_eq!(threshold(&e, Lang::Zh), tz);
    }
}

#[test]
fn protection_sources_in_both_languages() {
    let eia = ProtectionSource::Eia;
    let default = ProtectionSource::Default { distance_m: 100.0 };
    assert_eq!(
        protection_with_flag(&eia, Lang::En),
        "EIA approval of the enterprise"
    );
    assert_eq!(protection_with_flag(&eia, Lang::Zh), "企业环评批复");
    assert_eq!(
        protection_with_flag(&default, Lang::En),
        "default 100 m (no EIA distance, no table row) [fallback]"
    );
    assert_eq!(
        protection_with_flag(&default, Lang::Zh),
        "默认 100 米（无环评批复距离，防护距离表无对应行业）［缺省值］"
    );
}

#[test]
fn move_and_unplaced_reasons_in_both_languages() {
    assert_eq!(
        MoveReason::Flagged.words(Lang::En),
        "flagged to relocate (搬迁)"
    );
    assert_eq!(MoveReason::Flagged.words(Lang::Zh), "台账标注搬迁");
    assert_eq!(
        MoveReason::HeavyPolluterInBuiltUp.words(Lang::En),
        "heavy polluter inside the built-up area (城市建成区)"
    );
    assert_eq!(
        MoveReason::HeavyPolluterInBuiltUp.words(Lang::Zh),
        "位于城市建成区内的重污染企业"
    );
    let none = UnplacedReason::NoFeasibleSite {
        last: Constraint::Buffer,
        considered: 40,
        failed: [10, 20, 10, 0],
    };
    assert_eq!(
        none.words(Lang::En),
        "no feasible site: the last candidates failed the buffer constraint (of 40 \
         candidates: 10 failed industry, 20 area, 10 buffer, 0 exclusion)"
    );
    assert_eq!(
        none.words(Lang::Zh),
        "无可行地块：最后的候选地块未通过卫生防护距离条件（共 40 个候选地块：产业准入不符 10 个，\
         用地规模不足 20 个，卫生防护距离不足 10 个，占用管控区 0 个）"
    );
    assert_eq!(
        UnplacedReason::NoCandidate.words(Lang::En),
        "no candidate site in any park"
    );
    assert_eq!(
        UnplacedReason::NoCandidate.words(Lang::Zh),
        "各园区均无候选地块"
    );
    assert_eq!(
        UnplacedReason::Outbid.words(Lang::En),
        "its feasible sites went to enterprises with a higher total score (see sites.csv)"
    );
    assert_eq!(
        UnplacedReason::Outbid.words(Lang::Zh),
        "其可行地块已安排给总得分更高的企业（见 sites.csv）"
    );
}

#[test]
fn placement_problems_in_both_languages() {
    let unknown = Unplaced::UnknownParcel(vec!["A-1".into(), "A-9".into()]);
    assert_eq!(unknown.words(Lang::En), "parcel_id not found: A-1,A-9");
    assert_eq!(unknown.words(Lang::Zh), "未找到宗地编号：A-1、A-9");
    assert_eq!(
        Unplaced::OutsideParcels.words(Lang::En),
        "located outside every parcel"
    );
    assert_eq!(
        Unplaced::OutsideParcels.words(Lang::Zh),
        "坐标不在任何宗地内"
    );
    assert_eq!(
        Unplaced::NoLocation.words(Lang::En),
        "no location and no parcel_id"
    );
    assert_eq!(Unplaced::NoLocation.words(Lang::Zh), "既无坐标也无宗地编号");
}
