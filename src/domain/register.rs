//! The SEN register as a table: filters, sorting and counts.

use jiff::civil::Date;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};
use uuid::Uuid;

use super::money::Money;
use super::needs::{BroadArea, NeedCode, SenStatus};
use super::pupil::{Flags, Pupil, YearGroup};

/// What the register is narrowed to. The default shows every pupil on roll.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterFilter {
    /// Matches names, UPN and class, ignoring case.
    pub text: String,
    pub year_group: Option<YearGroup>,
    pub class_name: Option<String>,
    pub status: Option<SenStatus>,
    pub area: Option<BroadArea>,
    /// Matches the primary or the secondary need.
    pub need: Option<NeedCode>,
    pub pupil_premium: bool,
    pub lac: bool,
    pub plac: bool,
    pub eal: bool,
    /// Only pupils whose cost this year is at or over the element-2 threshold.
    pub over_threshold: bool,
    /// Include pupils who have left the school.
    pub include_leavers: bool,
}

/// Columns the register sorts by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    YearGroup,
    Class,
    Status,
    Need,
    Cost,
}

/// One line of the register.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RegisterRow {
    pub id: Uuid,
    pub name: String,
    pub year_group: YearGroup,
    pub class_name: String,
    pub status: SenStatus,
    pub primary_need: Option<NeedCode>,
    pub secondary_need: Option<NeedCode>,
    pub area: Option<BroadArea>,
    pub flags: Flags,
    /// Additional-support cost this year.
    pub cost: Money,
    pub over_threshold: bool,
    pub left: bool,
    /// Another pupil (on roll or not) has this pupil's UPN: flagged, as
    /// the census would refuse it (error 1520).
    pub shared_upn: bool,
}

/// The register's rows, filtered and sorted, and how many pupils there are
/// in all (on roll, or with leavers if the filter includes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    pub rows: Vec<RegisterRow>,
    pub total: usize,
}

impl RegisterFilter {
    fn matches(&self, p: &Pupil, row: &RegisterRow) -> bool {
        let text = self.text.trim().to_lowercase();
        (text.is_empty()
            || row.name.to_lowercase().contains(&text)
            || p.upn
                .as_deref()
                .is_some_and(|u| u.to_lowercase().contains(&text))
            || p.class_name.to_lowercase().contains(&text))
            && self.year_group.is_none_or(|y| y == p.year_group)
            && self.class_name.as_ref().is_none_or(|c| *c == p.class_name)
            && self.status.is_none_or(|s| s == p.sen_status)
            && self.area.is_none_or(|a| Some(a) == row.area)
            && self
                .need
                .is_none_or(|n| Some(n) == p.primary_need || Some(n) == p.secondary_need)
            && (!self.pupil_premium || p.flags.pupil_premium)
            && (!self.lac || p.flags.lac)
            && (!self.plac || p.flags.plac)
            && (!self.eal || p.flags.eal)
            && (!self.over_threshold || row.over_threshold)
    }
}

/// Build the register from the pupils, their costs this year and the threshold.
/// Which way a sorted list runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortDirection {
    #[default]
    Ascending,
    Descending,
}

impl SortDirection {
    /// The other way.
    pub fn reversed(self) -> SortDirection {
        match self {
            SortDirection::Ascending => SortDirection::Descending,
            SortDirection::Descending => SortDirection::Ascending,
        }
    }

    /// The value of `aria-sort` for a column sorted this way.
    pub fn aria(self) -> &'static str {
        match self {
            SortDirection::Ascending => "ascending",
            SortDirection::Descending => "descending",
        }
    }
}

