//! Passphrases for encrypted exports: the trivially weak ones are refused.
//!
//! A file of children's SEN data may be emailed or left on a memory stick,
//! and an attacker who has it can try passphrases offline for as long as
//! they like: PBKDF2's 600,000 iterations slow each guess, but the first
//! guesses are always the common passwords, sequences and short patterns.
//! So those are refused, with the reason, and the length is at least
//! [`MIN_CHARS`]. This is a floor, not a strength meter: three or four
//! unrelated words are what the form asks for.
//!
//! The list of common passwords is short and embedded (their cores: a
//! password with digits or symbols before or after it, or letters written
//! as digits, "p4ssw0rd1!", is caught by its core): the most common
//! passwords of the public breach lists (the NCSC's top of "Have I Been
//! Pwned", SplashData's yearly lists) and words a school would try first.
//! No crate: the ones that estimate strength (zxcvbn) carry dictionaries
//! of several hundred kilobytes into the wasm.

use std::fmt;

/// The fewest characters a passphrase may have.
pub const MIN_CHARS: usize = 10;

crate::field_names! {
    /// The fields of a form that sets a passphrase.
    pub enum PassphraseField {
        Passphrase = "passphrase", "Passphrase";
        Again = "passphrase_again", "The passphrase again";
    }
}

/// Why a passphrase is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    Empty,
    TooShort,
    OneCharacter,
    Repeated,
    Sequence,
    NumberOnly,
    Common,
}

const INSTEAD: &str = "Use three or four unrelated words instead.";

impl fmt::Display for Weakness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Weakness::Empty => write!(f, "Enter a passphrase."),
            Weakness::TooShort => {
                write!(f, "The passphrase must be at least {MIN_CHARS} characters.")
            }
            Weakness::OneCharacter => {
                write!(f, "The passphrase is one character repeated. {INSTEAD}")
            }
            Weakness::Repeated => write!(
                f,
                "The passphrase is the same few characters repeated. {INSTEAD}"
            ),
            Weakness::Sequence => write!(
                f,
                "The passphrase is a simple sequence, like 1234567890, abcdefghij or qwertyuiop. {INSTEAD}"
            ),
            Weakness::NumberOnly => write!(
                f,
                "The passphrase is only a number, like a date or a phone number, which is quickly guessed. {INSTEAD}"
            ),
            Weakness::Common => write!(
                f,
                "The passphrase is one of the most common passwords, which are tried first. {INSTEAD}"
            ),
        }
    }
}

impl std::error::Error for Weakness {}

/// Runs of characters typed in order: digits (round to the start again),
/// the alphabet, the keyboard's rows, columns and shifted digits.
const RUNS: [&str; 7] = [
    "01234567890123456789",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "1q2w3e4r5t6y7u8i9o0p",
    "!@#$%^&*()_+",
    "!\"£$%^&*()_+",
];

/// The cores of the most common passwords (lower case, letters only, as
/// [`core`] leaves them).
const COMMON: &[&str] = &[
    "password",
    "passw",
    "passwd",
    "pass",
    "passphrase",
    "passcode",
    "secret",
    "qwerty",
    "qwertz",
    "azerty",
    "asdf",
    "iloveyou",
    "iloveu",
    "loveyou",
    "loveme",
    "lovely",
    "letmein",
    "welcome",
    "hello",
    "helloworld",
    "monkey",
    "dragon",
    "sunshine",
    "princess",
    "shadow",
    "master",
    "superman",
    "batman",
    "spiderman",
    "football",
    "baseball",
    "soccer",
    "hockey",
    "basketball",
    "liverpool",
    "chelsea",
    "arsenal",
    "manchester",
    "everton",
    "tottenham",
    "london",
    "england",
    "britain",
    "michael",
    "jordan",
    "jennifer",
    "jessica",
    "ashley",
    "charlie",
    "daniel",
    "thomas",
    "robert",
    "andrew",
    "joshua",
    "hunter",
    "buster",
    "tigger",
    "pepper",
    "ginger",
    "maggie",
    "cookie",
    "banana",
    "chocolate",
    "cheese",
    "flower",
    "angel",
    "summer",
    "winter",
    "spring",
    "autumn",
    "freedom",
    "whatever",
    "nothing",
    "trustno",
    "trustnoone",
    "starwars",
    "pokemon",
    "naruto",
    "matrix",
    "ninja",
    "mustang",
    "harley",
    "ranger",
    "killer",
    "computer",
    "internet",
    "google",
    "samsung",
    "apple",
    "admin",
    "administrator",
    "login",
    "access",
    "changeme",
    "default",
    "guest",
    "test",
    "testing",
    "qazwsx",
    "zaqxsw",
    "abc",
    "abcd",
    "school",
    "schools",
    "teacher",
    "teachers",
    "student",
    "students",
    "pupil",
    "pupils",
    "children",
    "education",
    "senco",
    "sendco",
    "sen",
    "send",
    "waymark",
    "headteacher",
    "office",
    "classroom",
];

