//! The generator: a request for a route — its path parameters, query string, headers and body —
//! near-valid or anything.

use std::fmt::Write as _;

use rand::{Rng, rngs::StdRng, seq::SliceRandom};
use reqwest::Method;

use super::{
    routes::{Body, Route, Who},
    runner::Pools,
    values::{junk, plausible, valid, value},
};

/// A generated request.
pub(super) struct Request {
    /// Path and query, percent-encoded.
    pub(super) target: String,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Option<Vec<u8>>,
}

impl Request {
    pub(super) fn describe(&self) -> String {
        let mut out = String::new();
        for (name, value) in &self.headers {
            let _ = write!(out, "{name}: {} | ", preview(value.as_bytes(), 80));
        }
        if let Some(body) = &self.body {
            let _ = write!(out, "body ({} bytes): {}", body.len(), preview(body, 300));
        }
        out
    }
}

pub(super) fn preview(bytes: &[u8], max: usize) -> String {
    let shown = &bytes[..bytes.len().min(max)];
    let mut text = String::from_utf8_lossy(shown).escape_debug().to_string();
    if bytes.len() > max {
        text.push('…');
    }
    text
}

pub(super) fn generate(route: &Route, rng: &mut StdRng, pools: &Pools) -> Request {
    // Writes get their path right more often: what they write is the point. The slow pages (a
    // PDF takes seconds in a debug build) are rendered now and then, not in every round.
    let fair = if route.slow {
        0.1
    } else if route.method == Method::GET {
        0.45
    } else {
        0.9
    };
    let mut target = fill_template(route.template, rng, pools, fair);
    if (route.method == Method::GET || rng.gen_bool(0.1)) && rng.gen_bool(0.5) {
        target.push('?');
        target.push_str(&query(rng, pools));
    }
    let mut headers = Vec::new();
    let body = match route.body {
        Body::None => None,
        Body::Form(fields) => {
            let (content_type, body) = form(fields, rng, pools);
            if let Some(ct) = content_type {
                headers.push(("content-type", ct));
            }
            Some(body)
        }
        Body::Json => {
            let (content_type, body) = json_body(rng, pools);
            if let Some(ct) = content_type {
                headers.push(("content-type", ct));
            }
            match rng.gen_range(0..20) {
                0..=9 => headers.push(("if-match", "\"0\"".into())),
                10..=11 => headers.push(("if-match", "\"1\"".into())),
                12 => {}
                13 => headers.push(("if-match", "*".into())),
                14 => headers.push((
                    "if-match",
                    format!("\"{}\"", rng.gen_range(-5i64..i64::MAX)),
                )),
                15 => headers.push(("if-match", "W/\"0\"".into())),
                16 => headers.push(("if-match", "\"0\", \"1\"".into())),
                17 => headers.push(("if-match", "\"2147483648\"".into())),
                _ => headers.push(("if-match", header_junk(rng))),
            }
            Some(body)
        }
    };
    if route.who == Who::Token {
        match rng.gen_range(0..20) {
            0 => headers.push(("authorization", "Bearer ".to_owned() + &header_junk(rng))),
            1 => headers.push(("authorization", header_junk(rng))),
            _ => {}
        }
    }
    if route.method == Method::POST && rng.gen_bool(0.04) {
        // A cross-site form post: the CSRF layer refuses it whoever sends it.
        headers.push(("origin", "https://evil.example".into()));
        headers.push(("sec-fetch-site", "cross-site".into()));
    }
    if rng.gen_bool(0.05) {
        headers.push(("accept-language", header_junk(rng)));
    }
    if route.method == Method::GET {
        // Conditional, partial and compressed answers: the cached pages and the static files
        // read these.
        if rng.gen_bool(0.05) {
            let tag = ["*", "W/\"x\"", "\"0\"", ""]
                .choose(rng)
                .unwrap()
                .to_string();
            let tag = if rng.gen_bool(0.5) {
                tag
            } else {
                header_junk(rng)
            };
            headers.push(("if-none-match", tag));
        }
        if rng.gen_bool(0.05) {
            let range = [
                "bytes=0-0",
                "bytes=999999999-",
                "bytes=-0",
                "bytes=5-1",
                "bytes=0-1,1-2,2-3",
            ]
            .choose(rng)
            .unwrap()
            .to_string();
            let range = if rng.gen_bool(0.5) {
                range
            } else {
                header_junk(rng)
            };
            headers.push(("range", range));
        }
        if rng.gen_bool(0.05) {
            headers.push(("accept-encoding", header_junk(rng)));
        }
        if rng.gen_bool(0.03) {
            headers.push(("if-modified-since", header_junk(rng)));
        }
    }
    if route.who == Who::Anonymous && rng.gen_bool(0.05) {
        // A session cookie that is not one, and a language cookie that names no language.
        headers.push((
            "cookie",
            format!(
                "sdp_session={}; __Host-sdp_session={}; lang={}",
                header_junk(rng).replace([';', ' ', '"', ','], ""),
                header_junk(rng).replace([';', ' ', '"', ','], ""),
                header_junk(rng).replace([';', ' ', '"', ','], "")
            ),
        ));
    }
    if rng.gen_bool(0.05) {
        headers.push(("hx-request", "true".into()));
    }
    Request {
        target,
        headers,
        body,
    }
}

