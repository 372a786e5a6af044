#pragma once
/// Reads the date `ausearch -i` writes into `audit(...)`: the locale's
/// `strftime("%x")`, which differs from one LC_TIME to the next:
///   C            11/25/26           en_US   11/25/2026     en_GB  25/11/26
///   de_DE        25.11.2026         fr_FR   25/11/2026     nl_NL  25-11-26
///   sv_SE        2026-11-25         lv_LV   2026.11.25.    th_TH  25/11/2569 (Buddhist era)
///   ja_JP, zh_CN 2026年11月25日      ko_KR   2026년 11월 25일
///   nb_NO        25. nov. 2026      en_HK   Wednesday, November 25, 2026
/// Each locale writes its numbers in a fixed order, so the reader works on
/// the numbers and an English month name and ignores the rest (the CJK
/// unit signs, weekday names, punctuation).
///
/// Most of these forms settle the order themselves: a four-digit year first
/// is always year-month-day, dots and dashes always put the day first, a
/// number over 12 can only be a day. What remains is the slash form with
/// both numbers up to 12 (`08/12/25`), which C and en_US write month first
/// and forty other locales day first. For those, one order holds for a whole
/// input: the order its first date settled, or month/day/year (C, the
/// locale of scripts and services) with a warning, or what `--date-order`
/// says.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace avcsift::input {

/// The order of the numbers in a date whose text does not settle it.
/// Closed: switch on it exhaustively (no `default:`).
enum class DateOrder : std::uint8_t {
  MonthDayYear,  ///< `mdy`: 08/12/25 is August 12.
  DayMonthYear,  ///< `dmy`: 08/12/25 is 8 December.
  YearMonthDay,  ///< `ymd`: 08/12/25 is 25 December 2008.
};

/// `mdy`, `dmy`, `ymd`: the spelling of `--date-order`.
[[nodiscard]] std::string_view date_order_name(DateOrder order);
/// The order named `mdy`, `dmy` or `ymd`; nullopt for anything else.
[[nodiscard]] std::optional<DateOrder> parse_date_order(std::string_view name);

/// A day of the Gregorian calendar.
struct CivilDate {
  int year = 0;
  int month = 0;  ///< 1..12.
  int day = 0;    ///< 1..31, valid for the month.
};

/// Reads the dates of one input after another, keeping one order per input
/// for the dates that need one.
class InterpretedDateReader {
 public:
  /// `told`: the order `--date-order` gave, used for every date whose text
  /// does not settle it; nullopt lets each input's dates decide.
  explicit InterpretedDateReader(std::optional<DateOrder> told = std::nullopt) : told_(told) {}

  /// Forgets the order the previous input's dates chose.
  void begin_input();

  /// Reads `text`, the date part of a stamp (`25.11.2026`). Returns nullopt
  /// when it is no date this reader knows. Sets `note` to a warning worth
  /// printing once per input (the order it assumed, or that a later date
  /// contradicted it); leaves it alone otherwise.
  std::optional<CivilDate> read(std::string_view text, std::string& note);

 private:
  std::optional<DateOrder> told_;
  std::optional<DateOrder> slash_order_;  // of this input's slash dates
  bool order_assumed_ = false;            // slash_order_ came from no evidence
  bool contradiction_noted_ = false;
};

}  // namespace avcsift::input
