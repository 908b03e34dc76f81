//! Simulated time. The model never reads a clock: every step is handed a
//! [`SimTime`], so a run is a pure function of its inputs, on wasm32 (where
//! `Instant::now()` panics) as natively. Wall-clock stamps (in logs, `date`,
//! HAProxy's alert prefix) are derived from a [`WallClock`] epoch that the
//! caller chooses: tests fix it, the browser passes `Date.now()` once.

use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// Microseconds since the simulation started. (Microseconds, so that a
/// 3.6 ms HTTP exchange and curl's speed figures come out as a real one's.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(pub u64);

/// A span of simulated time, in microseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimDuration(pub u64);

impl SimDuration {
    pub const ZERO: SimDuration = SimDuration(0);

    pub const fn from_micros(us: u64) -> Self {
        SimDuration(us)
    }

    /// Saturating, as every conversion here: a learner's number of
    /// milliseconds or seconds (`--grace-period=9223372036854775807`)
    /// becomes the longest duration, some 584 000 years, never an
    /// overflow.
    pub const fn from_millis(ms: u64) -> Self {
        SimDuration(ms.saturating_mul(1000))
    }

    pub const fn from_secs(s: u64) -> Self {
        SimDuration(s.saturating_mul(1_000_000))
    }

    pub const fn as_micros(self) -> u64 {
        self.0
    }

    pub const fn as_millis(self) -> u64 {
        self.0 / 1000
    }

    pub const fn as_secs(self) -> u64 {
        self.0 / 1_000_000
    }

    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1e6
    }

    pub fn min(self, other: SimDuration) -> SimDuration {
        SimDuration(self.0.min(other.0))
    }

    pub fn saturating_mul(self, k: u64) -> SimDuration {
        SimDuration(self.0.saturating_mul(k))
    }
}

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);

    pub const fn from_secs(s: u64) -> Self {
        SimTime(s.saturating_mul(1_000_000))
    }

    pub const fn from_millis(ms: u64) -> Self {
        SimTime(ms.saturating_mul(1000))
    }

    /// Time since the start, as a duration.
    pub fn elapsed(self) -> SimDuration {
        SimDuration(self.0)
    }

    pub fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }
}

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
}

impl AddAssign<SimDuration> for SimTime {
    fn add_assign(&mut self, d: SimDuration) {
        *self = *self + d;
    }
}

impl Add for SimDuration {
    type Output = SimDuration;
    fn add(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(d.0))
    }
}

impl AddAssign for SimDuration {
    fn add_assign(&mut self, d: SimDuration) {
        *self = *self + d;
    }
}

impl Sub for SimTime {
    type Output = SimDuration;
    fn sub(self, earlier: SimTime) -> SimDuration {
        self.since(earlier)
    }
}

impl fmt::Display for SimDuration {
    /// `1.628s`, `250ms`: the way Go prints a `time.Duration` rounded to ms.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.as_millis();
        if ms < 1000 {
            return write!(f, "{ms}ms");
        }
        let secs = ms / 1000;
        let frac = ms % 1000;
        let (m, s) = (secs / 60, secs % 60);
        let sec = if frac == 0 {
            format!("{s}")
        } else {
            format!("{s}.{}", format!("{frac:03}").trim_end_matches('0'))
        };
        if m == 0 {
            write!(f, "{sec}s")
        } else {
            write!(f, "{m}m{sec}s")
        }
    }
}

/// Civil time in UTC, broken down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// 0 = Sunday.
    pub weekday: u32,
    /// 0-based day of the year, as C's `tm_yday`.
    pub yday: u32,
}

/// Maps simulated time to wall-clock time: `epoch_ms` is the Unix time (ms)
/// at `SimTime::ZERO`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WallClock {
    pub epoch_ms: i64,
}

impl WallClock {
    /// The fixed epoch tests use: Mon Jan  1 00:00:00 UTC 2001, the date the
    /// Kubernetes logging docs show in their example output.
    pub const TEST: WallClock = WallClock {
        epoch_ms: 978_307_200_000,
    };

    pub fn unix_ms(self, t: SimTime) -> i64 {
        self.epoch_ms.saturating_add((t.0 / 1000) as i64)
    }

    pub fn civil(self, t: SimTime) -> Civil {
        civil_from_unix(self.unix_ms(t).div_euclid(1000))
    }
}

/// Unix seconds to civil UTC (Howard Hinnant's `civil_from_days`).
pub fn civil_from_unix(secs: i64) -> Civil {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const CUMULATIVE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let yday = CUMULATIVE[(month - 1) as usize] + day - 1 + u32::from(leap && month > 2);
    Civil {
        year,
        month,
        day,
        hour: (rem / 3600) as u32,
        minute: (rem % 3600 / 60) as u32,
        second: (rem % 60) as u32,
        weekday: (days + 4).rem_euclid(7) as u32,
        yday,
    }
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Civil {
    /// As busybox/coreutils `date` prints it in UTC: `Mon Jan  1 00:00:00 UTC 2001`
    /// (the day of the month is padded with a space).
    pub fn date_cmd(&self) -> String {
        format!(
            "{} {} {:>2} {:02}:{:02}:{:02} UTC {}",
            WEEKDAYS[self.weekday as usize],
            MONTHS[(self.month - 1) as usize],
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.year
        )
    }

    /// RFC 3339 as Kubernetes prints timestamps: `2001-01-01T00:00:00Z`.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// As `kubectl describe` prints Start Time: `Mon, 01 Jan 2001 00:00:00 +0000`.
    pub fn rfc1123z(&self) -> String {
        format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
            WEEKDAYS[self.weekday as usize],
            self.day,
            MONTHS[(self.month - 1) as usize],
            self.year,
            self.hour,
            self.minute,
            self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(unix: i64, expect: &str) {
        assert_eq!(civil_from_unix(unix).date_cmd(), expect);
    }

    #[test]
    fn dates() {
        check(978_307_200, "Mon Jan  1 00:00:00 UTC 2001");
        check(0, "Thu Jan  1 00:00:00 UTC 1970");
        check(1_709_210_096, "Thu Feb 29 12:34:56 UTC 2024");
        check(1_798_761_599, "Thu Dec 31 23:59:59 UTC 2026");
    }

    #[test]
    fn yday_is_zero_based() {
        assert_eq!(civil_from_unix(978_307_200).yday, 0);
        // 2024-12-31 is day 365 of a leap year (0-based).
        assert_eq!(civil_from_unix(1_735_603_200).yday, 365);
    }

    #[test]
    fn durations_print_as_go() {
        let cases = [
            (1628, "1.628s"),
            (250, "250ms"),
            (3000, "3s"),
            (61_500, "1m1.5s"),
        ];
        for (ms, expect) in cases {
            assert_eq!(SimDuration::from_millis(ms).to_string(), expect);
        }
    }
}
