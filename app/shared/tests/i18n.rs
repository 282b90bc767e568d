//! Every message exists in every language: a missing translation would silently fall back to
//! English for Uzbek or Russian readers.

use malaka_shared::i18n::{has_message, t, Locale};

/// Each English message's key with the names of the arguments it uses.
fn english_keys() -> Vec<(String, Vec<&'static str>)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en/main.ftl"))
        .unwrap();
    text.lines()
        .filter_map(|line| line.split_once(" = "))
        .filter(|(key, _)| !key.starts_with(' ') && !key.is_empty())
        .map(|(key, value)| {
            let args = value
                .split("$")
                .skip(1)
                .map(|rest| {
                    rest.split(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or_default()
                })
                .map(|name| &*String::from(name).leak())
                .collect();
            (key.to_owned(), args)
        })
        .collect()
}

#[test]
fn every_message_is_translated_into_every_language() {
    let keys = english_keys();
    assert!(keys.len() > 50, "found only {} keys", keys.len());
    for locale in Locale::ALL {
        let missing: Vec<&String> = keys
            .iter()
            .filter(|(key, args)| {
                let args: Vec<_> = args.iter().map(|name| (*name, 1.into())).collect();
                !has_message(locale, key, &args)
            })
            .map(|(key, _)| key)
            .collect();
        assert!(
            missing.is_empty(),
            "{} is missing {missing:?}",
            locale.code()
        );
    }
}

#[test]
fn plurals_and_arguments_are_filled_in() {
    use malaka_shared::i18n::t_with;
    assert_eq!(
        t_with(Locale::Ru, "course-lessons", &[("count", 3.into())]),
        "3 урока"
    );
    assert_eq!(
        t_with(Locale::Ru, "course-lessons", &[("count", 7.into())]),
        "7 уроков"
    );
    assert_eq!(
        t_with(Locale::En, "course-lessons", &[("count", 1.into())]),
        "1 lesson"
    );
    assert_eq!(t(Locale::Uz, "sign-in-title"), "Tizimga kirish");
}
