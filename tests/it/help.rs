//! `/help` (issue 12, item 6): a page per role and the status scale, in English and French, linked
//! from every page; and the README and docs/ link only inside the repository.

use std::path::Path;

use crate::common::{new_client, spawn_app};
use reqwest::StatusCode;

/// (address, English heading, a sentence of its French text)
const PAGES: [(&str, &str, &str); 6] = [
    ("/help", "Help", "pour chaque type d’utilisateur"),
    (
        "/help/officer",
        "Help for desk officers",
        "Enregistrer l’évaluation de votre partie",
    ),
    (
        "/help/secretariat",
        "Help for the Dialogue secretariat",
        "Un cycle d’examen, étape par étape",
    ),
    ("/help/reader", "Help for readers", "Ce que voit le public"),
    (
        "/help/admin",
        "Help for administrators",
        "Le journal d’audit",
    ),
    ("/help/statuses", "The status scale", "Explication requise"),
];

#[tokio::test]
async fn every_help_page_reads_in_english_and_french_without_signing_in() {
    let app = spawn_app().await;
    let client = new_client();
    for (path, heading, french) in PAGES {
        let response = client
            .get(app.url(&format!("{path}?lang=en")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let page = response.text().await.unwrap();
        assert!(page.contains(&format!(">{heading}</h1>")), "{path}: {page}");
        assert!(!page.contains(french), "{path}: French on the English page");

        let page = client
            .get(app.url(&format!("{path}?lang=fr")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("<html lang=\"fr\""), "{path}");
        assert!(page.contains(french), "{path}: {page}");
        assert!(!page.contains(&format!(">{heading}</h1>")), "{path}");
    }

    // The index leads to every page.
    let index = app.get_text("/help?lang=en").await.1;
    for (path, _, _) in &PAGES[1..] {
        assert!(index.contains(&format!("href=\"{path}\"")), "{path}");
    }
    // Every page links to help, in the header and the footer.
    let home = app.get_text("/").await.1;
    assert!(home.matches("href=\"/help\"").count() >= 2, "{home}");

    let response = client.get(app.url("/help/nowhere")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_status_scale_explains_every_status_from_the_catalogue() {
    let app = spawn_app().await;
    let page = app.get_text("/help/statuses?lang=en").await.1;
    for status in sdp_tracker::domain::status::Status::ALL {
        let row_start = page
            .find(&format!("data-status=\"{}\"", status.as_str()))
            .unwrap_or_else(|| panic!("{status:?} missing"));
        let row = &page[row_start..row_start + page[row_start..].find("</tr>").unwrap()];
        let label = sdp_tracker::i18n::Lang::En.t(status.label_key());
        assert!(row.contains(&label), "{row}");
        assert!(row.contains(status.symbol()), "{row}");
        let needs = if status.needs_narrative() {
            ">Yes<"
        } else {
            ">No<"
        };
        assert!(row.contains(needs), "{status:?}: {row}");
    }
    let fr = app.get_text("/help/statuses?lang=fr").await.1;
    assert!(fr.contains("En cours – avec des difficultés") && fr.contains(">Oui<"));
}

/// Markdown link targets (`](target)`) and autolinks (`<http…>`) of a file.
fn links(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split("](")
        .skip(1)
        .map(|s| s[..s.find(')').unwrap_or(s.len())].to_owned())
        .collect();
    out.extend(
        text.split('<')
            .skip(1)
            .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
            .map(|s| s[..s.find('>').unwrap_or(s.len())].to_owned()),
    );
    out
}

#[test]
fn the_readme_and_docs_link_only_inside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let docs = root.join("docs");
    for entry in std::fs::read_dir(&docs).expect("docs/ exists") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    assert!(files.len() >= 4, "README and the three docs: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for target in links(&text) {
            let path = target.split('#').next().unwrap();
            assert!(
                !target.contains("://") && !target.starts_with("mailto:"),
                "{}: {target} points outside the repository",
                file.display()
            );
            assert!(
                !path.contains(".."),
                "{}: {target} leaves the repository",
                file.display()
            );
            if !path.is_empty() {
                let resolved = file.parent().unwrap().join(path);
                assert!(
                    resolved.exists(),
                    "{}: {target} does not exist",
                    file.display()
                );
            }
        }
    }
}
