//! Values for fields and parameters: valid ones, odd ones and junk.

use rand::{Rng, rngs::StdRng, seq::SliceRandom};

use super::runner::Pools;

/// A value that fits the field's shape: usually a valid one, otherwise one that is nearly so.
pub(super) fn plausible(name: &str, rng: &mut StdRng, pools: &Pools) -> String {
    value(name, rng, pools, 0.33)
}

/// A valid value for the field (as far as its shape goes: a year may have no cycle).
pub(super) fn valid(name: &str, rng: &mut StdRng, pools: &Pools) -> String {
    value(name, rng, pools, 0.0)
}

/// A value for the field: an odd one (out of range, misspelt, empty) with probability `odd`,
/// else a valid one. A request reaches its handler's later checks only when each of its fields
/// passes the earlier ones.
pub(super) fn value(name: &str, rng: &mut StdRng, pools: &Pools, odd: f64) -> String {
    let pick = |rng: &mut StdRng, valid: &[&str], odd_ones: &[&str]| {
        let options = if odd_ones.is_empty() || !rng.gen_bool(odd) {
            valid
        } else {
            odd_ones
        };
        (*options.choose(rng).unwrap()).to_owned()
    };
    match name {
        "year" | "cycle" | "with" => pick(
            rng,
            &["2026", "2025", "2024"],
            &[
                "2027",
                "1999",
                "0",
                "-1",
                "2147483647",
                "2147483648",
                "99999999999999999999",
                "2026.0",
                " 2026",
                "+2026",
                "",
            ],
        ),
        "reference" | "ref" | "commitment" => pick(
            rng,
            &["25(c)", "13", "9(a)", "63", "30"],
            &[
                "8", "64", "0", "25", "25(z)", "25(C)", "25 (c)", "25(c", "(c)", "-1", "",
            ],
        ),
        "slug" | "area" => pick(
            rng,
            &["cyber-issues", "all", "support-to-ukraine", "eu-canada"],
            &["preface", "CYBER-ISSUES", "", ".."],
        ),
        "topic" => pick(
            rng,
            &["officer", "secretariat", "reader", "admin", "statuses"],
            &["OFFICER", "", "..", "help"],
        ),
        // The assessment form's "Add another link" button, or another button's name.
        "action" => pick(rng, &["add-link"], &["save", "ADD-LINK", ""]),
        // Mostly the EU officer's own side.
        "side" => pick(rng, &["eu", "eu", "eu", "ca"], &["EU", "us", "", "both"]),
        "status" => pick(
            rng,
            &[
                "on_track",
                "challenges",
                "completed",
                "completed_modified",
                "discontinued",
                "not_started",
                "not_assessed",
                "ongoing",
            ],
            &["none", "done", "ON_TRACK", ""],
        ),
        "state" => pick(
            rng,
            &["planned", "open", "reconciliation", "frozen", "published"],
            &["closed", ""],
        ),
        "version" => pick(
            rng,
            &["0", "1", "2", "3"],
            &["-1", "2147483647", "2147483648", "", "abc", " 1 ", "1.0"],
        ),
        "id" | "user_id" => {
            if !rng.gen_bool(odd * 1.2) {
                return pools.victims.choose(rng).unwrap().to_string();
            }
            let odd = [
                "0".to_owned(),
                "-1".to_owned(),
                "9223372036854775807".to_owned(),
                "9223372036854775808".to_owned(),
                "1.5".to_owned(),
                "1e3".to_owned(),
                rng.gen_range(1_000..1_000_000i64).to_string(),
            ];
            odd.choose(rng).unwrap().clone()
        }
        "meeting_date" | "opens_on" | "deadline" => pick(
            rng,
            &["2027-06-01", "2027-01-15", "2027-05-01", "2028-03-01"],
            &[
                "2026-02-30",
                "0001-01-01",
                "9999-12-31",
                "262143-12-31",
                "-0001-01-01",
                "2027-1-1",
                "01/06/2027",
                "",
            ],
        ),
        "title" | "place" | "reason" | "summary_en" | "summary_fr" | "next_steps" | "narrative"
        | "display_name" | "organisation" | "label" | "evidence_label" | "evidence_label_1"
        | "q" => {
            if rng.gen_bool(odd) {
                match rng.gen_range(0..4) {
                    0 => String::new(),
                    1 => "x".repeat(rng.gen_range(95..320)),
                    2 => "é".repeat(rng.gen_range(19_990..20_010)),
                    _ => "x".repeat(rng.gen_range(19_990..20_010)),
                }
            } else {
                pick(
                    rng,
                    &[
                        "Ottawa",
                        "Progress on port calls; see the minutes.",
                        "Réunion du comité — voir le compte rendu.",
                    ],
                    &[],
                )
            }
        }
        "evidence_url" | "evidence_url_1" | "evidence_url_2" => pick(
            rng,
            &["https://www.eeas.europa.eu/x", "http://example.org", ""],
            &[
                "http:evil.example",
                "https:/evil.example",
                "http:\\\\evil.example",
                "https://user@evil.example",
                "https://example.org/a b",
                "javascript:alert(1)",
                "https://",
            ],
        ),
        "email" => match rng.gen_range(0..8) {
            0..=1 => format!("fuzz-new-{}@example.org", rng.gen_range(0..1_000_000)),
            2 => "not an address".into(),
            3 => format!("{}@example.org", "a".repeat(rng.gen_range(300..330))),
            4 => "@".into(),
            // Case mappings and spaces on which Rust and PostgreSQL might not agree (the table
            // checks `email = lower(email)` and `[^@\s]`).
            5 => pick(
                rng,
                &[
                    "ΟΔΥΣΣΕΥΣ@EXAMPLE.GR",
                    "İSTANBUL@example.org",
                    "ǅ@example.org",
                    "\u{212A}elvin@example.org",
                    "ẞ@example.de",
                    "\u{1C90}@example.ge",
                ],
                &[
                    "a\u{180E}b@example.org",
                    "a\u{200B}b@example.org",
                    "a\u{A0}b@example.org",
                    "a\u{85}b@example.org",
                    "a\u{1}b@example.org",
                    "a@b..c",
                    "a@.b.c",
                ],
            ),
            _ => "Officer@EEAS.europa.eu".into(),
        },
        "role" => pick(
            rng,
            &["admin", "secretariat", "officer", "viewer"],
            &["root", "", "Admin"],
        ),
        "active" => pick(rng, &["on", ""], &["off", "1"]),
        "next" => pick(
            rng,
            &["/app", "/app?x=1"],
            &[
                "//evil.example",
                "https://evil.example",
                "/\\evil.example",
                "",
            ],
        ),
        "password" | "current" | "new" | "confirm" => pick(
            rng,
            &["wrong password", "a much longer new passphrase here"],
            &["", "short"],
        ),
        "lang" => pick(rng, &["fr", "en"], &["de", ""]),
        "page" | "per_page" => pick(
            rng,
            &["1", "2", "50"],
            &["0", "-1", "4294967296", "abc", "100000"],
        ),
        "*path" | "*rest" => pick(
            rng,
            &["css/app.css", "index.html", "swagger-ui.css"],
            &[
                "css/app.css/",
                "app/nothing/here",
                "a//b",
                "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e/%2e%2e/Cargo.toml",
                "app/commitments/25%28c%29/x",
            ],
        ),
        _ => String::from_utf8_lossy(&junk(rng)).into_owned(),
    }
}