/// Whether `s` is a stretch of one of [`RUNS`], forwards or backwards.
fn in_a_run(s: &str) -> bool {
    let back: String = s.chars().rev().collect();
    RUNS.iter()
        .any(|r| r.contains(s) || r.contains(back.as_str()))
}

/// Whether `s` is made of sequences of at least three characters each
/// ("qwerty123456", "abc1234567").
fn is_sequence(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let longest = (i + 1..=chars.len())
            .rev()
            .find(|&j| in_a_run(&chars[i..j].iter().collect::<String>()))
            .unwrap_or(i);
        if longest - i < 3 {
            return false;
        }
        i = longest;
    }
    true
}

/// Whether `s` is a shorter string repeated.
fn is_repeated(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    (1..=n / 2).any(|k| n.is_multiple_of(k) && chars.chunks(k).all(|c| c == &chars[..k]))
}

/// The letters of a password with the digits and symbols before and after
/// them dropped, `@` and `$` read as letters, and digits between letters
/// read as the letters they stand for (`p4ssw0rd` is `password`): with and
/// without a leading digit, and each reading of `1` (i or l).
fn cores(plain: &str) -> Vec<String> {
    let letters: String = plain
        .chars()
        .map(|c| match c {
            '@' => 'a',
            '$' => 's',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect();
    let digit = |c: char| c.is_ascii_digit();
    // A leading digit may be a letter ("1etmein") or not ("123senco").
    let trimmed = [letters.trim_matches(digit), letters.trim_end_matches(digit)];
    trimmed
        .iter()
        .flat_map(|t| [(t, 'i'), (t, 'l')])
        .map(|(t, one)| {
            t.chars()
                .map(|c| match c {
                    '0' => 'o',
                    '1' => one,
                    '3' => 'e',
                    '4' => 'a',
                    '5' => 's',
                    '7' => 't',
                    '8' => 'b',
                    c => c,
                })
                .collect()
        })
        .collect()
}

/// Why `passphrase` is too weak to protect children's data, if it is.
pub fn check(passphrase: &str) -> Result<(), Weakness> {
    if passphrase.is_empty() {
        return Err(Weakness::Empty);
    }
    if passphrase.chars().count() < MIN_CHARS {
        return Err(Weakness::TooShort);
    }
    // Case and spaces add next to nothing: "Aaaa aaaa aa" is one letter.
    let plain: String = passphrase
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut chars = plain.chars();
    let first = chars.next();
    if first.is_none() || chars.all(|c| Some(c) == first) {
        return Err(Weakness::OneCharacter);
    }
    if is_repeated(&plain) {
        return Err(Weakness::Repeated);
    }
    if is_sequence(&plain) {
        return Err(Weakness::Sequence);
    }
    if plain
        .chars()
        .all(|c| c.is_ascii_digit() || "/-.".contains(c))
    {
        return Err(Weakness::NumberOnly);
    }
    if cores(&plain)
        .iter()
        .any(|c| COMMON.contains(&c.as_str()) || (!c.is_empty() && is_repeated(c)))
    {
        return Err(Weakness::Common);
    }
    Ok(())
}

/// The problems of a new passphrase typed twice: each beside its field.
pub fn check_new(
    passphrase: &str,
    again: &str,
) -> Result<(), crate::domain::Problems<PassphraseField>> {
    let mut problems = crate::domain::Problems::default();
    if let Err(w) = check(passphrase) {
        problems.push(PassphraseField::Passphrase, w.to_string());
    }
    if passphrase != again {
        problems.push(
            PassphraseField::Again,
            "The two passphrases are not the same.",
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FieldName;

    #[test]
    fn trivially_weak_passphrases_are_refused_with_the_reason() {
        let cases: &[(&str, Weakness)] = &[
            ("", Weakness::Empty),
            ("short", Weakness::TooShort),
            ("nine char", Weakness::TooShort),
            ("ééééééééé", Weakness::TooShort),
            ("aaaaaaaaaa", Weakness::OneCharacter),
            ("AAAAA aaaaa", Weakness::OneCharacter),
            ("          ", Weakness::OneCharacter),
            ("0000000000", Weakness::OneCharacter),
            ("ababababab", Weakness::Repeated),
            ("abcabcabcabc", Weakness::Repeated),
            ("passwordpassword", Weakness::Repeated),
            ("hello hello hello", Weakness::Repeated),
            ("1234567890", Weakness::Sequence),
            ("0987654321", Weakness::Sequence),
            ("12345678901", Weakness::Sequence),
            ("abcdefghij", Weakness::Sequence),
            ("JIHGFEDCBA", Weakness::Sequence),
            ("qwertyuiop", Weakness::Sequence),
            ("qwerty123456", Weakness::Sequence),
            ("abc1234567", Weakness::Sequence),
            ("1qaz2wsx3edc", Weakness::Sequence),
            ("1q2w3e4r5t", Weakness::Sequence),
            ("!@#$%^&*()", Weakness::Sequence),
            ("28/02/2015", Weakness::NumberOnly),
            ("0161 496 0000", Weakness::NumberOnly),
            ("password123", Weakness::Common),
            ("Password2024!", Weakness::Common),
            ("P@ssw0rd1234", Weakness::Common),
            ("p4ssw0rd!!", Weakness::Common),
            ("iloveyou12", Weakness::Common),
            ("I love you 2024", Weakness::Common),
            ("1etmein123", Weakness::Common),
            ("Football1234", Weakness::Common),
            ("Liverpool1892", Weakness::Common),
            ("Welcome123!", Weakness::Common),
            ("Teacher2026", Weakness::Common),
            ("123senco123", Weakness::Common),
            ("waymark2026", Weakness::Common),
            ("monkeymonkey1", Weakness::Common),
        ];
        for (p, why) in cases {
            assert_eq!(check(p), Err(*why), "{p:?}");
        }
    }

    #[test]
    fn passphrases_of_words_are_taken() {
        for p in [
            "purple elephant tuesday",
            "correct horse battery",
            "a long passphrase",
            "Tea at 4 in Room 12",
            "Mr Okafor's Year 6 class",
            "Zoë's café menu",
            "passwordsafe123 orange",
            "tortoise1lemon",
        ] {
            assert_eq!(check(p), Ok(()), "{p:?}");
        }
    }

    #[test]
    fn every_weakness_says_why_in_plain_english() {
        assert_eq!(Weakness::Empty.to_string(), "Enter a passphrase.");
        assert_eq!(
            Weakness::TooShort.to_string(),
            "The passphrase must be at least 10 characters."
        );
        assert_eq!(
            Weakness::Common.to_string(),
            "The passphrase is one of the most common passwords, which are tried first. Use three or four unrelated words instead."
        );
        for w in [
            Weakness::OneCharacter,
            Weakness::Repeated,
            Weakness::Sequence,
            Weakness::NumberOnly,
        ] {
            assert!(w.to_string().ends_with(INSTEAD), "{w:?}");
        }
    }

    #[test]
    fn a_new_passphrase_is_checked_beside_each_field() {
        assert_eq!(
            check_new("purple elephant tuesday", "purple elephant tuesday"),
            Ok(())
        );
        let p = check_new("purple elephant tuesday", "purple elephant thursday").unwrap_err();
        assert_eq!(p.0.len(), 1);
        assert_eq!(p.0[0].field, PassphraseField::Again);
        assert_eq!(p.0[0].message, "The two passphrases are not the same.");
        let p = check_new("short", "shorter").unwrap_err();
        let fields: Vec<_> = p.0.iter().map(|e| e.field.name()).collect();
        assert_eq!(fields, ["passphrase", "passphrase_again"]);
        assert_eq!(
            p.0[0].message,
            "The passphrase must be at least 10 characters."
        );
        assert_eq!(PassphraseField::Again.label(), "The passphrase again");
        let p = check_new("", "").unwrap_err();
        assert_eq!(p.0.len(), 1);
        assert_eq!(p.0[0].message, "Enter a passphrase.");
    }
}
