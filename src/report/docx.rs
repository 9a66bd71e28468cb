//! The progress report as a Word document (`.docx`), for the secretariat to edit further.
//!
//! Built with `docx-rs` from the one [`Report`] model: a title page, a table of contents, the
//! summary tables, the items for discussion, every commitment by area with a small table (each
//! side's status and narrative, the joint status, summary line, next steps, trend) and the
//! errata. Headings use Word's own heading styles (`Heading1`–`Heading4`, named "heading 1", …)
//! so the navigation pane, the style gallery and the TOC know them: sections are level 1, areas
//! level 2, nested cooperation areas level 3, commitments level 4. The table of contents is a
//! Word TOC field over levels 1–3, marked dirty so that Word rebuilds it when the document is
//! opened; until then it holds one hyperlinked entry per heading with a PAGEREF field (which
//! LibreOffice computes on load). The marking is in the page header and "Page N / M" (PAGE and
//! NUMPAGES fields) in the footer of every page.
//!
//! Every label comes from the model (already translated) or from `report.lang.t`. Text from the
//! database only ever becomes `w:t` text (escaped by docx-rs), minus the control characters XML
//! cannot carry. The document's language, title and creator, and its tables' header rows, are
//! put in by [`package::finish`]; runs of partnership text in the other language carry their own
//! (`w:lang`, see [`lang`]).

mod package;

use std::io::Cursor;

use anyhow::Context;
use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, Header, HeightRule, Hyperlink, HyperlinkType,
    InstrPAGEREF, InstrText, InstrToC, LineSpacing, LineSpacingType, NumPages, PageMargin, PageNum,
    Paragraph, Run, RunFonts, Shading, ShdType, Style, StyleType, Tab, TabLeaderType, TabValueType,
    Table, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::{
    domain::lang::Lang,
    report::model::{
        CommitmentEntry, Erratum, Labels, Report, SideEntry, StatusCount, StatusValue,
    },
};

mod lang;

/// A4 in twentieths of a point, with 2 cm side margins.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN_SIDE: i32 = 1134;
const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN_SIDE as usize;
/// Column widths of a commitment's table: label, status, narrative.
const COMMITMENT_COLS: [usize; 3] = [1800, 2400, TEXT_WIDTH - 1800 - 2400];
const COUNT_COL: usize = 1600;
const HEADER_FILL: &str = "D9D9D9";
const HEADING_COLOR: &str = "1F3864";
const FONT: &str = "Arial";
/// The deepest heading level listed in the table of contents.
const TOC_LEVELS: usize = 3;

/// Renders the report as a `.docx` file.
pub fn render(report: &Report) -> anyhow::Result<Vec<u8>> {
    let mut body = Body::default();
    summary(&mut body, report);
    for_discussion(&mut body, report);
    progress(&mut body, report);
    errata(&mut body, report);

    let mut doc = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(1418)
                .bottom(1418)
                .left(MARGIN_SIDE)
                .right(MARGIN_SIDE)
                .header(709)
                .footer(709),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(20)
        .default_line_spacing(spacing(0, 120))
        .header(header(report))
        .footer(footer(report));
    for style in styles() {
        doc = doc.add_style(style);
    }
    doc = title_page(doc, report);
    doc = contents(doc, report, &body.toc);
    for block in body.blocks {
        doc = match block {
            Block::P(p) => doc.add_paragraph(p),
            Block::T(t) => doc.add_table(t),
        };
    }

    let mut stored = Cursor::new(Vec::with_capacity(512 * 1024));
    doc.build().pack(&mut stored)?;
    package::finish(stored.get_ref(), report).context("finishing the docx")
}

/// The document after the title page and the contents, collected first so that the contents
/// can list its headings.
#[derive(Default)]
struct Body {
    blocks: Vec<Block>,
    toc: Vec<TocEntry>,
    bookmarks: usize,
}

// A few hundred blocks per report, built once: their size does not matter.
#[allow(clippy::large_enum_variant)]
enum Block {
    P(Paragraph),
    T(Table),
}

struct TocEntry {
    level: usize,
    text: String,
    bookmark: String,
    /// (the text's language, the report's), for partnership text.
    langs: Option<(Lang, Lang)>,
}

impl Body {
    fn p(&mut self, p: Paragraph) {
        self.blocks.push(Block::P(p));
    }

    fn table(&mut self, t: Table) {
        self.blocks.push(Block::T(t));
    }