/// Junk: empty, unicode, control characters and NUL, invalid UTF-8, long and huge strings, and
/// the usual suspects.
pub(super) fn junk(rng: &mut StdRng) -> Vec<u8> {
    const CHARS: [char; 24] = [
        'é',
        'ß',
        'İ',
        'ﬁ',
        '中',
        '😀',
        '\u{202E}',
        '\u{200B}',
        '\u{FEFF}',
        '\u{301}',
        '\u{FFFD}',
        '\u{10FFFF}',
        '\u{0}',
        '\u{1}',
        '\u{7F}',
        '\u{85}',
        '\r',
        '\n',
        '\t',
        '%',
        '\\',
        '\'',
        '"',
        '<',
    ];
    match rng.gen_range(0..40) {
        0..=2 => Vec::new(),
        3..=9 => {
            let len = rng.gen_range(1..30);
            (0..len).map(|_| rng.gen_range(b' '..=b'~')).collect()
        }
        10..=17 => {
            let len = rng.gen_range(1..20);
            (0..len)
                .map(|_| *CHARS.choose(rng).unwrap())
                .collect::<String>()
                .into_bytes()
        }
        18..=21 => {
            let invalid: &[&[u8]] = &[
                b"\xff",
                b"\xfe\xff",
                b"\xc0\x80",
                b"\xed\xa0\x80",
                b"\x80",
                b"a\xe2\x82",
                b"\xf8\x88\x80\x80\x80",
            ];
            let mut out = b"x".to_vec();
            out.extend_from_slice(invalid.choose(rng).unwrap());
            out
        }
        22..=24 => b"a\0b".to_vec(),
        25..=27 => {
            let samples: &[&str] = &[
                "'; drop table assessment; --",
                "<script>alert(1)</script>",
                "${jndi:ldap://x}",
                "{{7*7}}",
                "%s%n",
                "../../etc/passwd",
                "NaN",
                "-0",
                "1e309",
                "0x1F",
                "null",
                "true",
                "[]",
            ];
            samples.choose(rng).unwrap().as_bytes().to_vec()
        }
        28..=30 => "x".repeat(rng.gen_range(250..2_100)).into_bytes(),
        31..=32 => "é".repeat(rng.gen_range(9_990..20_100)).into_bytes(),
        33 => vec![b'a'; rng.gen_range(60_000..300_000)],
        _ => {
            let len = rng.gen_range(1..50);
            (0..len).map(|_| rng.r#gen::<u8>()).collect()
        }
    }
}
