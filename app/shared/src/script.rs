//! Uzbek Latin to Uzbek Cyrillic transliteration. Course text and UI strings are written once, in
//! the official Latin script; staff who learned to read Cyrillic get the same text converted here
//! rather than a second, hand-kept copy that would drift from the first.
//!
//! The rules follow the official correspondence of the two alphabets ("Oʻzbek tilining asosiy imlo
//! qoidalari", Cabinet of Ministers resolution No. 339 of 24 August 1995, and its appendix on
//! Cyrillic letters). Latin to Cyrillic is the lossy direction: Cyrillic keeps Russian spellings
//! (ц, ь, ъ in loanwords) that Latin dropped, so a few loanword stems are listed in `EXCEPTIONS`
//! and everything else follows the letter rules. Known ambiguities, decided as follows:
//! - `sh` is always ш. Where s and h are separate sounds the rules put a tutuq belgisi between
//!   them (`Isʼhoq`); that apostrophe only separates and has no Cyrillic letter (Исҳоқ).
//! - `y` before o/u/a/e is ё/ю/я/е anywhere in a word (`dunyo` дунё, `qayerda` қаерда), except
//!   before the letter oʻ (`yoʻl` йўл). Russian soft-sign spellings (интервью) are exceptions.
//! - `e` is э at the start of a word and after a vowel or ъ (`ekran` экран, `poeziya` поэзия,
//!   `beeʼtibor` беэътибор), else е: Cyrillic е there would read "ye", which Latin spells `ye`.
//! - `ts` is тс (`ketsa` кетса); only after a vowel and before `iya`/`ion`, the loanword endings
//!   the rules spell with ts for ц, is it ц (`konstitutsiya` конституция). Latin `s` for ц
//!   (`sirk` цирк) cannot be told from a real s and stays с.
//! - An apostrophe after o or g is oʻ/gʻ, except that a quote other than ʻ after a word-final `o`
//!   closes a quotation ('dunyo'), since hardly any Uzbek word ends in oʻ. Between two letters
//!   elsewhere, or the tutuq belgisi ʼ after a letter, it is ъ; any other apostrophe is a quote.
//!
//! Left as they are: fenced code blocks, inline code, URLs, e-mail addresses, domain names, HTML
//! tags, Markdown link targets and Fluent placeables, which are not Uzbek prose. Digits are not
//! letters and pass through unchanged.

/// What may follow o or g to make oʻ or gʻ: the official ʻ and what keyboards offer instead.
const TURNED_COMMAS: [char; 5] = ['\u{02BB}', '\u{2018}', '\u{2019}', '`', '\''];

/// The tutuq belgisi proper, which is never part of oʻ or gʻ.
const TUTUQ: char = '\u{02BC}';

/// A URL runs from one of these to the next whitespace.
const URL_STARTS: [&str; 3] = ["http://", "https://", "www."];

/// Top-level domains that mark a dotted token as a host name rather than two words run together
/// ("Sh.Mirziyoyev" or "bordik.Keyin" must still be transliterated).
const TLDS: [&str; 13] = [
    "uz", "com", "org", "net", "ru", "gov", "edu", "info", "io", "dev", "app", "int", "kz",
];

/// Loanword stems whose Cyrillic keeps a Russian spelling the letter rules cannot recover, taken
/// from the rules' appendix (ё, ю, я, ь, ъ, ц) and the months the rules spell with `a`. They
/// match at the start of a word, so inflected forms (`budjetga`) are covered too.
const EXCEPTIONS: [(&str, &str); 15] = [
    ("sentabr", "сентябр"),
    ("oktabr", "октябр"),
    ("budjet", "бюджет"),
    ("stajor", "стажёр"),
    ("flaga", "фляга"),
    ("intervyu", "интервью"),
    ("fortepyano", "фортепьяно"),
    ("premyera", "премьера"),
    ("pavilyon", "павильон"),
    ("razyezd", "разъезд"),
    ("adyutant", "адъютант"),
    ("obyekt", "объект"),
    ("subyekt", "субъект"),
    ("litsey", "лицей"),
    ("litsenziya", "лицензия"),
];

/// What came just before, which decides `e` against `э`, word starts and ъ.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    Boundary,
    Vowel,
    Consonant,
    Sign,
}

/// Converts Uzbek Latin text to Uzbek Cyrillic, leaving code, addresses and markup untouched.
pub fn latin_to_cyrillic(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut prev = Prev::Boundary;
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = protected_end(&chars, i) {
            out.extend(&chars[i..end]);
            prev = Prev::Boundary;
            i = end;
        } else {
            let (used, kind) = letter(&chars, i, prev, &mut out);
            prev = kind;
            i += used;
        }
    }
    out
}