    /// A heading in Word's `Heading{level}` style, bookmarked for the contents.
    fn heading(&mut self, level: usize, text: &str, page_break: bool) {
        self.heading_in(level, text, page_break, None);
    }

    /// A heading of partnership text in `lang`, for a report in `report_lang` (`(lang,
    /// report_lang)`): marked with its language when they differ.
    fn heading_in(
        &mut self,
        level: usize,
        text: &str,
        page_break: bool,
        langs: Option<(Lang, Lang)>,
    ) {
        self.bookmarks += 1;
        let id = self.bookmarks;
        let bookmark = format!("_Toc{id:08}");
        let text = clean(text);
        if level <= TOC_LEVELS {
            self.toc.push(TocEntry {
                level,
                text: text.clone(),
                bookmark: bookmark.clone(),
                langs,
            });
        }
        self.p(Paragraph::new()
            .style(&format!("Heading{level}"))
            .keep_next(true)
            .page_break_before(page_break)
            .add_bookmark_start(id, bookmark)
            .add_run(in_lang(Run::new().add_text(text), langs))
            .add_bookmark_end(id));
    }
}

/// Word's built-in paragraph styles, defined here (ids and names as Word has them).
fn styles() -> Vec<Style> {
    let para = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
    };
    let heading = |level: usize, size: usize, before: u32| {
        para(&format!("Heading{level}"), &format!("heading {level}"))
            .q_format(true)
            .ui_priority(9)
            .bold()
            .size(size)
            .color(HEADING_COLOR)
            .outline_lvl(level - 1)
            .line_spacing(spacing(before, 120))
    };
    let toc = |level: usize| {
        para(&format!("TOC{level}"), &format!("toc {level}"))
            .ui_priority(39)
            .indent(Some(((level - 1) * 284) as i32), None, None, None)
            .line_spacing(spacing(0, 60))
    };
    vec![
        para("Title", "Title")
            .q_format(true)
            .ui_priority(10)
            .bold()
            .size(56)
            .color(HEADING_COLOR)
            .line_spacing(spacing(120, 240)),
        para("Subtitle", "Subtitle")
            .q_format(true)
            .ui_priority(11)
            .size(30)
            .line_spacing(spacing(0, 160)),
        heading(1, 32, 360),
        heading(2, 28, 300),
        heading(3, 24, 240),
        heading(4, 21, 200),
        para("TOCHeading", "TOC Heading")
            .q_format(true)
            .ui_priority(39)
            .bold()
            .size(32)
            .color(HEADING_COLOR)
            .line_spacing(spacing(0, 240)),
        toc(1),
        toc(2),
        toc(3),
        para("Quote", "Quote")
            .q_format(true)
            .ui_priority(29)
            .italic()
            .indent(Some(567), None, None, None)
            .line_spacing(spacing(0, 120)),
        para("Caption", "caption")
            .q_format(true)
            .ui_priority(35)
            .bold()
            .size(20)
            .line_spacing(spacing(200, 80)),
        para("Header", "header")
            .size(16)
            .line_spacing(spacing(0, 0)),
        para("Footer", "footer")
            .size(16)
            .line_spacing(spacing(0, 0)),
        para("TableText", "Table Text")
            .q_format(true)
            .size(18)
            .line_spacing(spacing(20, 40)),
        // Content shown in the other language (not yet translated); `package` gives each its
        // `w:lang`.
        Style::new(package::content_style(Lang::En), StyleType::Character)
            .name("Content in English"),
        Style::new(package::content_style(Lang::Fr), StyleType::Character)
            .name("Content in French"),
    ]
}

/// Paragraph spacing before and after, single line spacing.
fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(240)
        .line_rule(LineSpacingType::Auto)
}

/// The page header: the report's title on the left, the marking on the right, on every page.
fn header(report: &Report) -> Header {
    let c = &report.cover;
    let mut p = Paragraph::new()
        .style("Header")
        .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
        .add_run(content_run(
            report,
            &c.dialogue_title,
            c.dialogue_title_lang,
        ))
        .add_run(Run::new().add_text(clean(&format!(" – {}", c.report_title))));
    if let Some(marking) = marking(report) {
        p = p.add_run(Run::new().add_tab().add_text(marking).bold().size(20));
    }
    Header::new().add_paragraph(p)
}

