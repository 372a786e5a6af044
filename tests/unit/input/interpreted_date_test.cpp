#include "avcsift/input/interpreted_date.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

using avcsift::input::CivilDate;
using avcsift::input::DateOrder;
using avcsift::input::InterpretedDateReader;

/// The date `text` reads as, `Y-M-D`, or `none`; `note` gets the warning.
std::string read(InterpretedDateReader& reader, std::string_view text, std::string& note) {
  const auto date = reader.read(text, note);
  if (!date) return "none";
  return std::to_string(date->year) + "-" + std::to_string(date->month) + "-" + std::to_string(date->day);
}

std::string read(std::string_view text) {
  InterpretedDateReader reader;
  std::string note;
  return read(reader, text, note);
}

}  // namespace

TEST_CASE("the %x forms of the locales ausearch -i runs under read as the same day") {
  CHECK(read("11/25/26") == "2026-11-25");               // C
  CHECK(read("11/25/2026") == "2026-11-25");             // en_US
  CHECK(read("25/11/26") == "2026-11-25");               // en_GB
  CHECK(read("25/11/2026") == "2026-11-25");             // fr_FR
  CHECK(read("25.11.2026") == "2026-11-25");             // de_DE
  CHECK(read("2026-11-25") == "2026-11-25");             // sv_SE
  CHECK(read("2026年11月25日") == "2026-11-25");          // ja_JP
  CHECK(read("2026년 11월 25일") == "2026-11-25");        // ko_KR
  CHECK(read("2026.11.25.") == "2026-11-25");            // lv_LV
  CHECK(read("25-11-26") == "2026-11-25");               // nl_NL
  CHECK(read("25. nov. 2026") == "2026-11-25");          // nb_NO
  CHECK(read("Wednesday, November 25, 2026") == "2026-11-25");  // en_HK
  CHECK(read("25/11/2569") == "2026-11-25");             // th_TH, Buddhist era
}

TEST_CASE("a single-digit day and month in a dotted date are read day first") {
  CHECK(read("12.8.2021") == "2021-8-12");
  CHECK(read("8.12.2021") == "2021-12-8");
}

TEST_CASE("text that is no date is not read") {
  CHECK(read("yesterday") == "none");
  CHECK(read("31/02/2026") == "none");
  CHECK(read("29.02.2025") == "none");
  CHECK(read("1/2/3/4") == "none");
  CHECK(read("123456/1/1") == "none");
  // A digit run too long for an int (found by the normalizer fuzzer: UBSan
  // reported the overflow) is refused like any number over four digits.
  CHECK(read("17429496729/11/25") == "none");
  CHECK(read("11/25/99999999999999999999") == "none");
  CHECK(read("") == "none");
}

TEST_CASE("an ambiguous slash date is read month first and noted once per input") {
  InterpretedDateReader reader;
  std::string note;
  CHECK(read(reader, "03/04/26", note) == "2026-3-4");
  CHECK(note ==
        "date '03/04/26' could be month/day/year or day/month/year: read as month/day/year, like every "
        "such date of this input; say --date-order dmy if the log was written day first");
  note.clear();
  CHECK(read(reader, "03/05/26", note) == "2026-3-5");
  CHECK(note.empty());
  reader.begin_input();
  CHECK(read(reader, "03/06/26", note) == "2026-3-6");
  CHECK_FALSE(note.empty());
}

TEST_CASE("the first slash date with a day over 12 settles the order of the input's ambiguous dates") {
  InterpretedDateReader reader;
  std::string note;
  CHECK(read(reader, "25/03/26", note) == "2026-3-25");
  CHECK(note.empty());
  CHECK(read(reader, "04/03/26", note) == "2026-3-4");
  CHECK(note.empty());
}

TEST_CASE("a day over 12 after an assumed order says the earlier dates were misread") {
  InterpretedDateReader reader;
  std::string note;
  CHECK(read(reader, "04/03/26", note) == "2026-4-3");
  note.clear();
  CHECK(read(reader, "25/03/26", note) == "2026-3-25");
  CHECK(note ==
        "date '25/03/26' is written day/month/year: the earlier dates of this input were read as "
        "month/day/year; use --date-order dmy to read them all so");
  note.clear();
  CHECK(read(reader, "05/03/26", note) == "2026-3-5");
  CHECK(note.empty());
}

TEST_CASE("ambiguous slash dates follow --date-order without a warning") {
  std::string note;
  InterpretedDateReader dmy(DateOrder::DayMonthYear);
  CHECK(read(dmy, "04/03/26", note) == "2026-3-4");
  InterpretedDateReader mdy(DateOrder::MonthDayYear);
  CHECK(read(mdy, "04/03/26", note) == "2026-4-3");
  InterpretedDateReader ymd(DateOrder::YearMonthDay);
  CHECK(read(ymd, "26/03/04", note) == "2026-3-4");
  CHECK(note.empty());
}

TEST_CASE("a date that cannot be in the --date-order given is read the other way with one warning") {
  InterpretedDateReader reader(DateOrder::MonthDayYear);
  std::string note;
  CHECK(read(reader, "25/03/26", note) == "2026-3-25");
  CHECK(note == "date '25/03/26' cannot be month/day/year (--date-order mdy); read as day/month/year");
  note.clear();
  CHECK(read(reader, "26/03/26", note) == "2026-3-26");
  CHECK(note.empty());
}

TEST_CASE("a dotted date is not turned around by --date-order") {
  InterpretedDateReader reader(DateOrder::MonthDayYear);
  std::string note;
  CHECK(read(reader, "04.03.2026", note) == "2026-3-4");
  CHECK(read(reader, "04-03-26", note) == "2026-3-4");
  CHECK(note.empty());
}

TEST_CASE("date order names are the spellings of --date-order") {
  CHECK(avcsift::input::parse_date_order("dmy") == DateOrder::DayMonthYear);
  CHECK(avcsift::input::parse_date_order("mdy") == DateOrder::MonthDayYear);
  CHECK(avcsift::input::parse_date_order("ymd") == DateOrder::YearMonthDay);
  CHECK_FALSE(avcsift::input::parse_date_order("DMY").has_value());
  CHECK(avcsift::input::date_order_name(DateOrder::DayMonthYear) == "dmy");
}
