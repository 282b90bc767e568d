//! Which new passwords are accepted: 10 to 128 characters, and none that attackers try early.
//! Guessability is zxcvbn's estimate, which knows some 30,000 passwords from public breaches,
//! common names and words, keyboard walks, dates, repeats, l33t spellings, and the person's own
//! name and email; a password must need about 10^8 guesses (zxcvbn's score 3, "safely
//! unguessable" against an online attack and a slowed offline one).

use crate::Error;

pub const MIN_PASSWORD_CHARS: usize = 10;
/// argon2 would take anything; a cap keeps a huge "password" from costing a request's memory.
pub const MAX_PASSWORD_CHARS: usize = 128;
/// zxcvbn's work grows with length; past this many characters a password is long enough that
/// estimating its start says enough.
const ESTIMATED_CHARS: usize = 64;

/// Why a new password was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordRefusal {
    Length,
    Guessable,
}

impl PasswordRefusal {
    /// How the form that sent it names the problem (`?error=…`).
    pub fn code(self) -> &'static str {
        match self {
            PasswordRefusal::Length => "password",
            PasswordRefusal::Guessable => "guessable",
        }
    }
}

/// Refuses `password` for `person` (their name and email: a password made of them is guessed
/// first) with the reason.
pub fn check(password: &str, person: &[&str]) -> Result<(), Error> {
    let chars = password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars) {
        return Err(Error::PasswordRefused(PasswordRefusal::Length));
    }
    let estimated: String = password.chars().take(ESTIMATED_CHARS).collect();
    let mut personal: Vec<&str> = person.to_vec();
    personal.extend(
        person
            .iter()
            .flat_map(|text| text.split(['@', '.', ' ', '-'])),
    );
    personal.retain(|word| word.chars().count() >= 3);
    if zxcvbn::zxcvbn(&estimated, &personal).score() < zxcvbn::Score::Three {
        return Err(Error::PasswordRefused(PasswordRefusal::Guessable));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERSON: [&str; 2] = ["Dilnoza Rahimova", "dilnoza.rahimova@adliya.uz"];

    #[test]
    fn breached_common_and_personal_passwords_are_refused() {
        for guessable in [
            "password123",
            "qwertyuiop",
            "1234567890",
            "P@ssw0rd2024",
            "iloveyou12",
            "Dilnoza1990",
            "rahimova2026!",
            "aaaaaaaaaaaa",
        ] {
            assert_eq!(
                check(guessable, &PERSON),
                Err(Error::PasswordRefused(PasswordRefusal::Guessable)),
                "{guessable}"
            );
        }
    }

    #[test]
    fn long_uncommon_passphrases_pass_and_lengths_are_bounded() {
        for strong in [
            "correct horse battery staple",
            "Samarqand tongi, choy va kitob",
            "зелёный чайник на окне офиса",
            "k7#Vq2!mZp9w",
            "tea, apricots and a slow modem",
        ] {
            assert_eq!(check(strong, &PERSON), Ok(()), "{strong}");
        }
        assert_eq!(
            check("Kx9#q", &PERSON),
            Err(Error::PasswordRefused(PasswordRefusal::Length))
        );
        let huge = "long passphrase ".repeat(9);
        assert_eq!(
            check(&huge, &PERSON),
            Err(Error::PasswordRefused(PasswordRefusal::Length))
        );
    }
}