/// The page footer: the document number and "Page N / M".
fn footer(report: &Report) -> Footer {
    let mut p = Paragraph::new()
        .style("Footer")
        .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH));
    if let Some(number) = report.cover.document_number.as_deref() {
        p = p.add_run(Run::new().add_text(clean(number)));
    }
    p = p
        .add_run(
            Run::new()
                .add_tab()
                .add_text(format!("{} ", report.lang.t("report-file-page"))),
        )
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" / "))
        .add_num_pages(NumPages::new());
    Footer::new().add_paragraph(p)
}

fn marking(report: &Report) -> Option<String> {
    report
        .cover
        .marking
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(clean)
}

fn title_page(mut doc: Docx, report: &Report) -> Docx {
    let c = &report.cover;
    let l = &report.labels;
    if let Some(marking) = marking(report) {
        doc = doc.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .add_run(Run::new().add_text(marking).bold().size(28)),
        );
    }
    let styled = |style: &str, text: &str| {
        Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(clean(text)))
    };
    doc = doc
        .add_paragraph(Paragraph::new().line_spacing(spacing(2800, 0)))
        .add_paragraph(Paragraph::new().style("Subtitle").add_run(lang::run(
            Run::new().add_text(clean(&c.partnership_title)),
            c.partnership_title_lang,
            report.lang,
        )))
        .add_paragraph(styled("Title", &c.report_title))
        .add_paragraph(Paragraph::new().style("Subtitle").add_run(content_run(
            report,
            &c.dialogue_title,
            c.dialogue_title_lang,
        )))
        .add_paragraph(
            Paragraph::new()
                .style("Subtitle")
                .add_run(Run::new().add_text(clean(&format!("{} – ", c.meeting_date_text))))
                .add_run(content_run(report, &c.place, c.place_lang)),
        )
        .add_paragraph(Paragraph::new().line_spacing(spacing(1400, 0)));

    let mut rows = vec![
        (l.meeting.as_str(), text_p(&c.meeting_date_text)),
        (
            l.place.as_str(),
            Paragraph::new().style("TableText").add_run(content_run(
                report,
                &c.place,
                c.place_lang,
            )),
        ),
    ];
    if let Some(number) = &c.document_number {
        rows.push((l.document_number.as_str(), text_p(number)));
    }
    if let Some(marking) = &c.marking {
        rows.push((l.marking.as_str(), text_p(marking)));
    }
    rows.push((l.cycle_state.as_str(), text_p(&c.cycle_state_label)));
    rows.push((l.generated_at.as_str(), text_p(&c.generated_at_text)));
    let label_w = 3000;
    let rows = rows
        .into_iter()
        .map(|(k, v)| {
            TableRow::new(vec![
                cell(vec![bold_p(k)], label_w),
                cell(vec![v], TEXT_WIDTH - label_w),
            ])
        })
        .collect();
    let doc = doc.add_table(
        Table::without_borders(rows)
            .set_grid(vec![label_w, TEXT_WIDTH - label_w])
            .layout(TableLayoutType::Fixed)
            .width(TEXT_WIDTH, WidthType::Dxa),
    );
    match &report.text_notice {
        Some(notice) => doc.add_paragraph(
            Paragraph::new()
                .line_spacing(spacing(400, 0))
                .add_run(Run::new().add_text(clean(notice))),
        ),
        None => doc,
    }
}

