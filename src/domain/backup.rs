//! When to remind the SENCO to export a backup: the data lives only in this
//! browser, so a lost or wiped device loses everything not exported.

use jiff::{SignedDuration, Timestamp};

use super::browser::Browser;

/// Days between backup reminders unless the user chose otherwise.
pub const DEFAULT_REMINDER_DAYS: u32 = 14;

/// Days between reminders where the browser may delete the data after
/// [`super::browser::EVICTION_DAYS`] days unused (Safari, not installed):
/// a backup at least as often as the data could vanish.
pub const EVICTING_REMINDER_DAYS: u32 = 7;

/// How many days between backup reminders: the number the user chose, if
/// they chose one; otherwise 14, or 7 in a browser that may delete the data
/// after 7 days unused. `stored` is the number kept in the app's state, and
/// `chosen` whether the user saved it; builds before the choice was
/// recorded stored 14 unless the user changed it, so any other number was
/// chosen.
pub fn reminder_days(stored: u32, chosen: bool, browser: Browser) -> u32 {
    if chosen || stored != DEFAULT_REMINDER_DAYS {
        stored
    } else if browser.evicts_when_unused() {
        EVICTING_REMINDER_DAYS
    } else {
        DEFAULT_REMINDER_DAYS
    }
}

/// The reminder to show, if one is due: there is data, and the last export
/// is older than `days` days (or there has been none).
pub fn reminder(
    last_export: Option<Timestamp>,
    days: u32,
    now: Timestamp,
    has_data: bool,
) -> Option<String> {
    if !has_data || days == 0 {
        return None;
    }
    match last_export {
        None => Some("Your data has never been exported: it is only in this browser.".into()),
        Some(t) => {
            let age = now.duration_since(t);
            let limit = SignedDuration::from_hours(24 * i64::from(days));
            (age > limit).then(|| {
                let d = age.as_hours() / 24;
                format!("Your last backup was {d} days ago.")
            })
        }
    }
}

/// How many backups taken before imports and restores are kept.
pub const KEPT: usize = 5;

/// The key of the one backup kept by builds before five were kept.
pub const LEGACY_KEY: &str = "import-backup";

/// The prefix of a backup's key in the `meta` store; the rest is the time
/// it was taken, in milliseconds, zero-padded so keys sort by time.
pub const KEY_PREFIX: &str = "backup:";

/// The key of a backup taken at `taken_at`.
pub fn key(taken_at: Timestamp) -> String {
    format!("{KEY_PREFIX}{:016}", taken_at.as_millisecond().max(0))
}

/// Whether `key` (of the `meta` store) is a backup's.
pub fn is_key(key: &str) -> bool {
    key == LEGACY_KEY || key.starts_with(KEY_PREFIX)
}

/// Of the `meta` store's keys (with the backup being saved among them),
/// the backups' beyond the newest [`KEPT`], oldest first: what saving a
/// backup deletes. The legacy backup is older than any other.
pub fn to_prune(keys: &[String]) -> Vec<String> {
    let mut backups: Vec<&String> = keys.iter().filter(|k| is_key(k)).collect();
    crate::domain::sort::by(&mut backups, |a, b| {
        (a.as_str() != LEGACY_KEY, a).cmp(&(b.as_str() != LEGACY_KEY, b))
    });
    backups.dedup();
    let over = backups.len().saturating_sub(KEPT);
    backups.into_iter().take(over).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_five_backups_are_kept() {
        let at = |s: &str| key(s.parse().unwrap());
        assert_eq!(at("2026-11-22T10:00:00.5Z"), "backup:0001795341600500");
        let mut keys: Vec<String> = [
            "2026-11-22T10:00:00Z",
            "2026-11-20T10:00:00Z",
            "2026-11-23T10:00:00Z",
            "2026-11-21T10:00:00Z",
            "2026-11-24T10:00:00Z",
        ]
        .map(at)
        .into();
        keys.push("app".into());
        assert!(to_prune(&keys).is_empty(), "five are kept");
        keys.push(LEGACY_KEY.into());
        assert_eq!(
            to_prune(&keys),
            [LEGACY_KEY],
            "the old build's one is the oldest"
        );
        keys.push(at("2026-11-25T10:00:00Z"));
        assert_eq!(
            to_prune(&keys),
            [LEGACY_KEY.to_owned(), at("2026-11-20T10:00:00Z")]
        );
    }

    #[test]
    fn safari_not_installed_is_reminded_weekly_unless_the_user_chose() {
        use crate::domain::browser::{Device, Engine};
        let safari = Browser {
            engine: Engine::WebKit,
            device: Device::Ios,
            installed: false,
        };
        let installed = Browser {
            installed: true,
            ..safari
        };
        let chromium = Browser::default();
        assert_eq!(reminder_days(14, false, safari), 7);
        assert_eq!(reminder_days(14, false, installed), 14);
        assert_eq!(reminder_days(14, false, chromium), 14);
        assert_eq!(reminder_days(14, true, safari), 14, "chosen 14 is kept");
        assert_eq!(
            reminder_days(30, false, safari),
            30,
            "an older build's 30 was chosen"
        );
        assert_eq!(reminder_days(0, true, safari), 0, "chosen never");
        assert_eq!(reminder_days(0, false, safari), 0);
        assert_eq!(reminder_days(3, true, chromium), 3);
    }

    #[test]
    fn reminds_when_due_only() {
        let now: Timestamp = "2026-11-22T12:00:00Z".parse().unwrap();
        let days_ago = |d: i64| now - SignedDuration::from_hours(24 * d);
        assert!(
            reminder(None, 14, now, false).is_none(),
            "nothing to back up"
        );
        assert!(reminder(None, 14, now, true)
            .unwrap()
            .contains("never been exported"));
        assert!(
            reminder(Some(days_ago(14)), 14, now, true).is_none(),
            "exactly 14 days is not over"
        );
        assert_eq!(
            reminder(Some(days_ago(15)), 14, now, true).as_deref(),
            Some("Your last backup was 15 days ago.")
        );
        assert!(
            reminder(Some(days_ago(400)), 0, now, true).is_none(),
            "0 turns reminders off"
        );
    }
}
