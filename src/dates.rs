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