/// The table of contents: one TOC field (`TOC \o "1-3" \h`, dirty: Word rebuilds it on open)
/// whose current result lists every heading with a PAGEREF to its bookmark.
fn contents(mut doc: Docx, report: &Report, entries: &[TocEntry]) -> Docx {
    doc = doc.add_paragraph(
        Paragraph::new()
            .style("TOCHeading")
            .page_break_before(true)
            .add_run(Run::new().add_text(clean(&report.lang.t("report-file-contents")))),
    );
    let instr = InstrToC::new()
        .heading_styles_range(1, TOC_LEVELS)
        .hyperlink();
    let begin = [
        Run::new().add_field_char(FieldCharType::Begin, true),
        Run::new().add_instr_text(InstrText::TOC(instr)),
        Run::new().add_field_char(FieldCharType::Separate, false),
    ];
    let end = Run::new().add_field_char(FieldCharType::End, false);
    let entry = |e: &TocEntry| {
        Paragraph::new()
            .style(&format!("TOC{}", e.level))
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .leader(TabLeaderType::Dot)
                    .pos(TEXT_WIDTH),
            )
            .add_hyperlink(
                Hyperlink::new(&e.bookmark, HyperlinkType::Anchor)
                    .add_run(in_lang(Run::new().add_text(e.text.clone()), e.langs))
                    .add_run(Run::new().add_tab())
                    // One run for the whole PAGEREF field, with a placeholder result:
                    // LibreOffice computes it on load, Word when it rebuilds the contents.
                    .add_run(
                        Run::new()
                            .add_field_char(FieldCharType::Begin, false)
                            .add_instr_text(InstrText::PAGEREF(
                                InstrPAGEREF::new(&e.bookmark).hyperlink(),
                            ))
                            .add_field_char(FieldCharType::Separate, false)
                            .add_text("…")
                            .add_field_char(FieldCharType::End, false),
                    ),
            )
    };
    let Some((first, rest)) = entries.split_first() else {
        let mut p = Paragraph::new().style("TOC1");
        for r in begin {
            p = p.add_run(r);
        }
        return doc.add_paragraph(p.add_run(end));
    };
    // The field begins in the first entry's paragraph and ends in a paragraph of its own, as
    // Word writes it.
    let mut p = Paragraph::new();
    for r in begin {
        p = p.add_run(r);
    }
    let mut first_p = entry(first);
    first_p.children.splice(0..0, p.children);
    doc = doc.add_paragraph(first_p);
    for e in rest {
        doc = doc.add_paragraph(entry(e));
    }
    doc.add_paragraph(Paragraph::new().style("TOC1").add_run(end))
}

fn summary(body: &mut Body, report: &Report) {
    let l = &report.labels;
    let s = &report.summary;
    body.heading(1, &l.summary, true);

    // Totals.
    body.table(count_table(
        &l.summary,
        &l.count,
        vec![
            (text_p(&l.total), s.total),
            (text_p(&l.reviewed), s.reviewed),
            (text_p(&l.divergences), s.divergent),
        ],
    ));

    // By joint status.
    body.p(caption(&l.by_joint_status));
    body.table(count_table(
        &l.joint_status,
        &l.count,
        s.by_joint_status
            .iter()
            .map(|c| (status_p(Some(&c.status), l), c.count))
            .collect(),
    ));

    // By side: one column per side.
    if let Some(first) = s.by_side.first() {
        let n = s.by_side.len();
        let mut widths = vec![TEXT_WIDTH - COUNT_COL * n];
        widths.extend(std::iter::repeat_n(COUNT_COL, n));
        let mut head = vec![head_p(&l.status)];
        head.extend(
            s.by_side
                .iter()
                .map(|x| head_p(&x.side_label).align(AlignmentType::Right)),
        );
        let mut rows: Vec<Vec<Paragraph>> = first
            .by_status
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut row = vec![status_p(Some(&c.status), l)];
                row.extend(s.by_side.iter().map(|x| num_p(count_at(&x.by_status, i))));
                row
            })
            .collect();
        let mut last = vec![text_p(&l.not_submitted_count)];
        last.extend(s.by_side.iter().map(|x| num_p(x.not_submitted)));
        rows.push(last);
        body.p(caption(&l.by_side));
        body.table(grid_table(head, &widths, rows));
    }

    // By area: the area, its total, divergences, then one narrow column per joint status,
    // headed by the status symbol and explained in the line below the table.
    if !s.by_area.is_empty() {
        let statuses: Vec<&StatusValue> = s.by_joint_status.iter().map(|c| &c.status).collect();
        let n = statuses.len();
        let (wide, narrow) = (1450, 500);
        let area_w = TEXT_WIDTH - 2 * wide - narrow * n;
        let mut widths = vec![area_w, wide, wide];
        widths.extend(std::iter::repeat_n(narrow, n));
        let mut head = vec![
            head_p(&l.area),
            head_p(&l.total).align(AlignmentType::Right),
            head_p(&l.divergent).align(AlignmentType::Right),
        ];
        head.extend(
            statuses
                .iter()
                .map(|st| head_p(&st.symbol).align(AlignmentType::Center)),
        );
        let rows = s
            .by_area
            .iter()
            .map(|a| {
                let mut title = text_p_in(&a.title, a.title_lang, report.lang);
                if a.depth > 0 {
                    title = title.indent(Some(284), None, None, None);
                }
                let mut row = vec![title, num_p(a.total), num_p(a.divergent)];
                row.extend((0..n).map(|i| num_p(count_at(&a.by_joint_status, i))));
                row
            })
            .collect();
        let legend = statuses
            .iter()
            .map(|st| format!("{} {}", st.symbol, st.label))
            .collect::<Vec<_>>()
            .join(" · ");
        body.p(caption(&l.by_area));
        body.table(grid_table(head, &widths, rows));
        body.p(Paragraph::new().style("TableText").add_run(
            Run::new()
                .add_text(clean(&report.lang.labelled(&l.joint_status, &legend)))
                .italic(),
        ));
    }

    // Trend.
    match &s.trend {
        Some(t) => {
            let mut rows: Vec<(Paragraph, usize)> = t
                .counts
                .iter()
                .map(|c| (text_p(&c.trend.label), c.count))
                .collect();
            rows.push((text_p(&l.no_trend), t.unknown));
            body.p(caption(&format!("{} {}", l.trend_since, t.previous_year)));
            body.table(count_table(&l.trend, &l.count, rows));
        }
        None => {
            body.p(caption(&l.trend));
            body.p(text_p(&l.no_previous_cycle));
        }
    }
}

