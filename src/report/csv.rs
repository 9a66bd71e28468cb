//! The report as a spreadsheet: UTF-8 with a byte-order mark (so that spreadsheet programs read
//! the accents), one row per commitment, headings in the report's language. A cell cannot say its
//! language, so the column after the text gives the language the text is in (`en`, `fr`). Cells
//! that a spreadsheet would take for a formula are neutralised.

use super::model::{CommitmentEntry, Report, SideEntry, StatusValue};

/// The UTF-8 byte-order mark that starts the file.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Characters that make a spreadsheet read a cell as a formula (or split it), when first.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Prefixes `'` to a cell that starts like a formula (CSV injection).
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Renders the report as CSV bytes.
pub fn render(report: &Report) -> anyhow::Result<Vec<u8>> {
    let l = &report.labels;
    let mut out = csv::Writer::from_writer(BOM.to_vec());
    let side = |label: &str, what: &str| format!("{label} – {what}");
    out.write_record([
        l.reference.clone(),
        l.paragraph.clone(),
        l.area.clone(),
        l.text.clone(),
        l.text_lang.clone(),
        side(&l.side_eu, &l.status),
        side(&l.side_eu, &l.narrative),
        side(&l.side_eu, &l.evidence),
        side(&l.side_ca, &l.status),
        side(&l.side_ca, &l.narrative),
        side(&l.side_ca, &l.evidence),
        l.divergent.clone(),
        l.joint_status.clone(),
        l.correction.clone(),
        l.summary_line.clone(),
        l.next_steps.clone(),
        l.trend.clone(),
        l.errata.clone(),
    ])?;
    let yes = report.lang.t("report-yes");
    let no = report.lang.t("report-no");
    for area in &report.areas {
        for c in &area.commitments {
            let record = row(report, c, &yes, &no);
            out.write_record(record.iter().map(|cell| neutralise(cell)))?;
        }
    }
    Ok(out.into_inner().map_err(|e| e.into_error())?)
}

fn status(value: Option<&StatusValue>, none: &str) -> String {
    value.map_or_else(|| none.to_owned(), |s| s.label.clone())
}

fn evidence(side: &SideEntry) -> String {
    side.evidence
        .iter()
        .map(|e| {
            if e.label.is_empty() {
                e.url.clone()
            } else {
                format!("{} <{}>", e.label, e.url)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn row(report: &Report, c: &CommitmentEntry, yes: &str, no: &str) -> Vec<String> {
    let l = &report.labels;
    let joint = c.joint.as_ref();
    vec![
        c.reference.clone(),
        c.paragraph_number.to_string(),
        c.area_title.clone(),
        c.text.clone(),
        c.text_lang.code().to_owned(),
        status(c.eu.status.as_ref(), &l.not_submitted),
        c.eu.narrative.clone(),
        evidence(&c.eu),
        status(c.ca.status.as_ref(), &l.not_submitted),
        c.ca.narrative.clone(),
        evidence(&c.ca),
        if c.divergent { yes } else { no }.to_owned(),
        status(joint.map(|j| &j.status), &l.no_joint_review),
        joint.and_then(|j| j.corrected.clone()).unwrap_or_default(),
        joint.map(|j| j.summary.clone()).unwrap_or_default(),
        joint.map(|j| j.next_steps.clone()).unwrap_or_default(),
        c.trend
            .as_ref()
            .map_or_else(String::new, |t| t.label.clone()),
        c.errata
            .iter()
            .map(|e| {
                let changes: Vec<String> = e
                    .changes
                    .iter()
                    .map(|ch| report.lang.labelled(&ch.label, &ch.value))
                    .collect();
                format!(
                    "{} ({}) – {} – {}",
                    e.at_text,
                    e.author,
                    e.reason,
                    changes.join("; ")
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for cell in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        for cell in ["25(c)", "On track", "", "a=b"] {
            assert_eq!(neutralise(cell), cell);
        }
    }
}
