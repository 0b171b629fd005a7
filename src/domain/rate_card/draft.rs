//! A rate card's checks, what a person types to make or change one, the
//! commands that save and delete cards, and the example card Waymark ships.

use jiff::civil::Time;
use jiff::Timestamp;
use uuid::Uuid;

use super::{category_phrase, la_hourly, CardRate, LaBasis, RateCard, TimeWindow};
use crate::domain::dataset::Dataset;
use crate::domain::edit::{Change, Edit, Record};
use crate::domain::fields::RateCardField;
use crate::domain::limits::{within, MAX_HOURLY, MAX_LA_WEEKLY_HOUR, MAX_PER_PUPIL};
use crate::domain::money::{round_pence, Money};
use crate::domain::pupil::parse_date;
use crate::domain::quantity::Dec2;
use crate::domain::settings::Tier;
use crate::domain::staff::RoleCategory;
use crate::domain::validation::{check_text, Problems};

/// The most pence a minute a card may give: 10,000.00p (£100 a minute).
pub const MAX_PENCE_PER_MINUTE: Dec2 = Dec2::hundredths(1_000_000);
/// The most excluded windows of the day and excluded tiers a card keeps.
pub const MAX_WINDOWS: usize = 10;
pub const MAX_EXCLUDED_TIERS: usize = 20;

/// The kinds of staff a card can give a rate for, in the order a form
/// lists them.
pub const CATEGORIES: [RoleCategory; 4] = [
    RoleCategory::TeachingAssistant,
    RoleCategory::Teacher,
    RoleCategory::Specialist,
    RoleCategory::Other,
];

impl RateCard {
    /// Every problem with the card on its own (the tiers it excludes are
    /// checked against the school's by [`RateCard::check_tiers`]).
    pub fn validate(&self) -> Problems<RateCardField> {
        let mut p = Problems::default();
        check_text(
            &mut p,
            RateCardField::Authority,
            "local authority",
            &self.authority,
            120,
            true,
        );
        let dates = crate::domain::limits::date_range();
        if !dates.contains(self.from) {
            p.push(
                RateCardField::From,
                format!("A card's first day must fall from {dates}."),
            );
        }
        let weeks_ok = (Dec2::whole(1)..=Dec2::whole(52)).contains(&self.weeks);
        if !weeks_ok {
            p.push(
                RateCardField::Weeks,
                "The weeks in the LA's year must be from 1 to 52.",
            );
        }
        if self.rates.is_empty() {
            p.push(
                RateCardField::Rates,
                "Give at least one rate: the LA costs no staff without one.",
            );
        }
        for (i, r) in self.rates.iter().enumerate() {
            let who = category_phrase(r.category);
            if self.rates[..i].iter().any(|o| o.category == r.category) {
                p.push(
                    RateCardField::Rates,
                    format!("Two rates are given for {who}: keep one."),
                );
                continue;
            }
            if let Some(m) = rate_problem(&r.rate, who) {
                p.push(RateCardField::Rates, m);
            } else if weeks_ok {
                // Every basis must make an hourly rate the costing can hold
                // (over weeks out of range, the weeks are the problem).
                if let Some(h) = la_hourly(&r.rate, self.weeks) {
                    if h > MAX_HOURLY.exact() {
                        p.push(
                            RateCardField::Rates,
                            format!(
                                "The rate for {who} works out at {} an hour, over {MAX_HOURLY}: check the figure.",
                                round_pence(h)
                            ),
                        );
                    }
                }
            }
        }
        if self.excluded_times.len() > MAX_WINDOWS {
            p.push(
                RateCardField::ExcludedTimes,
                format!("A card keeps at most {MAX_WINDOWS} times of the day not costed."),
            );
        }
        for w in &self.excluded_times {
            check_text(
                &mut p,
                RateCardField::ExcludedTimes,
                "name of a time not costed",
                &w.name,
                40,
                true,
            );
            if w.start >= w.end {
                let name = if w.name.trim().is_empty() {
                    "A time not costed".to_owned()
                } else {
                    format!("\"{}\"", w.name.trim())
                };
                p.push(
                    RateCardField::ExcludedTimes,
                    format!("{name} must end after it starts."),
                );
            }
        }
        if self.excluded_tiers.len() > MAX_EXCLUDED_TIERS {
            p.push(
                RateCardField::ExcludedTiers,
                format!("A card keeps at most {MAX_EXCLUDED_TIERS} tiers not costed."),
            );
        }
        for (i, t) in self.excluded_tiers.iter().enumerate() {
            if t.trim().is_empty() {
                p.push(
                    RateCardField::ExcludedTiers,
                    "A tier not costed has no key.",
                );
            } else if self.excluded_tiers[..i].contains(t) {
                p.push(
                    RateCardField::ExcludedTiers,
                    format!("The tier \"{t}\" is given twice."),
                );
            }
        }
        if let Some(cap) = self.cap_per_pupil {
            if cap.is_negative() {
                p.push(
                    RateCardField::CapPerPupil,
                    "The most a pupil a year cannot be negative.",
                );
            } else if !within(cap, MAX_PER_PUPIL) {
                p.push(
                    RateCardField::CapPerPupil,
                    format!("The most a pupil a year is over {MAX_PER_PUPIL}: check the figure."),
                );
            }
        }
        check_text(
            &mut p,
            RateCardField::Notes,
            "notes",
            &self.notes,
            2000,
            false,
        );
        p
    }