/// A header value reqwest accepts (visible ASCII and spaces, or Latin-1 bytes).
pub(super) fn header_junk(rng: &mut StdRng) -> String {
    let len = rng.gen_range(0..40);
    (0..len)
        .map(|_| match rng.gen_range(0..10) {
            0 => ' ',
            1 => '"',
            2 => ',',
            _ => rng.gen_range(b'!'..=b'~') as char,
        })
        .collect()
}

/// The template with every `{param}` replaced by a generated, percent-encoded segment.
pub(super) fn fill_template(template: &str, rng: &mut StdRng, pools: &Pools, fair: f64) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').unwrap() + start;
        let name = &rest[start + 1..end];
        out.push_str(&segment(name, rng, pools, fair));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

pub(super) fn encode(bytes: &[u8]) -> String {
    form_urlencoded::byte_serialize(bytes).collect()
}

/// How often a body is near-valid rather than anything: the deeper checks see only those.
pub(super) const NEAR_VALID: f64 = 0.65;

/// The longest raw value put in a URL: the client refuses a URL of 64 KiB or more.
pub(super) const URL_VALUE_MAX_BYTES: usize = 3_000;

/// `bytes` cut to fit in a URL (possibly in the middle of a character: more junk).
pub(super) fn for_url(mut bytes: Vec<u8>) -> Vec<u8> {
    bytes.truncate(URL_VALUE_MAX_BYTES);
    bytes
}

/// A path parameter: often (with probability `fair`) a valid or plausible one, so that the
/// request gets past the first lookup.
pub(super) fn segment(name: &str, rng: &mut StdRng, pools: &Pools, fair: f64) -> String {
    if rng.gen_bool(fair) {
        let odd = if fair > 0.5 { 0.1 } else { 0.33 };
        let plausible =
            String::from_utf8_lossy(&for_url(value(name, rng, pools, odd).into_bytes()))
                .into_owned();
        // A wildcard's value is a path of its own: its slashes stay.
        return if name.starts_with('*') {
            plausible
        } else {
            encode(plausible.as_bytes())
        };
    }
    match rng.gen_range(0..12) {
        0 => "%00".into(),
        1 => format!(
            "{}%00",
            encode(&for_url(plausible(name, rng, pools).into_bytes()))
        ),
        2 => "%FF%FE".into(),
        3 => "%C0%80".into(),
        4 => "%2F..%2F".into(),
        5 => "%".into(),
        6 => encode("x".repeat(rng.gen_range(1_000..6_000)).as_bytes()),
        7 => "%E2%80%AE%F0%9F%98%80".into(),
        8 if name.starts_with('*') => format!("a/{}/%00", encode(&for_url(junk(rng)))),
        _ => encode(&for_url(junk(rng))),
    }
}

