//! Real Chromium through chromedriver (Debian's `chromium` and `chromium-driver`), and axe-core.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
};

use super::{PATIENCE, eventually};

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

/// Where Debian installs them; `CHROMIUM`/`CHROMEDRIVER` override.
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// axe-core, vendored by `scripts/vendor-assets`.
const AXE: &str = include_str!("../vendor/axe-4.14.1.min.js");

/// A chromedriver process and a browser session; both end when this is dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: std::path::PathBuf,
}

impl Browser {
    pub async fn start() -> Browser {
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.into());
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| CHROMEDRIVER.into());
        assert!(
            std::path::Path::new(&chromedriver).exists(),
            "{chromedriver} not found: install Debian's chromium and chromium-driver (see .ci/run)"
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start chromedriver");
        let profile =
            std::env::temp_dir().join(format!("sdp-chromium-{}", uuid::Uuid::new_v4().simple()));
        // The flags keep Chromium from reaching for the network, which this machine does not have.
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1280,900", format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => unreachable!(),
        };
        // chromedriver accepts sessions once it is up.
        let driver_url = format!("http://127.0.0.1:{port}");
        let client = eventually(
            PATIENCE,
            "chromedriver to start a Chromium session",
            || async {
                ClientBuilder::native()
                    .capabilities(capabilities.clone())
                    .connect(&driver_url)
                    .await
            },
        )
        .await;
        Browser {
            client,
            driver,
            profile,
        }
    }

    /// Runs axe-core on the current page for WCAG 2.0 A/AA and 2.1 AA; panics listing violations.
    pub async fn assert_accessible(&self, what: &str) {
        self.client
            .execute(AXE, vec![])
            .await
            .expect("cannot inject axe-core");
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } })
                      .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                                     nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))))
                      .catch(e => done([{ id: 'axe-error', impact: String(e), nodes: [] }]));"#,
                vec![],
            )
            .await
            .expect("axe-core did not run");
        let violations = result.as_array().cloned().unwrap_or_default();
        assert!(
            violations.is_empty(),
            "{what}: axe-core found {} violation(s): {}",
            violations.len(),
            serde_json::to_string_pretty(&violations).unwrap()
        );
    }

    /// Clicks `link` and waits until the browser is at `path` (clicks return before navigation ends).
    pub async fn follow(&self, link: fantoccini::Locator<'_>, path: &str) {
        self.client
            .find(link)
            .await
            .expect("link not found")
            .click()
            .await
            .unwrap();
        self.wait_for_path(path).await;
    }

    /// Waits until an element matching `css` exists (after an in-place update or a navigation).
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(fantoccini::Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Types `text` into the element, by keyboard (WebDriver focuses it first).
    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self
            .client
            .find(fantoccini::Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        element.send_keys(text).await.unwrap();
    }

    /// Presses a key on the element: Enter on a link or button, Space on a radio.
    pub async fn press(&self, css: &str, key: fantoccini::key::Key) {
        let element = self
            .client
            .find(fantoccini::Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        element.send_keys(&key.to_string()).await.unwrap();
    }

    /// Waits until the browser is at `path` and the page has loaded.
    pub async fn wait_for_path(&self, path: &str) {
        eventually(PATIENCE, &format!("the browser to load {path}"), || async {
            let url = self.client.current_url().await.unwrap();
            let ready = self
                .client
                .execute("return document.readyState", vec![])
                .await
                .unwrap();
            if url.path() == path && ready == "complete" {
                Ok(())
            } else {
                Err(format!("it is at {url}, {ready}"))
            }
        })
        .await;
    }

    /// The `lang` attribute of the page's root element.
    pub async fn lang(&self) -> String {
        self.client
            .execute("return document.documentElement.lang", vec![])
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
