#include "avcsift/input/interpreted_date.hpp"

#include <array>

#include <fmt/format.h>

namespace avcsift::input {
namespace {

using std::string_view;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// The month an English name or abbreviation of at least three letters
/// (`nov`, `Nov`, `November`) names; 0 for other words (`Wednesday`).
int month_of_word(string_view word) {
  static constexpr std::array<string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (word.size() < 3) return 0;
  for (std::size_t m = 0; m < kNames.size(); ++m) {
    const string_view name = kNames[m];
    if (word.size() > name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < word.size() && same; ++i) same = lower(word[i]) == name[i];
    if (same) return static_cast<int>(m) + 1;
  }
  return 0;
}

/// The parts of a date's text that carry meaning.
struct Scan {
  std::array<int, 3> value{};
  std::array<std::size_t, 3> digits{};
  std::size_t numbers = 0;
  int month_word = 0;    ///< month named by a word, 0 when none.
  char separator = 0;    ///< the first ASCII punctuation after the first number.
};

/// Splits `text` into numbers and month words; false when it holds more
/// than three numbers, a number of more than four digits, or two month words.
bool scan(string_view text, Scan& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_digit(c)) {
      const std::size_t start = i;
      int value = 0;
      // Only the first five digits are added up: a longer run is refused
      // below, and adding up all of it would overflow.
      for (; i < text.size() && is_digit(text[i]); ++i) {
        if (i - start < 5) value = value * 10 + (text[i] - '0');
      }
      if (out.numbers == 3 || i - start > 4) return false;
      out.value[out.numbers] = value;
      out.digits[out.numbers++] = i - start;
      if (out.numbers == 1 && i < text.size() && !is_letter(text[i]) &&
          static_cast<unsigned char>(text[i]) < 0x80) {
        out.separator = text[i];
      }
    } else if (is_letter(c)) {
      const std::size_t start = i;
      while (i < text.size() && is_letter(text[i])) ++i;
      // A letter run glued to non-ASCII bytes is part of a foreign word.
      const bool whole = (start == 0 || static_cast<unsigned char>(text[start - 1]) < 0x80) &&
                         (i == text.size() || static_cast<unsigned char>(text[i]) < 0x80);
      if (const int month = whole ? month_of_word(text.substr(start, i - start)) : 0) {
        if (out.month_word != 0) return false;
        out.month_word = month;
      }
    } else {
      ++i;
    }
  }
  return true;
}

int full_year(int year, std::size_t digits) {
  if (digits <= 2) return 2000 + year;  // `%x` in C: 11/25/26
  // th_TH counts from 543 BC: 2569 is 2026.
  if (year >= 2400) return year - 543;
  return year;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::optional<CivilDate> valid(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[static_cast<std::size_t>(month - 1)]) return std::nullopt;
  if (month == 2 && day == 29 && !is_leap(year)) return std::nullopt;
  return CivilDate{year, month, day};
}

/// The date read in `order`, year last (or first for YearMonthDay).
std::optional<CivilDate> in_order(const Scan& s, DateOrder order) {
  switch (order) {
    case DateOrder::MonthDayYear: return valid(full_year(s.value[2], s.digits[2]), s.value[0], s.value[1]);
    case DateOrder::DayMonthYear: return valid(full_year(s.value[2], s.digits[2]), s.value[1], s.value[0]);
    case DateOrder::YearMonthDay: return valid(full_year(s.value[0], s.digits[0]), s.value[1], s.value[2]);
  }
  return std::nullopt;
}

string_view order_words(DateOrder order) {
  switch (order) {
    case DateOrder::MonthDayYear: return "month/day/year";
    case DateOrder::DayMonthYear: return "day/month/year";
    case DateOrder::YearMonthDay: return "year/month/day";
  }
  return "";
}

DateOrder other(DateOrder order) {
  return order == DateOrder::MonthDayYear ? DateOrder::DayMonthYear : DateOrder::MonthDayYear;
}

}  // namespace

