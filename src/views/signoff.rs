//! Signing a side's submission off: the confirmation page (`cycles/signoff.html`), which says
//! what is still missing, and the dashboard's sign-off part (`partials/signoff.html`).

use askama::Template;
use askama_web::WebTemplate;

use super::{
    Page,
    submissions::{FOLD_AFTER, MissingItem, missing_text, signed_text},
    text::{LangText, lang_attr},
};
use crate::{db::cycles::Cycle, domain::account::Side, i18n::Lang, tracking::Board};

/// `/app/cycles/{year}/signoff` when there is something to confirm or the sign-off is refused.
#[derive(Template, WebTemplate)]
#[template(path = "cycles/signoff.html")]
pub struct SignOffView {
    pub page: Page,
    pub cycle: Cycle,
    pub side: Side,
    /// Commitments still without the side's assessment.
    pub items: Vec<MissingItem>,
    /// Why the sign-off was refused, when it was.
    pub refusal: Option<String>,
}

impl SignOffView {
    pub fn confirm(mut page: Page, board: &Board, side: Side) -> SignOffView {
        let items: Vec<MissingItem> = board
            .missing(side)
            .map(|r| MissingItem::of(r, page.lang))
            .collect();
        page.text_notice |= items.iter().any(|i| i.title.foreign());
        SignOffView {
            page,
            cycle: board.cycle.clone(),
            side,
            items,
            refusal: None,
        }
    }

    pub fn refused(page: Page, cycle: Cycle, side: Side, refusal: String) -> SignOffView {
        SignOffView {
            page,
            cycle,
            side,
            items: Vec::new(),
            refusal: Some(refusal),
        }
    }

    pub fn missing_text(&self) -> String {
        missing_text(self.page.lang, self.side, self.items.len())
    }

    /// Is the list long enough to be folded, so that the buttons stay in sight?
    pub fn folded(&self) -> bool {
        self.items.len() > FOLD_AFTER
    }

    pub fn lang_attr(&self, text: &LangText) -> &'static str {
        lang_attr(text.lang, self.page.lang)
    }
}

/// One side's line in the dashboard's sign-off part.
#[derive(Debug, Clone)]
pub struct SignOffLine {
    pub side: Side,
    pub signed: bool,
    /// "Signed off by … on …", or "3 commitments still have no EU assessment." (after a "Not
    /// signed off" tag).
    pub text: String,
}

/// Both sides' sign-off lines of the board's cycle, for the dashboard.
pub fn signoff_lines(board: &Board, lang: impl std::borrow::Borrow<Lang>) -> Vec<SignOffLine> {
    let lang = *lang.borrow();
    Side::ALL
        .into_iter()
        .map(|side| match board.signoff(side) {
            Some(s) => SignOffLine {
                side,
                signed: true,
                text: signed_text(lang, s),
            },
            None => SignOffLine {
                side,
                signed: false,
                text: match board.missing(side).count() {
                    0 => String::new(),
                    n => missing_text(lang, side, n),
                },
            },
        })
        .collect()
}