fn for_discussion(body: &mut Body, report: &Report) {
    let l = &report.labels;
    body.heading(1, &l.for_discussion, true);
    if report.for_discussion.is_empty() {
        body.p(text_p(&l.nothing_for_discussion));
        return;
    }
    let widths = [
        1100,
        TEXT_WIDTH - 1100 - 1700 - 3 * 1600,
        1700,
        1600,
        1600,
        1600,
    ];
    let head = [
        &l.reference,
        &l.area,
        &l.reasons,
        &l.side_eu,
        &l.side_ca,
        &l.joint_status,
    ]
    .map(|h| head_p(h))
    .to_vec();
    let rows = report
        .for_discussion
        .iter()
        .map(|d| {
            let reasons = d
                .reasons
                .iter()
                .map(|r| r.label.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                bold_p(&d.reference),
                text_p_in(&d.area_title, d.area_title_lang, report.lang),
                text_p(&reasons),
                status_p(d.eu.as_ref(), l),
                status_p(d.ca.as_ref(), l),
                status_p(d.joint.as_ref(), l),
            ]
        })
        .collect();
    body.table(grid_table(head, &widths, rows));
}

fn progress(body: &mut Body, report: &Report) {
    body.heading(1, &report.labels.progress_by_area, true);
    for area in &report.areas {
        body.heading_in(
            2 + usize::from(area.depth.min(1)),
            &area.title,
            false,
            Some((area.title_lang, report.lang)),
        );
        for c in &area.commitments {
            commitment(body, report, c);
        }
    }
}

fn commitment(body: &mut Body, report: &Report, c: &CommitmentEntry) {
    let l = &report.labels;
    body.heading(4, &format!("{} {}", l.paragraph, c.reference), false);
    let lines = paragraphs(&c.text);
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.into_iter().enumerate() {
        body.p(Paragraph::new()
            .style("Quote")
            .keep_next(i == last)
            .add_run(lang::run(
                Run::new().add_text(line),
                c.text_lang,
                report.lang,
            )));
    }
    if c.divergent {
        body.p(Paragraph::new()
            .keep_next(true)
            .add_run(Run::new().add_text(clean(&l.divergent)).bold()));
    }

    let [w0, w1, w2] = COMMITMENT_COLS;
    // The header row's first cell names the commitment, so the table reads on its own.
    let mut rows = vec![header_row(
        vec![
            head_p(&c.reference),
            head_p(&l.status),
            head_p(&l.narrative),
        ],
        &COMMITMENT_COLS,
    )];
    rows.push(side_row(&c.eu, l));
    rows.push(side_row(&c.ca, l));
    let wide = |label: &str, content: Vec<Paragraph>| {
        TableRow::new(vec![
            cell(vec![bold_p(label)], w0),
            cell(content, w1 + w2).grid_span(2),
        ])
    };
    match &c.joint {
        Some(j) => {
            let mut status = Paragraph::new().style("TableText").add_run(
                Run::new()
                    .add_text(clean(&format!("{} {}", j.status.symbol, j.status.label)))
                    .bold(),
            );
            if let Some(mark) = &j.corrected {
                status = status.add_run(Run::new().add_text(clean(&format!(" {mark}"))).italic());
            }
            rows.push(wide(&l.joint_status, vec![status]));
            rows.push(wide(
                &l.summary_line,
                multiline_in(report, &j.summary, j.summary_lang),
            ));
            rows.push(wide(
                &l.next_steps,
                multiline_in(report, &j.next_steps, j.next_steps_lang),
            ));
        }
        None => rows.push(wide(&l.joint_status, vec![text_p(&l.no_joint_review)])),
    }
    let trend = match (&c.trend, report.previous_year) {
        (Some(t), _) => &t.label,
        (None, Some(_)) => &l.no_trend,
        (None, None) => &l.no_previous_cycle,
    };
    rows.push(wide(&l.trend, vec![text_p(trend)]));
    body.table(
        Table::new(rows)
            .set_grid(COMMITMENT_COLS.to_vec())
            .layout(TableLayoutType::Fixed)
            .width(TEXT_WIDTH, WidthType::Dxa),
    );
    for e in &c.errata {
        body.p(erratum_note(e, l, report.lang));
    }
}