string_view date_order_name(DateOrder order) {
  switch (order) {
    case DateOrder::MonthDayYear: return "mdy";
    case DateOrder::DayMonthYear: return "dmy";
    case DateOrder::YearMonthDay: return "ymd";
  }
  return "";
}

std::optional<DateOrder> parse_date_order(string_view name) {
  for (const DateOrder order : {DateOrder::MonthDayYear, DateOrder::DayMonthYear, DateOrder::YearMonthDay}) {
    if (name == date_order_name(order)) return order;
  }
  return std::nullopt;
}

void InterpretedDateReader::begin_input() {
  slash_order_.reset();
  order_assumed_ = false;
  contradiction_noted_ = false;
}

std::optional<CivilDate> InterpretedDateReader::read(string_view text, std::string& note) {
  Scan s;
  if (!scan(text, s)) return std::nullopt;
  if (s.month_word != 0) {
    // `25. nov. 2026`, `November 25, 2026`: the four-digit number is the year.
    if (s.numbers != 2) return std::nullopt;
    const std::size_t year = s.digits[0] == 4 ? 0 : 1;
    if (s.digits[year] != 4) return std::nullopt;
    return valid(full_year(s.value[year], 4), s.month_word, s.value[1 - year]);
  }
  if (s.numbers != 3) return std::nullopt;
  // A four-digit year first: ISO 8601 and the CJK forms, always year-month-day.
  if (s.digits[0] == 4) return in_order(s, DateOrder::YearMonthDay);
  if (s.digits[0] > 2 || s.digits[1] > 2) return std::nullopt;
  // Every locale that writes dots or dashes puts the day first (de_DE, ru_RU,
  // nl_NL, da_DK): their text settles the order, so --date-order, meant for
  // the slash dates of another input in the same run, does not turn them around.
  if (s.separator != '/') {
    if (auto date = in_order(s, DateOrder::DayMonthYear)) return date;
    return in_order(s, DateOrder::MonthDayYear);
  }
  if (told_) {
    if (auto date = in_order(s, *told_)) return date;
    if (*told_ == DateOrder::YearMonthDay) return std::nullopt;
    if (!contradiction_noted_) {
      contradiction_noted_ = true;
      note = fmt::format("date '{}' cannot be {} (--date-order {}); read as {}", text,
                         order_words(*told_), date_order_name(*told_), order_words(other(*told_)));
    }
    return in_order(s, other(*told_));
  }
  const bool day_first = s.value[0] > 12 && s.value[1] <= 12;
  const bool month_first = s.value[1] > 12 && s.value[0] <= 12;
  if (day_first || month_first) {
    const DateOrder shown = day_first ? DateOrder::DayMonthYear : DateOrder::MonthDayYear;
    if (slash_order_ && order_assumed_ && *slash_order_ != shown) {
      // The order assumed for the earlier dates was wrong: the rest follow this one.
      note = fmt::format("date '{}' is written {}: the earlier dates of this input were read as {}; "
                         "use --date-order {} to read them all so",
                         text, order_words(shown), order_words(*slash_order_), date_order_name(shown));
    }
    // The first date that shows the order settles it for the input.
    if (!slash_order_ || order_assumed_) {
      slash_order_ = shown;
      order_assumed_ = false;
    }
    return in_order(s, shown);
  }
  if (!slash_order_) {
    slash_order_ = DateOrder::MonthDayYear;
    order_assumed_ = true;
    note = fmt::format("date '{}' could be {} or {}: read as {}, like every such date of this input; "
                       "say --date-order dmy if the log was written day first",
                       text, order_words(DateOrder::MonthDayYear), order_words(DateOrder::DayMonthYear),
                       order_words(DateOrder::MonthDayYear));
  }
  return in_order(s, *slash_order_);
}

}  // namespace avcsift::input
