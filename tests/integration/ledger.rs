//! The workbook as a 台账, read back by openpyxl (an independent reader of the file
//! format): Chinese values, number formats, ids as text, filters, frozen headers, print
//! set-up and the 说明 sheet. Skipped when python3 with openpyxl is missing.

use std::process::Command;

use crate::util::run;

const INSPECT: &str = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1] + "/parkscope.xlsx")
print("sheets", "|".join(wb.sheetnames))
about = wb["说明"]
print("about", "|".join(str(r[0]) for r in about.iter_rows(values_only=True) if r[0]))
for name in wb.sheetnames[1:]:
    ws = wb[name]
    print("sheet", name, ws.auto_filter.ref, ws.freeze_panes, ws.print_title_rows,
          ws.page_setup.orientation, ws.max_row)
def column(ws, title):
    heads = [c.value for c in ws[1]]
    i = heads.index(title)
    return [row[i] for row in ws.iter_rows(min_row=2)]
p = wb["宗地"]
status = column(p, "供地状态")
print("status", "|".join(sorted({c.value for c in status if c.value})))
print("far_ok", "|".join(sorted({c.value for c in column(p, "容积率达标") if c.value is not None})))
print("class", "|".join(sorted({c.value for c in column(p, "低效类别")})))
area = column(p, "面积（亩）")[0]
print("area", area.number_format, type(area.value).__name__)
print("cov", column(p, "建筑密度")[0].number_format)
print("tax", column(p, "亩均税收（万元/亩）")[0].number_format)
e = wb["企业"]
ids = column(e, "统一社会信用代码")
print("ids", {type(c.value).__name__ for c in ids}, {c.number_format for c in ids}, ids[0].value)
print("heads", "|".join(c.value for c in p[1]))
"#;

#[test]
fn the_zh_workbook_reads_as_a_chinese_ledger() {
    let ready = Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ready {
        eprintln!("python3 with openpyxl not found: workbook check skipped");
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let r = run(&[
        "run",
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample"),
        "-o",
        &out.path().display().to_string(),
        "--format",
        "xlsx",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The summary follows the project's language.
    assert!(r.stdout.contains("评价时点 2026-06-30"), "{}", r.stdout);
    assert!(r.stdout.contains("低效用地（2026-06-30）"), "{}", r.stdout);
    let o = Command::new("python3")
        .args(["-c", INSPECT, &out.path().display().to_string()])
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    let line = |k: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{k} ")))
            .unwrap_or_else(|| panic!("no {k} in {text}"))
            .to_owned()
    };
    assert_eq!(
        line("sheets"),
        "sheets 说明|宗地|园区|企业|低效用地汇总|即将到期|批而未供|年度供地|标准地"
    );
    for item in [
        "项目",
        "评价时点",
        "控制指标",
        "亩均评价办法",
        "数据来源：宗地",
        "工作表：宗地",
    ] {
        assert!(line("about").contains(item), "{item}: {}", line("about"));
    }
    for l in text.lines().filter(|l| l.starts_with("sheet ")) {
        // sheet NAME A1:… B2 $1:$1 landscape N
        let f: Vec<&str> = l.split_whitespace().collect();
        assert!(f[2].starts_with("A1:"), "autofilter: {l}");
        assert_eq!(f[3], "B2", "header row and id column frozen: {l}");
        assert_eq!(f[4], "$1:$1", "header repeated on every page: {l}");
        assert_eq!(f[5], "landscape", "{l}");
    }
    assert_eq!(line("status"), "status 已供|已批|未批");
    assert_eq!(line("far_ok"), "far_ok 否|是");
    let classes = line("class");
    for c in [
        "闲置土地",
        "批而未供",
        "供而未用",
        "用而未尽",
        "建而未投",
        "投而未达标",
        "正常",
    ] {
        assert!(classes.contains(c), "{c}: {classes}");
    }
    assert_eq!(line("area"), "area #,##0.00 float");
    assert_eq!(line("cov"), "cov 0.00%");
    assert_eq!(line("tax"), "tax #,##0.00");
    // 18-character credit codes are text cells formatted as text, never numbers.
    let ids = line("ids");
    assert!(ids.starts_with("ids {'str'} {'@'} 9"), "{ids}");
    assert!(
        !line("heads").contains("低效类别（中文）"),
        "the redundant column is left out"
    );
}
