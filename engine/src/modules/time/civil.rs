//! Calendar arithmetic for the time module: seconds since the epoch to broken-down UTC time
//! and back (the proleptic Gregorian calendar, any year), and `strftime` over broken-down
//! time with the C locale's texts.

/// Broken-down time, as C's `struct tm` but with the year and month as Python shows them
/// (`year` 2024, `month` 1..=12, `wday` 0 = Monday, `yday` 1..=366).
#[derive(Clone, Debug, PartialEq)]
pub struct Tm {
    pub year: i64,
    pub month: i64,
    pub mday: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
    pub wday: i64,
    pub yday: i64,
    pub isdst: i64,
    /// `tm_zone` (`%Z`).
    pub zone: String,
    /// `tm_gmtoff` in seconds (`%z`).
    pub gmtoff: i64,
}

const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days from 1970-01-01 to `year-month-day` (month 1..=12).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `(year, month, day)` of the day `days` after 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// 1-based day of the year.
pub fn day_of_year(year: i64, month: i64, day: i64) -> i64 {
    days_from_civil(year, month, day) - days_from_civil(year, 1, 1) + 1
}

/// 0 = Monday.
pub fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// Broken-down UTC time of `secs` seconds since the epoch, labelled with `zone`.
pub fn from_epoch(secs: i64, zone: &str) -> Tm {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let (year, month, mday) = civil_from_days(days);
    Tm {
        year,
        month,
        mday,
        hour: rest / 3600,
        min: rest % 3600 / 60,
        sec: rest % 60,
        wday: weekday(days),
        yday: day_of_year(year, month, mday),
        isdst: 0,
        zone: zone.to_owned(),
        gmtoff: 0,
    }
}

/// Seconds since the epoch of broken-down UTC time, out-of-range fields carried over as
/// `mktime` does (month 13 is January of the next year, day 32 the 1st of the next month).
pub fn to_epoch(tm: &Tm) -> i64 {
    let months = tm.year * 12 + (tm.month - 1);
    let (year, month) = (months.div_euclid(12), months.rem_euclid(12) + 1);
    let days = days_from_civil(year, month, 1) + tm.mday - 1;
    days * 86_400 + tm.hour * 3600 + tm.min * 60 + tm.sec
}

/// ISO 8601 (year, week) of a date.
fn iso_week(tm: &Tm) -> (i64, i64) {
    let days = days_from_civil(tm.year, tm.month, tm.mday);
    let monday_of = |year: i64| {
        let jan4 = days_from_civil(year, 1, 4);
        jan4 - weekday(jan4)
    };
    let mut year = tm.year;
    if days >= monday_of(year + 1) {
        year += 1;
    } else if days < monday_of(year) {
        year -= 1;
    }
    (year, (days - monday_of(year)) / 7 + 1)
}

/// `strftime(format, tm)` with glibc's C-locale output; unknown directives are copied.
pub fn strftime(format: &str, tm: &Tm) -> String {
    let mut out = String::with_capacity(format.len() + 16);
    let mut chars = format.chars();
    let day_name = DAY_NAMES[tm.wday.rem_euclid(7) as usize];
    let month_name = MONTH_NAMES[(tm.month - 1).clamp(0, 11) as usize];
    let hour12 = match tm.hour % 12 {
        0 => 12,
        h => h,
    };
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = chars.next() else {
            out.push('%');
            break;
        };
        let piece = match d {
            'a' => day_name[..3].to_owned(),
            'A' => day_name.to_owned(),
            'b' | 'h' => month_name[..3].to_owned(),
            'B' => month_name.to_owned(),
            'c' => format!(
                "{} {} {:2} {:02}:{:02}:{:02} {}",
                &day_name[..3],
                &month_name[..3],
                tm.mday,
                tm.hour,
                tm.min,
                tm.sec,
                tm.year
            ),
            'C' => format!("{:02}", tm.year.div_euclid(100)),
            'd' => format!("{:02}", tm.mday),
            'D' | 'x' => format!(
                "{:02}/{:02}/{:02}",
                tm.month,
                tm.mday,
                tm.year.rem_euclid(100)
            ),
            'e' => format!("{:2}", tm.mday),
            'F' => format!("{}-{:02}-{:02}", tm.year, tm.month, tm.mday),
            'G' => iso_week(tm).0.to_string(),
            'g' => format!("{:02}", iso_week(tm).0.rem_euclid(100)),
            'H' => format!("{:02}", tm.hour),
            'I' => format!("{hour12:02}"),
            'j' => format!("{:03}", tm.yday),
            'k' => format!("{:2}", tm.hour),
            'l' => format!("{hour12:2}"),
            'm' => format!("{:02}", tm.month),
            'M' => format!("{:02}", tm.min),
            'n' => "\n".to_owned(),
            'p' => (if tm.hour < 12 { "AM" } else { "PM" }).to_owned(),
            'P' => (if tm.hour < 12 { "am" } else { "pm" }).to_owned(),
            'r' => format!(
                "{hour12:02}:{:02}:{:02} {}",
                tm.min,
                tm.sec,
                if tm.hour < 12 { "AM" } else { "PM" }
            ),
            'R' => format!("{:02}:{:02}", tm.hour, tm.min),
            's' => (to_epoch(tm) - tm.gmtoff).to_string(),
            'S' => format!("{:02}", tm.sec),
            't' => "\t".to_owned(),
            'T' | 'X' => format!("{:02}:{:02}:{:02}", tm.hour, tm.min, tm.sec),
            'u' => (tm.wday.rem_euclid(7) + 1).to_string(),
            'U' => {
                let sunday_based = (tm.wday + 1).rem_euclid(7);
                format!("{:02}", (tm.yday - 1 + 7 - sunday_based) / 7)
            }
            'V' => format!("{:02}", iso_week(tm).1),
            'w' => ((tm.wday + 1).rem_euclid(7)).to_string(),
            'W' => format!("{:02}", (tm.yday - 1 + 7 - tm.wday.rem_euclid(7)) / 7),
            'y' => format!("{:02}", tm.year.rem_euclid(100)),
            'Y' => tm.year.to_string(),
            'z' => {
                let off = tm.gmtoff;
                let sign = if off < 0 { '-' } else { '+' };
                let a = off.abs();
                format!("{sign}{:02}{:02}", a / 3600, a % 3600 / 60)
            }
            'Z' => tm.zone.clone(),
            '%' => "%".to_owned(),
            other => format!("%{other}"),
        };
        out.push_str(&piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_round_trip() {
        for secs in [0, 1_700_000_000, -1, -86_401, 951_782_400, 253_402_300_799] {
            assert_eq!(to_epoch(&from_epoch(secs, "UTC")), secs);
        }
        let tm = from_epoch(1_700_000_000, "UTC");
        assert_eq!((tm.year, tm.month, tm.mday, tm.hour), (2023, 11, 14, 22));
        assert_eq!((tm.wday, tm.yday), (1, 318));
    }

    #[test]
    fn formats_as_glibc() {
        let tm = from_epoch(1_700_000_000, "GMT");
        assert_eq!(
            strftime("%c|%x|%X|%Z|%z|%e|%s|%Q|%G|%V|%u|%C", &tm),
            "Tue Nov 14 22:13:20 2023|11/14/23|22:13:20|GMT|+0000|14|1700000000|%Q|2023|46|2|20"
        );
    }
}