    /// The tiers the card excludes that the school does not have.
    pub fn check_tiers(&self, tiers: &[Tier]) -> Problems<RateCardField> {
        let mut p = Problems::default();
        for t in &self.excluded_tiers {
            if !t.trim().is_empty() && !tiers.iter().any(|x| x.id == *t) {
                p.push(
                    RateCardField::ExcludedTiers,
                    format!(
                        "There is no tier called \"{t}\" in Settings: use one of {}.",
                        tiers
                            .iter()
                            .map(|x| format!("\"{}\"", x.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
        p
    }
}

/// What is wrong with one rate, if anything (`who`: "a teacher").
fn rate_problem(rate: &LaBasis, who: &str) -> Option<String> {
    match rate {
        LaBasis::PerWeeklyHour { amount } => {
            if *amount <= Money::ZERO {
                Some(format!("The rate for {who} must be more than £0."))
            } else if *amount > MAX_LA_WEEKLY_HOUR {
                Some(format!(
                    "The rate for {who} is over {MAX_LA_WEEKLY_HOUR} for a weekly hour: check the figure."
                ))
            } else {
                None
            }
        }
        LaBasis::Hourly { amount } => {
            if *amount <= Money::ZERO {
                Some(format!("The rate for {who} must be more than £0."))
            } else if *amount > MAX_HOURLY {
                Some(format!(
                    "The rate for {who} is over {MAX_HOURLY} an hour: check the figure."
                ))
            } else {
                None
            }
        }
        LaBasis::PerMinute { pence_per_minute } => {
            if !pence_per_minute.is_positive() {
                Some(format!("The rate for {who} must be more than 0p a minute."))
            } else if *pence_per_minute > MAX_PENCE_PER_MINUTE {
                Some(format!(
                    "The rate for {who} is over {MAX_PENCE_PER_MINUTE}p a minute: check the figure."
                ))
            } else {
                None
            }
        }
    }
}

/// How a draft rate is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BasisKind {
    /// The card gives no rate for the kind of staff: not costed.
    #[default]
    None,
    PerWeeklyHour,
    PerMinute,
    Hourly,
}

impl BasisKind {
    pub const ALL: [BasisKind; 4] = [
        BasisKind::None,
        BasisKind::PerWeeklyHour,
        BasisKind::PerMinute,
        BasisKind::Hourly,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BasisKind::None => "Not costed",
            BasisKind::PerWeeklyHour => "£ for a weekly hour",
            BasisKind::PerMinute => "Pence a minute",
            BasisKind::Hourly => "£ an hour",
        }
    }
}

/// One kind of staff's rate as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateDraft {
    pub category: RoleCategory,
    pub kind: BasisKind,
    /// Pounds (a weekly hour, an hour) or pence (a minute).
    pub amount: String,
}

/// A window of the day as typed (`HH:MM`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WindowDraft {
    pub name: String,
    pub start: String,
    pub end: String,
}

/// What a person types to add or change a rate card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateCardDraft {
    pub authority: String,
    /// `yyyy-mm-dd` (a date input) or `dd/mm/yyyy`.
    pub from: String,
    pub weeks: String,
    /// One a kind of staff, in [`CATEGORIES`] order.
    pub rates: Vec<RateDraft>,
    pub excluded_times: Vec<WindowDraft>,
    pub excluded_tiers: Vec<String>,
    pub costs_resources: bool,
    /// Pounds; blank for no cap.
    pub cap: String,
    pub notes: String,
}

impl Default for RateCardDraft {
    /// Blank, over 38 weeks, with lunch (12:00 to 13:00) not costed.
    fn default() -> Self {
        RateCardDraft {
            authority: String::new(),
            from: String::new(),
            weeks: "38".into(),
            rates: CATEGORIES
                .iter()
                .map(|c| RateDraft {
                    category: *c,
                    kind: BasisKind::None,
                    amount: String::new(),
                })
                .collect(),
            excluded_times: vec![WindowDraft {
                name: "Lunch".into(),
                start: "12:00".into(),
                end: "13:00".into(),
            }],
            excluded_tiers: Vec::new(),
            costs_resources: false,
            cap: String::new(),
            notes: String::new(),
        }
    }
}

fn time_text(t: Time) -> String {
    t.strftime("%H:%M").to_string()
}

fn parse_time(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

impl RateCardDraft {
    /// The draft that edits `c`.
    pub fn of(c: &RateCard) -> RateCardDraft {
        RateCardDraft {
            authority: c.authority.clone(),
            from: c.from.to_string(),
            weeks: c.weeks.to_string(),
            rates: CATEGORIES
                .iter()
                .map(|cat| {
                    let (kind, amount) = match c.rate_for(*cat) {
                        None => (BasisKind::None, String::new()),
                        Some(LaBasis::PerWeeklyHour { amount }) => {
                            (BasisKind::PerWeeklyHour, amount.plain())
                        }
                        Some(LaBasis::PerMinute { pence_per_minute }) => {
                            (BasisKind::PerMinute, pence_per_minute.to_string())
                        }
                        Some(LaBasis::Hourly { amount }) => (BasisKind::Hourly, amount.plain()),
                    };
                    RateDraft {
                        category: *cat,
                        kind,
                        amount,
                    }
                })
                .collect(),
            excluded_times: c
                .excluded_times
                .iter()
                .map(|w| WindowDraft {
                    name: w.name.clone(),
                    start: time_text(w.start),
                    end: time_text(w.end),
                })
                .collect(),
            excluded_tiers: c.excluded_tiers.clone(),
            costs_resources: c.costs_resources,
            cap: c.cap_per_pupil.map(Money::plain).unwrap_or_default(),
            notes: c.notes.clone(),
        }
    }

    /// `base` changed as the draft says (id, `example` and `created_at`
    /// kept), checked against the school's `tiers`, or every problem.
    pub fn apply(
        &self,
        base: &RateCard,
        tiers: &[Tier],
        now: Timestamp,
    ) -> Result<RateCard, Problems<RateCardField>> {
        let mut p = Problems::default();
        let from = parse_date(&self.from).unwrap_or_else(|| {
            p.push(
                RateCardField::From,
                "Enter the first day the card applies, like 01/04/2026.",
            );
            base.from
        });
        let weeks = self.weeks.trim().parse::<Dec2>().unwrap_or_else(|_| {
            p.push(
                RateCardField::Weeks,
                "Enter the weeks as a number, like 38 or 38.6.",
            );
            Dec2::whole(38)
        });
        let mut rates = Vec::new();
        for r in &self.rates {
            let who = category_phrase(r.category);
            let money = |p: &mut Problems<RateCardField>| {
                r.amount.parse::<Money>().map_err(|_| {
                    p.push(
                        RateCardField::Rates,
                        format!("Enter the rate for {who} in pounds, like 653.60."),
                    );
                })
            };
            let rate = match r.kind {
                BasisKind::None => continue,
                BasisKind::PerWeeklyHour => {
                    money(&mut p).map(|amount| LaBasis::PerWeeklyHour { amount })
                }
                BasisKind::Hourly => money(&mut p).map(|amount| LaBasis::Hourly { amount }),
                BasisKind::PerMinute => r
                    .amount
                    .trim()
                    .trim_end_matches('p')
                    .parse::<Dec2>()
                    .map(|pence_per_minute| LaBasis::PerMinute { pence_per_minute })
                    .map_err(|_| {
                        p.push(
                            RateCardField::Rates,
                            format!("Enter the rate for {who} in pence a minute, like 32.5."),
                        );
                    }),
            };
            if let Ok(rate) = rate {
                rates.push(CardRate {
                    category: r.category,
                    rate,
                });
            }
        }
        let mut windows = Vec::new();
        for (i, w) in self.excluded_times.iter().enumerate() {
            let what = if w.name.trim().is_empty() {
                format!("time not costed {}", i + 1)
            } else {
                format!("\"{}\"", w.name.trim())
            };
            let start = parse_time(&w.start);
            let end = parse_time(&w.end);
            if start.is_none() || end.is_none() {
                p.push(
                    RateCardField::ExcludedTimes,
                    format!("Enter the start and end of {what} as times, like 12:00."),
                );
            }
            if let (Some(start), Some(end)) = (start, end) {
                windows.push(TimeWindow {
                    name: w.name.trim().to_owned(),
                    start,
                    end,
                });
            }
        }
        let cap = if self.cap.trim().is_empty() {
            None
        } else {
            match self.cap.parse::<Money>() {
                Ok(m) => Some(m),
                Err(_) => {
                    p.push(
                        RateCardField::CapPerPupil,
                        "Enter the most a pupil a year in pounds, like 6,000, or leave it blank.",
                    );
                    None
                }
            }
        };
        let card = RateCard {
            authority: self.authority.trim().to_owned(),
            from,
            weeks,
            rates,
            excluded_times: windows,
            excluded_tiers: self.excluded_tiers.clone(),
            costs_resources: self.costs_resources,
            cap_per_pupil: cap,
            notes: self.notes.trim().to_owned(),
            updated_at: now,
            ..base.clone()
        };
        // A figure that could not be read is named once, not again as missing.
        let unread_rates = p.has(RateCardField::Rates);
        for e in card
            .validate()
            .0
            .into_iter()
            .chain(card.check_tiers(tiers).0)
        {
            if !(e.field == RateCardField::Rates && unread_rates) {
                p.0.push(e);
            }
        }
        p.into_result().map(|()| card)
    }
}

/// A blank card made `now`, with a new id.
fn new_card(now: Timestamp) -> RateCard {
    RateCard {
        id: Uuid::new_v4(),
        authority: String::new(),
        from: jiff::civil::date(2000, 1, 1),
        weeks: Dec2::whole(38),
        rates: Vec::new(),
        excluded_times: Vec::new(),
        excluded_tiers: Vec::new(),
        costs_resources: false,
        cap_per_pupil: None,
        example: false,
        notes: String::new(),
        created_at: now,
        updated_at: now,
    }
}

fn put_cards(data: &Dataset, label: String, cards: Vec<RateCard>, now: Timestamp) -> Edit {
    let mut s = data.settings.clone();
    s.rate_cards = cards;
    s.updated_at = now;
    Edit::new(data, label, vec![Change::Put(Record::Settings(s))])
}

fn gone() -> Problems<RateCardField> {
    let mut p = Problems::default();
    p.push(RateCardField::Id, "That rate card is not there any more.");
    p
}

/// "Anyshire County Council from 01/04/2026".
pub fn card_title(c: &RateCard) -> String {
    format!("{} from {}", c.authority, c.from.strftime("%d/%m/%Y"))
}

/// Add a rate card (`id` is `None`) or change card `id`, from a draft.
pub fn save_rate_card(
    data: &Dataset,
    id: Option<Uuid>,
    draft: &RateCardDraft,
    now: Timestamp,
) -> Result<Edit, Problems<RateCardField>> {
    let tiers = &data.settings.tiers;
    let mut cards = data.settings.rate_cards.clone();
    let label = match id {
        None => {
            let c = draft.apply(&new_card(now), tiers, now)?;
            let label = format!("Add LA rate card {}", card_title(&c));
            cards.push(c);
            label
        }
        Some(id) => {
            let at = cards.iter().position(|c| c.id == id).ok_or_else(gone)?;
            let c = draft.apply(&cards[at], tiers, now)?;
            let label = format!("Edit LA rate card {}", card_title(&c));
            cards[at] = c;
            label
        }
    };
    Ok(put_cards(data, label, cards, now))
}

/// Add `card` as it is (from a file, or the example), with a new id and
/// made `now`, after the same checks as a typed card.
pub fn add_rate_card(
    data: &Dataset,
    card: &RateCard,
    now: Timestamp,
) -> Result<Edit, Problems<RateCardField>> {
    let c = RateCard {
        id: Uuid::new_v4(),
        created_at: now,
        updated_at: now,
        ..card.clone()
    };
    let mut p = c.validate();
    p.0.extend(c.check_tiers(&data.settings.tiers).0);
    p.into_result()?;
    let same = |o: &RateCard| {
        RateCard {
            id: c.id,
            created_at: c.created_at,
            updated_at: c.updated_at,
            ..o.clone()
        } == c
    };
    if let Some(o) = data.settings.rate_cards.iter().find(|o| same(o)) {
        let mut p = Problems::default();
        p.push(
            RateCardField::Id,
            format!("This card is already in the list: {}.", card_title(o)),
        );
        return Err(p);
    }
    let label = format!("Add LA rate card {}", card_title(&c));
    let mut cards = data.settings.rate_cards.clone();
    cards.push(c);
    Ok(put_cards(data, label, cards, now))
}

/// Delete rate card `id`.
pub fn delete_rate_card(
    data: &Dataset,
    id: Uuid,
    now: Timestamp,
) -> Result<Edit, Problems<RateCardField>> {
    let c = data
        .settings
        .rate_cards
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(gone)?;
    let label = format!("Delete LA rate card {}", card_title(c));
    let cards = data
        .settings
        .rate_cards
        .iter()
        .filter(|c| c.id != id)
        .cloned()
        .collect();
    Ok(put_cards(data, label, cards, now))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::testing::{now, school};
    use crate::domain::validation::FieldName;

    fn draft() -> RateCardDraft {
        let mut d = RateCardDraft {
            authority: "Anyshire County Council".into(),
            from: "01/04/2026".into(),
            ..RateCardDraft::default()
        };
        d.rates[0].kind = BasisKind::PerWeeklyHour;
        d.rates[0].amount = "653.60".into();
        d.rates[1].kind = BasisKind::PerMinute;
        d.rates[1].amount = "58p".into();
        d.excluded_tiers = vec!["wave-1".into()];
        d
    }

    fn messages(p: &Problems<RateCardField>) -> Vec<(&'static str, String)> {
        p.0.iter()
            .map(|e| (e.field.name(), e.message.clone()))
            .collect()
    }

    #[test]
    fn a_card_is_added_edited_and_deleted() {
        let mut data = school();
        let edit = save_rate_card(&data, None, &draft(), now()).unwrap();
        data.apply(&edit.forward);
        let c = data.settings.rate_cards[0].clone();
        assert_eq!(c.from, jiff::civil::date(2026, 4, 1));
        assert_eq!(
            c.rates,
            vec![
                CardRate {
                    category: RoleCategory::TeachingAssistant,
                    rate: LaBasis::PerWeeklyHour {
                        amount: Money::pence(65_360)
                    }
                },
                CardRate {
                    category: RoleCategory::Teacher,
                    rate: LaBasis::PerMinute {
                        pence_per_minute: Dec2::whole(58)
                    }
                },
            ]
        );
        assert_eq!(c.excluded_times[0].name, "Lunch");
        assert!(!c.example);
        // The draft of a card gives the card back.
        let mut d = RateCardDraft::of(&c);
        assert_eq!(d.rates[0].amount, "653.60");
        d.weeks = "38.6".into();
        d.cap = "6,000".into();
        let edit = save_rate_card(&data, Some(c.id), &d, now()).unwrap();
        data.apply(&edit.forward);
        assert_eq!(data.settings.rate_cards.len(), 1);
        assert_eq!(data.settings.rate_cards[0].weeks, Dec2::hundredths(3860));
        assert_eq!(
            data.settings.rate_cards[0].cap_per_pupil,
            Some(Money::pounds(6000))
        );
        assert_eq!(data.settings.rate_cards[0].id, c.id);
        let edit = delete_rate_card(&data, c.id, now()).unwrap();
        data.apply(&edit.forward);
        assert!(data.settings.rate_cards.is_empty());
        assert!(delete_rate_card(&data, c.id, now()).is_err());
    }

    #[test]
    fn a_card_from_a_file_is_added_once() {
        let mut data = school();
        let card = draft()
            .apply(&new_card(now()), &data.settings.tiers, now())
            .unwrap();
        let edit = add_rate_card(&data, &card, now()).unwrap();
        data.apply(&edit.forward);
        assert_eq!(data.settings.rate_cards.len(), 1);
        assert_ne!(data.settings.rate_cards[0].id, card.id, "a new card");
        let p = add_rate_card(&data, &card, now()).unwrap_err();
        assert_eq!(
            messages(&p),
            vec![(
                "id",
                "This card is already in the list: Anyshire County Council from 01/04/2026."
                    .to_owned()
            )]
        );
        // The same LA's card from another date is another card.
        let mut later = card.clone();
        later.from = jiff::civil::date(2027, 4, 1);
        assert!(add_rate_card(&data, &later, now()).is_ok());
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let data = school();
        let mut d = draft();
        d.authority = " ".into();
        d.from = "31/02/2026".into();
        d.weeks = "0.5".into();
        d.rates[2].kind = BasisKind::Hourly;
        d.rates[2].amount = "1,200".into();
        d.rates[3].kind = BasisKind::PerMinute;
        d.rates[3].amount = "0".into();
        d.excluded_times[0].end = "11:00".into();
        d.excluded_times.push(WindowDraft {
            name: "Break".into(),
            start: "10.30".into(),
            end: "10:45".into(),
        });
        d.excluded_tiers = vec!["wave-9".into()];
        d.cap = "-5".into();
        let p = save_rate_card(&data, None, &d, now()).unwrap_err();
        assert_eq!(
            messages(&p),
            vec![
                ("from", "Enter the first day the card applies, like 01/04/2026.".to_owned()),
                ("excluded_times", "Enter the start and end of \"Break\" as times, like 12:00.".to_owned()),
                ("authority", "Enter a local authority.".to_owned()),
                ("weeks", "The weeks in the LA's year must be from 1 to 52.".to_owned()),
                ("rates", "The rate for a specialist is over £1,000.00 an hour: check the figure.".to_owned()),
                ("rates", "The rate for other staff must be more than 0p a minute.".to_owned()),
                ("excluded_times", "\"Lunch\" must end after it starts.".to_owned()),
                ("cap_per_pupil", "The most a pupil a year cannot be negative.".to_owned()),
                ("excluded_tiers", "There is no tier called \"wave-9\" in Settings: use one of \"wave-1\", \"wave-2\", \"wave-3\".".to_owned()),
            ]
        );
        // No rate at all, and a rate that is not a number.
        let mut d = draft();
        for r in &mut d.rates {
            r.kind = BasisKind::None;
        }
        let p = save_rate_card(&data, None, &d, now()).unwrap_err();
        assert_eq!(
            messages(&p),
            vec![(
                "rates",
                "Give at least one rate: the LA costs no staff without one.".to_owned()
            )]
        );
        let mut d = draft();
        d.rates[0].amount = "lots".into();
        let p = save_rate_card(&data, None, &d, now()).unwrap_err();
        assert_eq!(
            messages(&p),
            vec![(
                "rates",
                "Enter the rate for a teaching assistant in pounds, like 653.60.".to_owned()
            )]
        );
    }

    #[test]
    fn the_limits_of_each_rate() {
        let mut c = save_rate_card(&school(), None, &draft(), now())
            .map(|_| ())
            .and_then(|()| draft().apply(&new_card(now()), &[], now()))
            .unwrap_err();
        // Against no tiers at all, wave-1 is unknown.
        assert!(c.has(RateCardField::ExcludedTiers));
        let mut d = draft();
        d.excluded_tiers.clear();
        let base = d.apply(&new_card(now()), &[], now()).unwrap();
        // £100,000 for a weekly hour is the most; over 52 weeks that is
        // £1,923.08 an hour, over the £1,000 an hour the costing holds.
        let mut card = base.clone();
        card.weeks = Dec2::whole(52);
        card.rates[0].rate = LaBasis::PerWeeklyHour {
            amount: Money::pounds(100_000),
        };
        c = card.validate();
        assert_eq!(
            c.0[0].message,
            "The rate for a teaching assistant works out at £1,923.08 an hour, over £1,000.00: check the figure."
        );
        card.rates[0].rate = LaBasis::PerWeeklyHour {
            amount: Money::pounds(100_001),
        };
        assert_eq!(
            card.validate().0[0].message,
            "The rate for a teaching assistant is over £100,000.00 for a weekly hour: check the figure."
        );
        // 10,000.00p a minute is the most pence a minute (£6,000 an hour is
        // then refused as over £1,000 an hour); 10,000.01p is over it.
        card.rates[0].rate = LaBasis::PerMinute {
            pence_per_minute: Dec2::hundredths(1_000_001),
        };
        assert_eq!(
            card.validate().0[0].message,
            "The rate for a teaching assistant is over 10000p a minute: check the figure."
        );
        // 1,666.66p a minute x 60 = 99,999.6p an hour, under £1,000: within.
        card.rates[0].rate = LaBasis::PerMinute {
            pence_per_minute: Dec2::hundredths(166_666),
        };
        assert!(card.validate().is_empty());
        // Two rates for one kind of staff.
        let mut two = base.clone();
        two.rates.push(two.rates[0].clone());
        assert_eq!(
            two.validate().0[0].message,
            "Two rates are given for a teaching assistant: keep one."
        );
        let mut long = base;
        long.notes = "x".repeat(2001);
        assert!(long.validate().has(RateCardField::Notes));
    }
}