/// Where a span that must stay as written ends, if one starts at `i`.
fn protected_end(chars: &[char], i: usize) -> Option<usize> {
    if (i == 0 || chars[i - 1] == '\n') && is_fence(chars, i) {
        return Some(fenced_block_end(chars, i));
    }
    if i == 0 || chars[i - 1].is_whitespace() {
        let end = token_end(chars, i);
        if chars[i..end].contains(&'@') {
            return Some(end);
        }
    }
    let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || is_apostrophe(chars[i - 1]));
    if !after_word && URL_STARTS.iter().any(|p| starts_with_ci(chars, i, p)) {
        return Some(token_end(chars, i));
    }
    if let Some(end) = domain_end(chars, i) {
        return Some(end);
    }
    match chars[i] {
        // A backtick right after a letter is an apostrophe (o`zbek, ma`no), not code.
        '`' if i == 0 || !chars[i - 1].is_alphabetic() => code_span_end(chars, i),
        '{' => placeable_end(chars, i),
        '<' => tag_end(chars, i),
        ']' => link_target_end(chars, i),
        _ => None,
    }
}

/// Writes the Cyrillic for the letter or digraph at `i`; returns how many characters it used and
/// what the next letter sees before it.
fn letter(chars: &[char], i: usize, prev: Prev, out: &mut String) -> (usize, Prev) {
    let c = chars[i];
    let lower = c.to_ascii_lowercase();
    let upper = c.is_uppercase();
    let next = chars.get(i + 1).map(|n| n.to_ascii_lowercase());
    let separated_h = next.is_some_and(is_apostrophe)
        && chars
            .get(i + 2)
            .is_some_and(|h| h.eq_ignore_ascii_case(&'h'));
    if let Some(found) = exception(chars, i, prev, out) {
        return found;
    }
    let (cyrillic, used, kind) = match lower {
        'o' if is_turned_o(chars, i) => ('ў', 2, Prev::Vowel),
        'g' if chars.get(i + 1).is_some_and(|n| TURNED_COMMAS.contains(n)) => {
            ('ғ', 2, Prev::Consonant)
        }
        's' if next == Some('h') => ('ш', 2, Prev::Consonant),
        's' if separated_h => ('с', 2, Prev::Consonant),
        'c' if next == Some('h') => ('ч', 2, Prev::Consonant),
        't' if next == Some('s')
            && prev == Prev::Vowel
            && (starts_with_ci(chars, i + 2, "iya") || starts_with_ci(chars, i + 2, "ion")) =>
        {
            ('ц', 2, Prev::Consonant)
        }
        'y' if matches!(next, Some('o' | 'u' | 'a' | 'e')) && !is_turned_o(chars, i + 1) => {
            let vowel = match next {
                Some('o') => 'ё',
                Some('u') => 'ю',
                Some('a') => 'я',
                _ => 'е',
            };
            (vowel, 2, Prev::Vowel)
        }
        'e' if prev == Prev::Consonant => ('е', 1, Prev::Vowel),
        'e' => ('э', 1, Prev::Vowel),
        _ => match single(lower) {
            Some(cyrillic) if matches!(lower, 'a' | 'i' | 'o' | 'u') => (cyrillic, 1, Prev::Vowel),
            Some(cyrillic) => (cyrillic, 1, Prev::Consonant),
            None => return other(chars, i, prev, out),
        },
    };
    push_cased(out, cyrillic, upper);
    (used, kind)
}

/// Handles what is not a Latin letter: ъ for an apostrophe inside a word, else the character.
fn other(chars: &[char], i: usize, prev: Prev, out: &mut String) -> (usize, Prev) {
    let c = chars[i];
    let next_letter = chars.get(i + 1).copied().filter(|n| n.is_alphabetic());
    let in_word = matches!(prev, Prev::Vowel | Prev::Consonant);
    if is_apostrophe(c) && in_word && (c == TUTUQ || next_letter.is_some()) {
        // Capital Ъ only inside capitals: A'lo gives Аъло, A'LO gives АЪЛО.
        let upper = next_letter.unwrap_or(chars[i - 1]).is_uppercase();
        push_cased(out, 'ъ', upper);
        return (1, Prev::Sign);
    }
    out.push(c);
    let kind = if c.is_alphabetic() {
        Prev::Consonant
    } else {
        Prev::Boundary
    };
    (1, kind)
}

/// Writes an exceptional stem starting a word at `i`, in the case the source word uses.
fn exception(chars: &[char], i: usize, prev: Prev, out: &mut String) -> Option<(usize, Prev)> {
    if prev != Prev::Boundary || (i > 0 && chars[i - 1].is_alphabetic()) {
        return None;
    }
    let (latin, cyrillic) = EXCEPTIONS
        .iter()
        .find(|(latin, _)| starts_with_ci(chars, i, latin))?;
    let len = latin.chars().count();
    let all_caps = chars[i..i + len].iter().all(|c| c.is_uppercase());
    for (k, ch) in cyrillic.chars().enumerate() {
        push_cased(out, ch, all_caps || (k == 0 && chars[i].is_uppercase()));
    }
    let kind = if cyrillic.ends_with(['а', 'е', 'ё', 'и', 'о', 'у', 'ў', 'э', 'ю', 'я']) {
        Prev::Vowel
    } else {
        Prev::Consonant
    };
    Some((len, kind))
}

