//! The text GOV.UK Frontend's components would otherwise show in English, from the catalogue.
//!
//! The components' JavaScript takes its messages from `data-i18n.*` attributes, with
//! `%{count}` where it puts the number (formatted by the browser for the page's `lang`).

use fluent_templates::fluent_bundle::FluentValue;

use crate::i18n::Lang;

/// GOV.UK Frontend's placeholder for the number in a message.
const COUNT_PLACEHOLDER: &str = "%{count}";

/// The character count's messages (GOV.UK Frontend 5, `govuk-character-count`): each
/// `data-i18n.` attribute name and its text in `lang`.
pub fn character_count_i18n(lang: Lang) -> Vec<(&'static str, String)> {
    [
        (
            "characters-under-limit.one",
            "charcount-characters-under-one",
        ),
        (
            "characters-under-limit.other",
            "charcount-characters-under-other",
        ),
        ("characters-at-limit", "charcount-characters-at-limit"),
        ("characters-over-limit.one", "charcount-characters-over-one"),
        (
            "characters-over-limit.other",
            "charcount-characters-over-other",
        ),
        ("words-under-limit.one", "charcount-words-under-one"),
        ("words-under-limit.other", "charcount-words-under-other"),
        ("words-at-limit", "charcount-words-at-limit"),
        ("words-over-limit.one", "charcount-words-over-one"),
        ("words-over-limit.other", "charcount-words-over-other"),
        (
            "textarea-description.other",
            "charcount-textarea-description",
        ),
    ]
    .into_iter()
    .map(|(attribute, key)| {
        let text = lang.t_args(key, &[("count", FluentValue::from(COUNT_PLACEHOLDER))]);
        (attribute, text)
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_character_count_speaks_both_languages() {
        for lang in Lang::ALL {
            let messages = character_count_i18n(lang);
            assert_eq!(messages.len(), 11);
            for (attribute, text) in &messages {
                assert!(
                    !text.starts_with("charcount-"),
                    "{lang:?} {attribute}: {text}"
                );
                let counted = !attribute.ends_with("at-limit");
                assert_eq!(
                    text.contains(COUNT_PLACEHOLDER),
                    counted,
                    "{attribute}: {text}"
                );
            }
        }
        let fr = character_count_i18n(Lang::Fr);
        assert_eq!(
            fr[1],
            (
                "characters-under-limit.other",
                "Il vous reste %{count} caractères".to_owned()
            )
        );
        assert!(fr.iter().all(|(_, text)| !text.contains("You ")));
    }
}