/// A query string: known parameter names with plausible or junk values, sometimes junk names.
pub(super) fn query(rng: &mut StdRng, pools: &Pools) -> String {
    const KEYS: [&str; 16] = [
        "q", "status", "side", "area", "mine", "lang", "with", "page", "per_page", "ref", "next",
        "saved", "done", "accepted", "cycle", "year",
    ];
    let mut pairs = Vec::new();
    for _ in 0..rng.gen_range(1..5) {
        let key = if rng.gen_bool(0.85) {
            (*KEYS.choose(rng).unwrap()).as_bytes().to_vec()
        } else {
            for_url(junk(rng))
        };
        let value = for_url(if rng.gen_bool(0.5) {
            plausible(std::str::from_utf8(&key).unwrap_or("q"), rng, pools).into_bytes()
        } else {
            junk(rng)
        });
        pairs.push(format!("{}={}", encode(&key), encode(&value)));
    }
    if rng.gen_bool(0.1) {
        pairs.push(
            ["%", "%zz", "=&=", "%00", "a=%FF"]
                .choose(rng)
                .unwrap()
                .to_string(),
        );
    }
    pairs.join("&")
}

/// A URL-encoded form. Most of the time (see [`NEAR_VALID`]) a near-valid one (every field
/// valid, at most one of them broken), so that the input gets past the first check; otherwise
/// each field present, missing or repeated with plausible or junk values, unknown fields, raw
/// bytes, or the wrong content type.
pub(super) fn form(fields: &[&str], rng: &mut StdRng, pools: &Pools) -> (Option<String>, Vec<u8>) {
    const FORM: &str = "application/x-www-form-urlencoded";
    let encode_pairs = |pairs: &[(Vec<u8>, Vec<u8>)]| -> Vec<u8> {
        pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes()
    };
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = fields
        .iter()
        .map(|f| (f.as_bytes().to_vec(), valid(f, rng, pools).into_bytes()))
        .collect();
    if rng.gen_bool(NEAR_VALID) {
        if !pairs.is_empty() && rng.gen_bool(0.5) {
            let i = rng.gen_range(0..pairs.len());
            match rng.gen_range(0..3) {
                0 => {
                    pairs.remove(i);
                }
                1 => {
                    let repeated = (
                        pairs[i].0.clone(),
                        valid(fields[i], rng, pools).into_bytes(),
                    );
                    pairs.push(repeated);
                }
                _ => pairs[i].1 = junk(rng),
            }
        }
        return (Some(FORM.to_owned()), encode_pairs(&pairs));
    }

    let content_type = match rng.gen_range(0..20) {
        0 => None,
        1 => Some("text/plain".to_owned()),
        2 => Some("application/json".to_owned()),
        3 => Some("multipart/form-data; boundary=x".to_owned()),
        4 => Some(format!("{FORM}; charset=iso-8859-1")),
        _ => Some(FORM.to_owned()),
    };
    if rng.gen_bool(0.05) {
        return (content_type, junk(rng));
    }
    pairs.clear();
    for field in fields {
        let times = match rng.gen_range(0..20) {
            0..=2 => 0,
            3..=4 => rng.gen_range(2..4),
            _ => 1,
        };
        for _ in 0..times {
            let value = if rng.gen_bool(0.7) {
                plausible(field, rng, pools).into_bytes()
            } else {
                junk(rng)
            };
            pairs.push((field.as_bytes().to_vec(), value));
        }
    }
    for _ in 0..rng.gen_range(0..3) {
        if rng.gen_bool(0.3) {
            pairs.push((junk(rng), junk(rng)));
        }
    }
    pairs.shuffle(rng);
    let mut body = encode_pairs(&pairs);
    if rng.gen_bool(0.08) {
        // Not encoded at all: raw bytes, stray percent signs, separators.
        let raw: &[u8] = [
            &b"&%"[..],
            b"&%zz=%",
            b"&=&&==",
            b"&status=\xff\xfe",
            b"&narrative=a\x00b",
            b"&version=%00",
        ]
        .choose(rng)
        .unwrap();
        body.extend_from_slice(raw);
    }
    (content_type, body)
}

