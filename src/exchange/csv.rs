//! Reports as CSV, for spreadsheets: each table under its caption, a blank
//! line between tables. Cells that a spreadsheet would run as a formula are
//! written with a leading apostrophe, so a name like `=HYPERLINK(...)` stays
//! text.

use crate::domain::reports::Report;

/// A cell made safe to open in a spreadsheet.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The report as CSV text (UTF-8, with a byte-order mark so Excel reads the
/// pound sign and accents correctly).
pub fn report_csv(report: &Report) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut row = |cells: Vec<String>| {
        w.write_record(cells.iter().map(|c| cell(c)))
            .expect("writing to memory cannot fail");
    };
    row(vec![report.title.clone()]);
    row(vec![report.subtitle.clone()]);
    for t in &report.tables {
        row(vec![String::new()]);
        row(vec![t.caption.clone()]);
        row(t.headers.clone());
        for r in &t.rows {
            row(r.clone());
        }
    }
    row(vec![String::new()]);
    for n in &report.notes {
        row(vec![n.clone()]);
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    format!(
        "\u{feff}{}",
        String::from_utf8(bytes).expect("the cells are UTF-8")
    )
}

/// A file name for the report: its title in lower case, words joined by
/// hyphens, then `.csv`.
pub fn report_file_name(report: &Report) -> String {
    let words: Vec<String> = report
        .title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("{}.csv", words.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reports::Table;

    #[test]
    fn tables_are_written_under_their_captions_and_formulas_are_defused() {
        let r = Report {
            title: "SEN information report figures, 2025-26".into(),
            subtitle: "Zoë's school".into(),
            tables: vec![Table {
                caption: "Counts".into(),
                headers: vec!["Need".into(), "Total".into()],
                rows: vec![
                    vec!["SLCN, speech".into(), "fewer than 5".into()],
                    vec!["=1+1".into(), "£1,234.56".into()],
                ],
            }],
            notes: vec!["Counts under 5 are shown as \"fewer than 5\".".into()],
        };
        let text = report_csv(&r);
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            lines,
            [
                "\"SEN information report figures, 2025-26\"",
                "Zoë's school",
                "\"\"",
                "Counts",
                "Need,Total",
                "\"SLCN, speech\",fewer than 5",
                "'=1+1,\"£1,234.56\"",
                "\"\"",
                "\"Counts under 5 are shown as \"\"fewer than 5\"\".\"",
            ]
        );
        // Read back with a CSV reader: the cells survive.
        let mut rd = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<Vec<String>> = rd
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(rows[6], ["'=1+1", "£1,234.56"]);
        // Every character a spreadsheet starts a formula with is defused,
        // so a pupil's name that begins with one is written as text.
        for c in ['=', '+', '-', '@', '\t', '\r'] {
            assert_eq!(cell(&format!("{c}Ann")), format!("'{c}Ann"));
        }
        assert_eq!(cell("Ann-Marie"), "Ann-Marie");
        assert_eq!(
            report_file_name(&r),
            "sen-information-report-figures-2025-26.csv"
        );
    }
}