pub fn register(
    pupils: &[Pupil],
    costs: &BTreeMap<Uuid, Money>,
    threshold: Money,
    filter: &RegisterFilter,
    sort: SortKey,
    direction: SortDirection,
    today: Date,
) -> Register {
    let descending = direction == SortDirection::Descending;
    let shared = shared_upns(pupils);
    let mut total = 0;
    let mut rows: Vec<(RegisterRow, &Pupil)> = Vec::new();
    for p in pupils {
        let left = !p.on_roll_on(today);
        if left && !filter.include_leavers {
            continue;
        }
        total += 1;
        let cost = costs.get(&p.id).copied().unwrap_or_default();
        let row = RegisterRow {
            id: p.id,
            name: p.full_name(),
            year_group: p.year_group,
            class_name: p.class_name.clone(),
            status: p.sen_status,
            primary_need: p.primary_need,
            secondary_need: p.secondary_need,
            area: p.broad_area(),
            flags: p.flags,
            cost,
            over_threshold: cost >= threshold && cost > Money::ZERO,
            left,
            shared_upn: p.upn.as_deref().is_some_and(|u| shared.contains(u)),
        };
        if filter.matches(p, &row) {
            rows.push((row, p));
        }
    }
    crate::domain::sort::by(&mut rows, |(a, pa), (b, pb)| {
        let by = match sort {
            SortKey::Name => Ordering::Equal,
            SortKey::YearGroup => a.year_group.cmp(&b.year_group),
            SortKey::Class => a
                .class_name
                .to_lowercase()
                .cmp(&b.class_name.to_lowercase()),
            SortKey::Status => a.status.cmp(&b.status),
            SortKey::Need => a.primary_need.cmp(&b.primary_need),
            SortKey::Cost => a.cost.cmp(&b.cost),
        };
        let by = by.then_with(|| Pupil::register_order(pa, pb));
        if descending {
            by.reverse()
        } else {
            by
        }
    });
    Register {
        rows: rows.into_iter().map(|(r, _)| r).collect(),
        total,
    }
}

/// The UPNs more than one of `pupils` has.
pub fn shared_upns(pupils: &[Pupil]) -> HashSet<&str> {
    let mut seen = HashSet::new();
    pupils
        .iter()
        .filter_map(|p| p.upn.as_deref())
        .filter(|u| !seen.insert(*u))
        .collect()
}

/// The other pupils with `pupil`'s UPN (none when it has none), for the
/// pupil's page to flag.
pub fn same_upn<'a>(pupils: &'a [Pupil], pupil: &Pupil) -> Vec<&'a Pupil> {
    match pupil.upn.as_deref() {
        None => Vec::new(),
        Some(u) => pupils
            .iter()
            .filter(|o| o.id != pupil.id && o.upn.as_deref() == Some(u))
            .collect(),
    }
}

