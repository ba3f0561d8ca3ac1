//! SG8xx: numeric, measurable targets (Performance, Success criteria, Error budget).

pub mod error_budget_thresholds;
pub mod non_numeric_target;
pub mod unmeasurable_success_criterion;

/// Units accepted after a number in a target (compared lowercase).
const UNITS: &[&str] = &[
    "%", "ms", "msec", "us", "µs", "ns", "s", "sec", "secs", "second", "seconds", "min", "mins",
    "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "d", "day", "days", "wk", "week",
    "weeks", "rps", "qps", "tps", "rpm", "fps", "req/s", "req/sec", "ops/s", "ops/sec", "b",
    "byte", "bytes", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "x", "×", "nines",
];

/// Time units that make `<count> <thing>/<time>` a rate.
const PER: &[&str] = &[
    "s", "sec", "second", "min", "minute", "h", "hr", "hour", "d", "day", "week", "month",
];

/// Whether `s` has a number followed by a unit or a percent: `<= 2000 ms`, `99.9%`,
/// `1.5 s`, `10k rps`, `1 command/sec`, `3x`, `200 requests per second`.
pub(crate) fn has_number_with_unit(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit()
            || (i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '.'))
        {
            i += 1;
            continue;
        }
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || ((chars[i] == '.' || chars[i] == ',')
                    && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())))
        {
            i += 1;
        }
        // A magnitude suffix directly after the digits: `10k`, `2M`.
        if i < chars.len()
            && matches!(chars[i], 'k' | 'K' | 'M')
            && chars.get(i + 1).is_none_or(|c| !c.is_alphabetic())
        {
            i += 1;
        }
        let rest: String = chars[i..].iter().collect();
        if unit_at(&rest) {
            return true;
        }
    }
    false
}

fn unit_at(rest: &str) -> bool {
    let rest = rest.trim_start();
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '%' | '/' | 'µ' | '×'))
        .collect::<String>()
        .to_lowercase();
    if word.is_empty() {
        return false;
    }
    if UNITS.contains(&word.as_str()) || word.starts_with('%') {
        return true;
    }
    if let Some((_, per)) = word.split_once('/') {
        return PER.contains(&per.trim_end_matches('s'));
    }
    // `200 requests per second`
    let after: Vec<&str> = rest.split_whitespace().take(3).collect();
    after.len() == 3
        && after[1].eq_ignore_ascii_case("per")
        && PER.contains(
            &after[2]
                .to_lowercase()
                .trim_end_matches(|c: char| !c.is_alphabetic())
                .trim_end_matches('s'),
        )
}

/// Spelled-out cardinals that make a criterion countable (`for one major version`).
const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "twenty", "fifty", "hundred", "thousand", "million", "half", "once",
    "twice",
];

/// Whether `s` has a digit or a spelled-out number.
pub(crate) fn has_number(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        || s.split(|c: char| !c.is_alphabetic())
            .any(|w| NUMBER_WORDS.iter().any(|n| n.eq_ignore_ascii_case(w)))
}

/// Whether the section's first content says it is N/A (`N/A — internal tool`).
pub(crate) fn is_na(text: &str) -> bool {
    let t = text
        .trim_start()
        .trim_start_matches(['*', '_', '-', '>', ' ', '`'])
        .to_ascii_lowercase();
    t.starts_with("n/a") || t.starts_with("not applicable")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_units() {
        for ok in [
            "<= 2000 ms",
            ">= 97%",
            "1 command/sec",
            "500 ms (local), 1.5 s (remote)",
            "99.9 %",
            "10k rps",
            "3x",
            "<5s",
            "200 requests per second",
            "1,000 req/s",
            "2 GB",
            "p95 < 300ms",
        ] {
            assert!(has_number_with_unit(ok), "{ok}");
        }
        for no in [
            "fast", "TBD", "1000", "p95", "<ms>", "99.9", "v2 API", "N/A",
        ] {
            assert!(!has_number_with_unit(no), "{no}");
        }
    }
}
