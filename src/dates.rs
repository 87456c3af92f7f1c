//! Dates as citizens read them: "15 juli 2025" on a Dutch site, "15 July 2025" on an English
//! one. Month names come from the catalog (`month.01` …), like every interface word.

use jiff::civil::Date;

use crate::i18n::Lang;
use crate::model::DatePrecision;

/// The name of month `month` (1-12) in `lang`, as that language writes it in a date ("juli",
/// "July"); out-of-range months are clamped.
pub(crate) fn month_name(lang: Lang, month: i8) -> String {
    match month.clamp(1, 12) {
        1 => crate::t!(lang => "month.01"),
        2 => crate::t!(lang => "month.02"),
        3 => crate::t!(lang => "month.03"),
        4 => crate::t!(lang => "month.04"),
        5 => crate::t!(lang => "month.05"),
        6 => crate::t!(lang => "month.06"),
        7 => crate::t!(lang => "month.07"),
        8 => crate::t!(lang => "month.08"),
        9 => crate::t!(lang => "month.09"),
        10 => crate::t!(lang => "month.10"),
        11 => crate::t!(lang => "month.11"),
        _ => crate::t!(lang => "month.12"),
    }
}

/// A date as readers of `lang` write it: "15 juli 2025" in Dutch, "15 July 2025" in English
/// (day first, as British and European government sites write it), or "juli 2025" / "July
/// 2025" / "2025" when only the month or year is known.
pub(crate) fn format_date(lang: Lang, date: Date, precision: DatePrecision) -> String {
    match precision {
        DatePrecision::Day => format!("{} {} {}", date.day(), month_name(lang, date.month()), date.year()),
        DatePrecision::Month => format!("{} {}", month_name(lang, date.month()), date.year()),
        DatePrecision::Year => date.year().to_string(),
    }
}

/// A date in Dutch: the language of the content itself (the synthetic corpus writes dates
/// into its Dutch texts with it).
pub fn format_dutch(date: Date, precision: DatePrecision) -> String {
    format_date(Lang::Nl, date, precision)
}

/// ISO 8601, for `<time datetime>` and data files.
pub(crate) fn iso(date: Date) -> String {
    date.to_string()
}

/// The `datetime` attribute value matching the known precision ("2024-11", "2018").
/// A local time in the Netherlands with its UTC offset, as RFC 3339 wants it:
/// `2024-07-11T19:30:00+02:00`. `hh_mm` is a meeting's `start:` (`19:30`); `None` when it is not
/// a time. The offset follows the EU rules in force since 1996 (CEST, +02:00, from the last
/// Sunday of March 02:00 to the last Sunday of October 03:00; CET, +01:00, otherwise), computed
/// here rather than read from the machine's time-zone database, so every machine writes the same.
pub(crate) fn dutch_date_time(date: Date, hh_mm: &str) -> Option<String> {
    let (hours, minutes) = hh_mm.split_once(':')?;
    let (hours, minutes): (i8, i8) = (hours.parse().ok()?, minutes.parse().ok()?);
    if !(0..24).contains(&hours) || !(0..60).contains(&minutes) {
        return None;
    }
    let last_sunday = |month: i8| {
        let end = jiff::civil::date(date.year(), month, 31);
        let back = end.weekday().to_sunday_zero_offset();
        end.checked_sub(jiff::Span::new().days(back)).unwrap_or(end)
    };
    let (spring, autumn) = (last_sunday(3), last_sunday(10));
    let summer = (date > spring && date < autumn) || (date == spring && hours >= 2) || (date == autumn && hours < 3);
    let offset = if summer { "+02:00" } else { "+01:00" };
    Some(format!("{}T{hours:02}:{minutes:02}:00{offset}", iso(date)))
}

pub(crate) fn iso_with_precision(date: Date, precision: DatePrecision) -> String {
    match precision {
        DatePrecision::Day => iso(date),
        DatePrecision::Month => format!("{:04}-{:02}", date.year(), date.month()),
        DatePrecision::Year => format!("{:04}", date.year()),
    }
}

/// Why a date could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum DateError {
    Format,
    Impossible {
        year: i16,
        month: i8,
        day: i8,
        days_in_month: i8,
    },
}

/// Parses `YYYY-MM-DD` strictly: four-digit year, two-digit month and day, a real calendar day.
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(DateError::Format);
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().map_err(|_| DateError::Format);
    let (year, month, day) = (number(0..4)?, number(5..7)? as i8, number(8..10)? as i8);
    Date::new(year, month, day).map_err(|_| {
        let days_in_month = Date::new(year, month.clamp(1, 12), 1).map_or(31, |d| d.days_in_month());
        DateError::Impossible {
            year,
            month,
            day,
            days_in_month,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dutch_local_times_carry_the_offset_of_their_day() {
        let at = |d, t| dutch_date_time(d, t).unwrap();
        assert_eq!(at(date(2024, 7, 11), "19:30"), "2024-07-11T19:30:00+02:00");
        assert_eq!(at(date(2024, 1, 25), "9:05"), "2024-01-25T09:05:00+01:00");
        // 2024: summer time from Sunday 31 March 02:00 to Sunday 27 October 03:00.
        assert_eq!(at(date(2024, 3, 31), "01:59"), "2024-03-31T01:59:00+01:00");
        assert_eq!(at(date(2024, 3, 31), "20:00"), "2024-03-31T20:00:00+02:00");
        assert_eq!(at(date(2024, 10, 27), "02:30"), "2024-10-27T02:30:00+02:00");
        assert_eq!(at(date(2024, 10, 27), "19:30"), "2024-10-27T19:30:00+01:00");
        assert_eq!(at(date(2025, 3, 29), "19:30"), "2025-03-29T19:30:00+01:00");
        assert_eq!(dutch_date_time(date(2024, 1, 1), "24:00"), None);
        assert_eq!(dutch_date_time(date(2024, 1, 1), "avond"), None);
    }

    #[test]
    fn dutch_dates() {
        assert_eq!(format_dutch(date(2025, 7, 15), DatePrecision::Day), "15 juli 2025");
        assert_eq!(format_dutch(date(2024, 11, 1), DatePrecision::Month), "november 2024");
        assert_eq!(format_dutch(date(2018, 1, 1), DatePrecision::Year), "2018");
        assert_eq!(
            format_date(Lang::En, date(2015, 5, 21), DatePrecision::Day),
            "21 May 2015"
        );
        assert_eq!(
            format_date(Lang::En, date(2024, 11, 1), DatePrecision::Month),
            "November 2024"
        );
        assert_eq!(format_date(Lang::En, date(2018, 1, 1), DatePrecision::Year), "2018");
        assert_eq!(iso_with_precision(date(2024, 3, 1), DatePrecision::Month), "2024-03");
    }

    #[test]
    fn dates_are_strict_and_real() {
        assert_eq!(parse_date("2025-07-15").unwrap(), jiff::civil::date(2025, 7, 15));
        assert_eq!(parse_date("15-07-2025"), Err(DateError::Format));
        assert_eq!(parse_date("2025-7-15"), Err(DateError::Format));
        assert_eq!(
            parse_date("2024-02-30"),
            Err(DateError::Impossible {
                year: 2024,
                month: 2,
                day: 30,
                days_in_month: 29
            })
        );
        assert!(parse_date("2025-13-01").is_err());
    }
}