fn side_row(side: &SideEntry, l: &Labels) -> TableRow {
    let [w0, w1, w2] = COMMITMENT_COLS;
    let mut content = multiline(&side.narrative);
    if !side.evidence.is_empty() {
        content.push(bold_p(&l.evidence));
        for link in &side.evidence {
            let shown = if link.label.trim().is_empty() {
                &link.url
            } else {
                &link.label
            };
            let run = Run::new().add_text(clean(shown));
            let p = Paragraph::new().style("TableText");
            content.push(
                if link.url.starts_with("https://") || link.url.starts_with("http://") {
                    p.add_hyperlink(
                        Hyperlink::new(clean(&link.url), HyperlinkType::External)
                            .add_run(run.color("0563C1").underline("single")),
                    )
                } else {
                    p.add_run(run)
                },
            );
        }
    }
    TableRow::new(vec![
        cell(vec![bold_p(&side.side_label)], w0),
        cell(vec![status_p(side.status.as_ref(), l)], w1),
        cell(content, w2),
    ])
}

fn erratum_note(e: &Erratum, l: &Labels, lang: Lang) -> Paragraph {
    let mut text = lang.labelled(
        &format!("{} ({}, {})", l.errata, e.at_text, e.author),
        &e.reason,
    );
    let changes = e
        .changes
        .iter()
        .map(|c| lang.labelled(&c.label, &c.value))
        .collect::<Vec<_>>()
        .join("; ");
    if !changes.is_empty() {
        text.push_str(" — ");
        text.push_str(&changes);
    }
    Paragraph::new()
        .style("TableText")
        .add_run(Run::new().add_text(clean(&text)).italic())
}

fn errata(body: &mut Body, report: &Report) {
    let l = &report.labels;
    body.heading(1, &l.errata, true);
    if report.errata.is_empty() {
        body.p(text_p(&l.no_errata));
        return;
    }
    let widths = [
        1100,
        1700,
        1700,
        2400,
        TEXT_WIDTH - 1100 - 1700 - 1700 - 2400,
    ];
    let head = [
        &l.reference,
        &l.erratum_date,
        &l.erratum_author,
        &l.erratum_reason,
        &l.erratum_changes,
    ]
    .map(|h| head_p(h))
    .to_vec();
    let mut rows = vec![header_row(head, &widths)];
    for e in &report.errata {
        let changes = e
            .changes
            .iter()
            .map(|c| text_p(&report.lang.labelled(&c.label, &c.value)))
            .collect();
        rows.push(TableRow::new(vec![
            cell(
                vec![bold_p(e.reference.as_deref().unwrap_or(&l.whole_cycle))],
                widths[0],
            ),
            cell(vec![text_p(&e.at_text)], widths[1]),
            cell(vec![text_p(&e.author)], widths[2]),
            cell(multiline(&e.reason), widths[3]),
            cell(changes, widths[4]),
        ]));
    }
    body.table(
        Table::new(rows)
            .set_grid(widths.to_vec())
            .layout(TableLayoutType::Fixed)
            .width(TEXT_WIDTH, WidthType::Dxa),
    );
}

// ----- small builders -----

fn caption(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Caption")
        .keep_next(true)
        .add_run(Run::new().add_text(clean(text)))
}

fn text_p(text: &str) -> Paragraph {
    Paragraph::new()
        .style("TableText")
        .add_run(Run::new().add_text(clean(text)))
}

