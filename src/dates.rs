//! Dates in Dutch, as citizens read them: "15 juli 2025".

use jiff::civil::Date;

use crate::model::DatePrecision;

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The Dutch name of month `month` (1-12), lower case as Dutch writes it.
pub fn month_name(month: i8) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

/// "15 juli 2025", or "juli 2025" / "2025" when only the month or year is known.
pub fn format_dutch(date: Date, precision: DatePrecision) -> String {
    match precision {
        DatePrecision::Day => format!("{} {} {}", date.day(), month_name(date.month()), date.year()),
        DatePrecision::Month => format!("{} {}", month_name(date.month()), date.year()),
        DatePrecision::Year => date.year().to_string(),
    }
}

/// ISO 8601, for `<time datetime>` and data files.
pub fn iso(date: Date) -> String {
    date.to_string()
}

/// The `datetime` attribute value matching the known precision ("2024-11", "2018").
pub fn iso_with_precision(date: Date, precision: DatePrecision) -> String {
    match precision {
        DatePrecision::Day => iso(date),
        DatePrecision::Month => format!("{:04}-{:02}", date.year(), date.month()),
        DatePrecision::Year => format!("{:04}", date.year()),
    }
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
        assert_eq!(iso_with_precision(date(2024, 3, 1), DatePrecision::Month), "2024-03");
    }
}
