//! When to ask the browser to keep the app's storage (`navigator.storage
//! .persist()`), so that it is not cleared to free space.
//!
//! Asked first on the first real edit (one saved with pupils in the data).
//! Browsers may refuse: Chromium grants or refuses without asking the user,
//! by how much the site is used, so a refusal today can be a grant later;
//! Firefox asks the user. So after a refusal the app asks again, on a later
//! real edit, at most once every [`ASK_AGAIN_AFTER_HOURS`] hours (a day): a
//! SENCO who refused Firefox's prompt is asked at most once a day, and a
//! browser that grants later is asked soon after it would. Never once
//! granted, and never without a real edit.

use jiff::{SignedDuration, Timestamp};

/// Hours after a refused request before the app asks again.
pub const ASK_AGAIN_AFTER_HOURS: i64 = 24;

/// When persistence was last asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    Never,
    /// Asked by a build that did not record when.
    AtUnknownTime,
    At(Timestamp),
}

impl Asked {
    /// From the app's stored state: whether it was asked, and when.
    pub fn from_stored(requested: bool, at: Option<Timestamp>) -> Asked {
        match (at, requested) {
            (Some(t), _) => Asked::At(t),
            (None, true) => Asked::AtUnknownTime,
            (None, false) => Asked::Never,
        }
    }
}

/// Whether to ask for persistence now. `granted` is what the browser says
/// now (`None`: it does not say, or has no storage manager); `real_edit`
/// whether an edit was just saved with pupils in the data. A clock that
/// has gone back behind the last request counts as time enough.
pub fn should_ask(granted: Option<bool>, asked: Asked, real_edit: bool, now: Timestamp) -> bool {
    if !real_edit || granted == Some(true) {
        return false;
    }
    match asked {
        Asked::Never | Asked::AtUnknownTime => true,
        Asked::At(t) => {
            let since = now.duration_since(t);
            since.is_negative() || since >= SignedDuration::from_hours(ASK_AGAIN_AFTER_HOURS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asked_on_the_first_real_edit_then_at_most_daily_after_a_refusal() {
        let now: Timestamp = "2026-11-22T12:00:00Z".parse().unwrap();
        let ago = |h: i64| Asked::At(now - SignedDuration::from_hours(h));
        assert!(
            should_ask(Some(false), Asked::Never, true, now),
            "first real edit"
        );
        assert!(
            should_ask(None, Asked::Never, true, now),
            "browser does not say"
        );
        assert!(
            !should_ask(Some(false), Asked::Never, false, now),
            "no real edit"
        );
        assert!(!should_ask(Some(true), Asked::Never, true, now), "granted");
        assert!(
            !should_ask(Some(true), ago(100), true, now),
            "granted after a refusal"
        );
        // Refused: not again on every edit ...
        assert!(!should_ask(Some(false), ago(0), true, now));
        assert!(!should_ask(Some(false), ago(23), true, now));
        // ... but on a real edit a day later.
        assert!(should_ask(Some(false), ago(24), true, now));
        assert!(should_ask(Some(false), ago(24 * 30), true, now));
        assert!(
            !should_ask(Some(false), ago(48), false, now),
            "only on a real edit"
        );
        assert!(
            should_ask(Some(false), ago(-5), true, now),
            "clock went back"
        );
        assert!(
            should_ask(Some(false), Asked::AtUnknownTime, true, now),
            "asked once by an older build"
        );
    }

    #[test]
    fn stored_state_says_when_it_was_asked() {
        let t: Timestamp = "2026-11-22T12:00:00Z".parse().unwrap();
        assert_eq!(Asked::from_stored(false, None), Asked::Never);
        assert_eq!(Asked::from_stored(true, None), Asked::AtUnknownTime);
        assert_eq!(Asked::from_stored(true, Some(t)), Asked::At(t));
    }
}