/// The letters that map one to one, position by position (`e` depends on its neighbours).
const LATIN: &str = "abdfghijklmnopqrstuvxyz";
const CYRILLIC: &str = "абдфгҳижклмнопқрстувхйз";

fn single(lower: char) -> Option<char> {
    // LATIN is ASCII, so its byte offsets are character positions.
    let index = LATIN.find(lower)?;
    CYRILLIC.chars().nth(index)
}

fn push_cased(out: &mut String, lower: char, upper: bool) {
    if upper {
        out.extend(lower.to_uppercase());
    } else {
        out.push(lower);
    }
}

fn is_apostrophe(c: char) -> bool {
    c == TUTUQ || TURNED_COMMAS.contains(&c)
}

/// Whether `i` holds an `o` that is the letter oʻ (see the module notes on word-final quotes).
fn is_turned_o(chars: &[char], i: usize) -> bool {
    let is_o = chars.get(i).is_some_and(|o| o.eq_ignore_ascii_case(&'o'));
    match chars.get(i + 1) {
        Some(&'\u{02BB}') => is_o,
        Some(mark) if TURNED_COMMAS.contains(mark) => {
            is_o && chars.get(i + 2).is_some_and(|c| c.is_alphabetic())
        }
        _ => false,
    }
}

fn starts_with_ci(chars: &[char], i: usize, pattern: &str) -> bool {
    pattern
        .chars()
        .enumerate()
        .all(|(k, p)| chars.get(i + k).is_some_and(|c| c.eq_ignore_ascii_case(&p)))
}

fn token_end(chars: &[char], i: usize) -> usize {
    chars[i..]
        .iter()
        .position(|c| c.is_whitespace())
        .map_or(chars.len(), |p| i + p)
}

/// The index just past the end of the line holding `i` (past its newline, if any).
fn line_end(chars: &[char], i: usize) -> usize {
    chars[i..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |p| i + p + 1)
}

fn is_fence(chars: &[char], i: usize) -> bool {
    let indent = chars[i..].iter().take(3).take_while(|&&c| c == ' ').count();
    starts_with_ci(chars, i + indent, "```") || starts_with_ci(chars, i + indent, "~~~")
}

/// A fenced block runs to the end of its closing fence line, or of the text if never closed.
fn fenced_block_end(chars: &[char], i: usize) -> usize {
    let mut line = line_end(chars, i);
    while line < chars.len() {
        let next = line_end(chars, line);
        if is_fence(chars, line) {
            return next;
        }
        line = next;
    }
    chars.len()
}

/// A host name starting a word: ASCII labels joined by dots and ending in a known TLD, with any
/// path after it.
fn domain_end(chars: &[char], i: usize) -> Option<usize> {
    let inside_word = i > 0
        && (chars[i - 1].is_alphanumeric()
            || is_apostrophe(chars[i - 1])
            || matches!(chars[i - 1], '.' | '-'));
    if inside_word {
        return None;
    }
    let is_host_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    let mut end = i;
    while end < chars.len() && is_host_char(chars[end]) {
        end += 1;
    }
    while end > i && matches!(chars[end - 1], '.' | '-') {
        end -= 1;
    }
    let host: String = chars[i..end].iter().collect();
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last()?.to_ascii_lowercase();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) || !TLDS.contains(&tld.as_str()) {
        return None;
    }
    if chars.get(end) == Some(&'/') {
        Some(token_end(chars, end))
    } else {
        Some(end)
    }
}

/// Inline code opens with a run of backticks followed by a non-space and closes at the next run
/// of the same length on that line; an unclosed backtick is an apostrophe or plain text.
fn code_span_end(chars: &[char], i: usize) -> Option<usize> {
    let run = chars[i..].iter().take_while(|&&c| c == '`').count();
    if chars.get(i + run).is_none_or(|c| c.is_whitespace()) {
        return None;
    }
    let line = line_end(chars, i);
    (i + run..line.saturating_sub(run - 1))
        .find(|&j| chars[j..j + run].iter().all(|&c| c == '`'))
        .map(|j| j + run)
}

/// Fluent placeables may nest and span lines (select expressions); braces are counted.
fn placeable_end(chars: &[char], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &c) in chars.iter().enumerate().skip(i) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// An HTML tag, comment or autolink: `<` then a letter, `/` or `!`, up to `>` on the same line.
fn tag_end(chars: &[char], i: usize) -> Option<usize> {
    let next = *chars.get(i + 1)?;
    let opens = next.is_ascii_alphabetic() || matches!(next, '/' | '!');
    if !opens {
        return None;
    }
    let line = line_end(chars, i);
    chars[i..line]
        .iter()
        .position(|&c| c == '>')
        .map(|p| i + p + 1)
}

/// The `](target)` of a Markdown link or image, with balanced parentheses inside the target.
fn link_target_end(chars: &[char], i: usize) -> Option<usize> {
    if chars.get(i + 1) != Some(&'(') {
        return None;
    }
    let line = line_end(chars, i);
    let mut depth = 0usize;
    for (k, &c) in chars.iter().enumerate().take(line).skip(i + 1) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k + 1);
                }
            }
            _ => {}
        }
    }
    None
}
