//! The charts' colours, and the contrast rule they keep (WCAG 2.1, 1.4.11 non-text contrast):
//! every fill has at least 3:1 against the white page and against the fill drawn next to it, so
//! the segments of a stacked bar can be told apart without relying on hue. The colours alternate
//! between a dark and a mid-tone step along the order the segments are drawn; segments are also
//! separated by a white gap, and the words (legend, counts, tables) say the same without colour.

/// The least contrast ratio between a chart colour and white, and between neighbours.
pub const MIN_CONTRAST: f64 = 3.0;

/// Relative luminance of an sRGB colour written `#rrggbb` (WCAG 2.1 definition).
pub fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// Contrast ratio between two colours, from 1 to 21.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::{compare::Bucket, public};

    fn check(name: &str, fills: &[&str]) {
        for fill in fills {
            let c = contrast(fill, "#ffffff");
            assert!(
                c >= MIN_CONTRAST,
                "{name}: {fill} is {c:.2}:1 against white"
            );
        }
        for pair in fills.windows(2) {
            let c = contrast(pair[0], pair[1]);
            assert!(
                c >= MIN_CONTRAST,
                "{name}: {} next to {} is {c:.2}:1",
                pair[0],
                pair[1]
            );
        }
    }

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#767676", "#ffffff") - 4.54).abs() < 0.01);
        assert!((contrast("#ffffff", "#ffffff") - 1.0).abs() < 1e-9);
    }

    #[test]
    fn public_chart_colours_contrast_with_white_and_their_neighbours() {
        let fills: Vec<&str> = public::SUMMARY_ORDER
            .iter()
            .map(|s| public::status_fill(*s))
            .collect();
        check("public chart", &fills);
    }

    #[test]
    fn trend_chart_colours_contrast_with_white_and_their_neighbours() {
        let fills: Vec<&str> = Bucket::ALL.iter().map(|b| b.fill()).collect();
        check("trend chart", &fills);
        // The two that matter most are told apart without hue.
        let improved = Bucket::Trend(crate::domain::trend::Trend::Improved).fill();
        let regressed = Bucket::Trend(crate::domain::trend::Trend::Regressed).fill();
        assert!(contrast(improved, regressed) >= MIN_CONTRAST);
    }
}
