//! The one layout of a sheet, written on download and expected on upload.
//!
//! Row 1 is the sheet's identity — [`MARKER`], whose values (`eu`, `ca` or `joint`), the cycle's
//! year and the sheet's language — so that a sheet saved as CSV, or renamed, still says what it
//! is. Row 2 holds the column headings in the sheet's language; each row after it is a
//! commitment.

use crate::{
    domain::{assessment::Evidence, status::Status},
    i18n::Lang,
};

use super::SheetKind;

/// The first cell of every sheet.
pub const MARKER: &str = "sdp-tracker";
/// Spreadsheet row (1-based) of the column headings; data rows follow.
pub const HEADER_ROW: usize = 2;

/// A column of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Area,
    Commitment,
    /// The EU's current status, for the secretariat's information (joint sheet).
    EuStatus,
    /// Canada's current status, for the secretariat's information (joint sheet).
    CaStatus,
    /// The side's status, or the joint status.
    Status,
    Narrative,
    Evidence,
    SummaryEn,
    SummaryFr,
    NextStepsEn,
    NextStepsFr,
    /// The version the row was downloaded at.
    Version,
}

const SIDE_COLUMNS: &[Column] = &[
    Column::Reference,
    Column::Area,
    Column::Commitment,
    Column::Status,
    Column::Narrative,
    Column::Evidence,
    Column::Version,
];

const JOINT_COLUMNS: &[Column] = &[
    Column::Reference,
    Column::Area,
    Column::Commitment,
    Column::EuStatus,
    Column::CaStatus,
    Column::Status,
    Column::SummaryEn,
    Column::SummaryFr,
    Column::NextStepsEn,
    Column::NextStepsFr,
    Column::Version,
];

/// The columns of a sheet, in order.
pub fn columns(kind: SheetKind) -> &'static [Column] {
    match kind {
        SheetKind::Side(_) => SIDE_COLUMNS,
        SheetKind::Joint => JOINT_COLUMNS,
    }
}

impl Column {
    fn header_key(self, kind: SheetKind) -> &'static str {
        match self {
            Column::Reference => "sheet-col-reference",
            Column::Area => "sheet-col-area",
            Column::Commitment => "sheet-col-commitment",
            Column::EuStatus => "sheet-col-eu-status",
            Column::CaStatus => "sheet-col-ca-status",
            Column::Status if kind == SheetKind::Joint => "sheet-col-joint-status",
            Column::Status => "sheet-col-status",
            Column::Narrative => "sheet-col-narrative",
            Column::Evidence => "sheet-col-evidence",
            Column::SummaryEn => "sheet-col-summary-en",
            Column::SummaryFr => "sheet-col-summary-fr",
            Column::NextStepsEn => "sheet-col-next-steps-en",
            Column::NextStepsFr => "sheet-col-next-steps-fr",
            Column::Version => "sheet-col-version",
        }
    }

    /// The heading in `lang`.
    pub fn header(self, kind: SheetKind, lang: Lang) -> String {
        lang.t(self.header_key(kind))
    }

    /// May the user change this column? The others are locked in the XLSX and ignored on upload
    /// (the version excepted: it is read, never written back).
    pub fn editable(self) -> bool {
        matches!(
            self,
            Column::Status
                | Column::Narrative
                | Column::Evidence
                | Column::SummaryEn
                | Column::SummaryFr
                | Column::NextStepsEn
                | Column::NextStepsFr
        )
    }
}

/// The data sheet's name in `lang` (the instructions are on a second sheet).
pub fn data_sheet_name(kind: SheetKind, lang: Lang) -> String {
    match kind {
        SheetKind::Side(_) => lang.t("sheet-name-assessments"),
        SheetKind::Joint => lang.t("sheet-name-joint"),
    }
}

/// The instructions sheet's name in `lang`.
pub fn instructions_sheet_name(lang: Lang) -> String {
    lang.t("sheet-name-instructions")
}

/// Every name a data sheet may have: a sheet is recognised in either language.
pub fn data_sheet_names() -> Vec<String> {
    let mut names = Vec::new();
    for lang in [Lang::En, Lang::Fr] {
        for kind in [
            SheetKind::Side(crate::domain::account::Side::Eu),
            SheetKind::Joint,
        ] {
            names.push(data_sheet_name(kind, lang));
        }
    }
    names
}

/// The spreadsheet name of a 0-based column: A, B, …, Z, AA, …
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// The status a cell names: its label in either language (as the drop-down offers it) or its
/// key (`on_track`), compared without regard to case or surrounding spaces. `Ok(None)` for an
/// empty cell; `Err` gives the text back.
pub fn parse_status(cell: &str) -> Result<Option<Status>, String> {
    let text = cell.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(status) = text.parse::<Status>() {
        return Ok(Some(status));
    }
    let folded = fold(text);
    Status::ALL
        .into_iter()
        .find(|s| {
            [Lang::En, Lang::Fr]
                .iter()
                .any(|l| fold(&l.t(s.label_key())) == folded)
        })
        .map(Some)
        .ok_or_else(|| text.to_owned())
}

/// Lower case, with the dashes and spaces a spreadsheet or a keyboard may substitute made alike.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            '\u{00A0}' | '\u{202F}' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The status labels of the drop-down, in `lang`, in the scale's order.
pub fn status_labels(lang: Lang) -> Vec<String> {
    Status::ALL.iter().map(|s| lang.t(s.label_key())).collect()
}

/// Evidence links as one cell: a link a line, its label (if any) after a space.
pub fn evidence_cell(evidence: &[Evidence]) -> String {
    evidence
        .iter()
        .map(|e| {
            if e.label.is_empty() {
                e.url.clone()
            } else {
                format!("{} {}", e.url, e.label)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The links of an evidence cell (the reverse of [`evidence_cell`]); a link holds no space, so
/// the first space on a line ends it. Blank lines are skipped.
pub fn parse_evidence(cell: &str) -> Vec<Evidence> {
    cell.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| match line.split_once(char::is_whitespace) {
            Some((url, label)) => Evidence {
                url: url.to_owned(),
                label: label.trim().to_owned(),
            },
            None => Evidence {
                url: line.to_owned(),
                label: String::new(),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_the_spreadsheet_convention() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(6), "G");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn statuses_are_read_from_either_language_or_their_key() {
        assert_eq!(parse_status(""), Ok(None));
        assert_eq!(parse_status("on_track"), Ok(Some(Status::OnTrack)));
        assert_eq!(
            parse_status("Underway – on track"),
            Ok(Some(Status::OnTrack))
        );
        assert_eq!(
            parse_status(" underway - ON TRACK "),
            Ok(Some(Status::OnTrack))
        );
        assert_eq!(
            parse_status("En cours – avec des difficultés"),
            Ok(Some(Status::Challenges))
        );
        assert_eq!(parse_status("Done"), Err("Done".to_owned()));
    }

    #[test]
    fn evidence_cells_round_trip() {
        let links = vec![
            Evidence {
                url: "https://example.org/a".into(),
                label: String::new(),
            },
            Evidence {
                url: "https://example.org/b?x=1".into(),
                label: "Joint statement, 2026".into(),
            },
        ];
        assert_eq!(parse_evidence(&evidence_cell(&links)), links);
        assert_eq!(parse_evidence("\n  \r\n"), Vec::<Evidence>::new());
    }
}