/// The classes in use, for the class filter.
pub fn classes(pupils: &[Pupil]) -> Vec<String> {
    let mut v: Vec<String> = pupils
        .iter()
        .map(|p| p.class_name.clone())
        .filter(|c| !c.is_empty())
        .collect();
    crate::domain::sort::by_key(&mut v, |c| c.to_lowercase());
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pupil::PupilDraft;

    fn pupil(g: &str, f: &str, y: &str, class: &str, status: &str, need: &str) -> Pupil {
        let mut d = PupilDraft::new(g, f, y);
        d.class_name = class.into();
        d.sen_status = status.into();
        d.primary_need = need.into();
        Pupil::create(&d, "2025-09-01T00:00:00Z".parse().unwrap()).unwrap()
    }

    fn school() -> Vec<Pupil> {
        let mut v = vec![
            pupil("Ada", "Lovelace", "Y5", "5H", "E", "ASD"),
            pupil("Ben", "Okoro", "R", "RB", "K", "SLCN"),
            pupil("Cara", "Jones", "Y5", "5S", "K", "SPLD"),
            pupil("Dev", "Patel", "Y2", "2M", "N", ""),
            pupil("Eve", "Adams", "Y6", "6T", "K", "SEMH"),
        ];
        v[1].flags.pupil_premium = true;
        v[2].flags.eal = true;
        v[2].secondary_need = Some(NeedCode::Semh);
        v[4].left_on = Some(jiff::civil::date(2025, 7, 22));
        v[0].flags.lac = true;
        v[3].flags.plac = true;
        v
    }

    fn names(r: &Register) -> Vec<&str> {
        r.rows.iter().map(|r| r.name.as_str()).collect()
    }

    const TODAY: Date = jiff::civil::date(2025, 11, 1);

    #[test]
    fn filters_narrow_the_register_and_counts_stay_honest() {
        let pupils = school();
        let mut costs = BTreeMap::new();
        costs.insert(pupils[0].id, Money::pounds(9_000));
        costs.insert(pupils[2].id, Money::pounds(6_000));
        costs.insert(pupils[1].id, Money::pounds(300));
        let t = Money::pounds(6_000);
        let run = |f: &RegisterFilter| {
            register(
                &pupils,
                &costs,
                t,
                f,
                SortKey::Name,
                SortDirection::Ascending,
                TODAY,
            )
        };

        let all = run(&RegisterFilter::default());
        assert_eq!(all.total, 4, "the leaver is not on roll");
        // Register order: family name first.
        assert_eq!(
            names(&all),
            ["Cara Jones", "Ada Lovelace", "Ben Okoro", "Dev Patel"]
        );

        let f = |edit: fn(&mut RegisterFilter)| {
            let mut f = RegisterFilter::default();
            edit(&mut f);
            names(&run(&f))
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(f(|f| f.text = "love".into()), ["Ada Lovelace"]);
        assert_eq!(
            f(|f| f.text = "5s".into()),
            ["Cara Jones"],
            "class matches text"
        );
        assert_eq!(
            f(|f| f.year_group = Some(YearGroup::Year(5))),
            ["Cara Jones", "Ada Lovelace"]
        );
        assert_eq!(f(|f| f.class_name = Some("RB".into())), ["Ben Okoro"]);
        assert_eq!(
            f(|f| f.status = Some(SenStatus::SenSupport)),
            ["Cara Jones", "Ben Okoro"]
        );
        assert_eq!(
            f(|f| f.area = Some(BroadArea::CommunicationAndInteraction)),
            ["Ada Lovelace", "Ben Okoro"]
        );
        assert_eq!(
            f(|f| f.need = Some(NeedCode::Semh)),
            ["Cara Jones"],
            "secondary need counts"
        );
        assert_eq!(f(|f| f.pupil_premium = true), ["Ben Okoro"]);
        assert_eq!(f(|f| f.lac = true), ["Ada Lovelace"]);
        assert_eq!(f(|f| f.plac = true), ["Dev Patel"]);
        assert_eq!(f(|f| f.eal = true), ["Cara Jones"]);
        // At or over the threshold: exactly £6,000 counts.
        assert_eq!(
            f(|f| f.over_threshold = true),
            ["Cara Jones", "Ada Lovelace"]
        );
        let with_leavers = run(&RegisterFilter {
            include_leavers: true,
            ..RegisterFilter::default()
        });
        assert_eq!(with_leavers.total, 5);
        assert!(with_leavers
            .rows
            .iter()
            .any(|r| r.name == "Eve Adams" && r.left));
        let none = f(|f| f.text = "zzz".into());
        assert!(none.is_empty());
    }

    #[test]
    fn sorting_by_each_column_with_ties_in_register_order() {
        let pupils = school();
        let mut costs = BTreeMap::new();
        costs.insert(pupils[0].id, Money::pounds(9_000));
        costs.insert(pupils[1].id, Money::pounds(300));
        let run = |k, desc: bool| {
            let direction = if desc {
                SortDirection::Descending
            } else {
                SortDirection::Ascending
            };
            names(&register(
                &pupils,
                &costs,
                Money::pounds(6000),
                &RegisterFilter::default(),
                k,
                direction,
                TODAY,
            ))
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
        };
        assert_eq!(
            run(SortKey::YearGroup, false),
            ["Ben Okoro", "Dev Patel", "Cara Jones", "Ada Lovelace"]
        );
        assert_eq!(
            run(SortKey::Class, false),
            ["Dev Patel", "Ada Lovelace", "Cara Jones", "Ben Okoro"]
        );
        assert_eq!(
            run(SortKey::Status, false),
            ["Ada Lovelace", "Cara Jones", "Ben Okoro", "Dev Patel"]
        );
        assert_eq!(
            run(SortKey::Need, false)[0],
            "Dev Patel",
            "no need sorts first"
        );
        // Ties (no cost) stay in register order, reversed with the rest.
        assert_eq!(
            run(SortKey::Cost, true),
            ["Ada Lovelace", "Ben Okoro", "Dev Patel", "Cara Jones"]
        );
        assert_eq!(
            run(SortKey::Name, true),
            ["Dev Patel", "Ben Okoro", "Ada Lovelace", "Cara Jones"]
        );
        assert_eq!(classes(&pupils), ["2M", "5H", "5S", "6T", "RB"]);
    }
}