/// The API's assessment body: the right shape with plausible or wrong values, or broken JSON.
pub(super) fn json_body(rng: &mut StdRng, pools: &Pools) -> (Option<String>, Vec<u8>) {
    use serde_json::{Map, Value, json};
    let content_type = match rng.gen_range(0..20) {
        0 => None,
        1 => Some("application/x-www-form-urlencoded".to_owned()),
        2 => Some("text/plain".to_owned()),
        3 => Some("application/problem+json".to_owned()),
        _ => Some("application/json".to_owned()),
    };
    let text = |rng: &mut StdRng| String::from_utf8_lossy(&junk(rng)).into_owned();
    let any = |rng: &mut StdRng, plausible_value: Value| -> Value {
        match rng.gen_range(0..12) {
            0 => Value::Null,
            1 => json!(rng.gen_range(-3i64..3)),
            2 => json!(1e308),
            3 => json!([]),
            4 => json!({}),
            5 => json!(true),
            6 => json!(text(rng)),
            _ => plausible_value,
        }
    };
    let mut object = Map::new();
    let fields: [(&str, Value); 5] = [
        ("ref", json!(valid("ref", rng, pools))),
        ("side", json!(valid("side", rng, pools))),
        ("status", json!(valid("status", rng, pools))),
        ("narrative", json!(valid("narrative", rng, pools))),
        ("evidence", {
            let n = rng.gen_range(0..4);
            let links: Vec<Value> = (0..n)
                .map(|_| match rng.gen_range(0..4) {
                    0 => {
                        json!({ "url": plausible("evidence_url", rng, pools), "label": text(rng) })
                    }
                    1 => json!({ "url": plausible("evidence_url", rng, pools) }),
                    2 => json!({ "label": text(rng) }),
                    _ => json!(plausible("evidence_url", rng, pools)),
                })
                .collect();
            if rng.gen_bool(0.03) {
                json!(vec!["https://example.org"; 11])
            } else {
                json!(links)
            }
        }),
    ];
    // Near-valid (every field valid, at most one of them broken), or anything.
    let near_valid = rng.gen_bool(NEAR_VALID);
    let broken = rng.gen_range(0..fields.len() * 2);
    for (i, (key, value)) in fields.into_iter().enumerate() {
        if near_valid {
            if i != broken {
                object.insert(key.to_owned(), value);
            } else if rng.gen_bool(0.5) {
                let value = any(rng, value);
                object.insert(key.to_owned(), value);
            }
        } else if rng.gen_bool(0.9) {
            let value = any(rng, value);
            object.insert(key.to_owned(), value);
        }
    }
    if !near_valid && rng.gen_bool(0.1) {
        object.insert(text(rng), json!(text(rng)));
    }
    let mut body = serde_json::to_vec(&Value::Object(object)).unwrap();
    if near_valid {
        return (Some("application/json".to_owned()), body);
    }
    match rng.gen_range(0..25) {
        0 => body.truncate(body.len() / 2),
        1 => body = junk(rng),
        2 => {
            // A duplicated key.
            body.pop();
            body.extend_from_slice(br#","status":"not_started"}"#);
        }
        3 => body = b"[]".to_vec(),
        4 => {
            body.pop();
            body.extend_from_slice(b",\"narrative\":\"\xff\xfe\"}");
        }
        _ => {}
    }
    (content_type, body)
}