/// Partnership text in `lang`, in a report in `report`.
fn text_p_in(text: &str, lang: Lang, report: Lang) -> Paragraph {
    Paragraph::new().style("TableText").add_run(lang::run(
        Run::new().add_text(clean(text)),
        lang,
        report,
    ))
}

/// `run` marked with the first language of `langs` when it differs from the second.
fn in_lang(run: Run, langs: Option<(Lang, Lang)>) -> Run {
    match langs {
        Some((text, report)) => lang::run(run, text, report),
        None => run,
    }
}

fn bold_p(text: &str) -> Paragraph {
    Paragraph::new()
        .style("TableText")
        .add_run(Run::new().add_text(clean(text)).bold())
}

fn head_p(text: &str) -> Paragraph {
    bold_p(text).keep_next(true)
}

fn num_p(n: usize) -> Paragraph {
    Paragraph::new()
        .style("TableText")
        .align(AlignmentType::Right)
        .add_run(Run::new().add_text(n.to_string()))
}

/// A status as "symbol label" (never the symbol alone), or "not submitted" in italics.
fn status_p(status: Option<&StatusValue>, l: &Labels) -> Paragraph {
    match status {
        Some(s) => text_p(&format!("{} {}", s.symbol, s.label)),
        None => Paragraph::new()
            .style("TableText")
            .add_run(Run::new().add_text(clean(&l.not_submitted)).italic()),
    }
}

/// Content from the database as a run, in the character style of its language when that is
/// not the report's (see [`package::content_style`]).
fn content_run(report: &Report, text: &str, lang: Lang) -> Run {
    let run = Run::new().add_text(clean(text));
    if lang == report.lang {
        run
    } else {
        run.style(package::content_style(lang))
    }
}

/// [`multiline`] for content in `lang`.
fn multiline_in(report: &Report, text: &str, lang: Lang) -> Vec<Paragraph> {
    paragraphs(text)
        .into_iter()
        .map(|line| {
            Paragraph::new()
                .style("TableText")
                .add_run(content_run(report, &line, lang))
        })
        .collect()
}

/// One paragraph per line of a multi-line text.
fn multiline(text: &str) -> Vec<Paragraph> {
    paragraphs(text)
        .into_iter()
        .map(|line| {
            Paragraph::new()
                .style("TableText")
                .add_run(Run::new().add_text(line))
        })
        .collect()
}

/// The non-empty lines of a text, cleaned.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| clean(l.trim_end()))
        .collect()
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    // A cell must hold at least one paragraph.
    if paragraphs.is_empty() {
        c = c.add_paragraph(Paragraph::new().style("TableText"));
    }
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn header_row(head: Vec<Paragraph>, widths: &[usize]) -> TableRow {
    TableRow::new(
        head.into_iter()
            .zip(widths)
            .map(|(p, w)| {
                cell(vec![p], *w).shading(
                    Shading::new()
                        .shd_type(ShdType::Clear)
                        .color("auto")
                        .fill(HEADER_FILL),
                )
            })
            .collect(),
    )
    .cant_split()
    .row_height(package::HEADER_ROW_MARK)
    .height_rule(HeightRule::AtLeast)
}

/// A bordered table with a shaded header row and one paragraph per cell.
fn grid_table(head: Vec<Paragraph>, widths: &[usize], rows: Vec<Vec<Paragraph>>) -> Table {
    let mut table_rows = vec![header_row(head, widths)];
    for row in rows {
        table_rows.push(
            TableRow::new(
                row.into_iter()
                    .zip(widths)
                    .map(|(p, w)| cell(vec![p], *w))
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(table_rows)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// A two-column table: a label and a count.
fn count_table(head: &str, count: &str, rows: Vec<(Paragraph, usize)>) -> Table {
    grid_table(
        vec![head_p(head), head_p(count).align(AlignmentType::Right)],
        &[TEXT_WIDTH - COUNT_COL, COUNT_COL],
        rows.into_iter().map(|(p, n)| vec![p, num_p(n)]).collect(),
    )
}

fn count_at(counts: &[StatusCount], i: usize) -> usize {
    counts.get(i).map_or(0, |c| c.count)
}

/// Drops the characters XML 1.0 cannot carry (control characters other than tab and newline,
/// U+FFFE, U+FFFF), so that no text from the database can make the document unreadable.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&ch| {
            matches!(ch, '\t' | '\n' | '\r')
                || !(ch.is_control() || matches!(ch, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect()
}
