// AuditStamp: the `audit(SECONDS.MILLIS:SERIAL)` stamp in text and ISO 8601.
#include <catch2/catch.hpp>

#include "avcsift/model/audit_stamp.hpp"

using avcsift::AuditStamp;

TEST_CASE("str prints the stamp as audit records do, with three millisecond digits") {
  CHECK(AuditStamp{1764064800, 100, 500}.str() == "1764064800.100:500");
  CHECK(AuditStamp{1764064800, 5, 42}.str() == "1764064800.005:42");
  CHECK(AuditStamp{}.str() == "0.000:0");
}

TEST_CASE("iso8601 prints UTC time with milliseconds") {
  CHECK(AuditStamp{1764064800, 123, 1}.iso8601() == "2025-11-25T10:00:00.123Z");
  CHECK(AuditStamp{1795600801, 7, 1}.iso8601() == "2026-11-25T10:00:01.007Z");
  CHECK(AuditStamp{}.iso8601() == "1970-01-01T00:00:00.000Z");
}

TEST_CASE("stamps order by time first, then serial") {
  CHECK(AuditStamp{1, 0, 9} < AuditStamp{1, 1, 0});
  CHECK(AuditStamp{1, 999, 9} < AuditStamp{2, 0, 0});
  CHECK(AuditStamp{1, 0, 1} < AuditStamp{1, 0, 2});
  CHECK(AuditStamp{1, 2, 3} == AuditStamp{1, 2, 3});
}

TEST_CASE("merging spans takes the earliest and latest known stamp in either order") {
  using avcsift::StampTime;
  const AuditStamp unknown_a{50, 0, 1, false, StampTime::Unknown};
  const AuditStamp unknown_b{40, 0, 2, false, StampTime::Unknown};
  const AuditStamp early{100, 0, 3};
  const AuditStamp late{200, 0, 4};
  // Known spans win over unknown ones, whichever comes first.
  AuditStamp first = unknown_a, last = unknown_a;
  avcsift::merge_span(first, last, early, late);
  CHECK(first == early);
  CHECK(last == late);
  first = early, last = late;
  avcsift::merge_span(first, last, unknown_a, unknown_a);
  CHECK(first == early);
  CHECK(last == late);
  // Two unknown spans: the smaller and larger stamps, in either order.
  AuditStamp a_first = unknown_a, a_last = unknown_a;
  avcsift::merge_span(a_first, a_last, unknown_b, unknown_b);
  AuditStamp b_first = unknown_b, b_last = unknown_b;
  avcsift::merge_span(b_first, b_last, unknown_a, unknown_a);
  CHECK(a_first == b_first);
  CHECK(a_last == b_last);
  CHECK(a_first == unknown_b);
}

TEST_CASE("full_text keeps every part of a stamp and from_full_text reads it back") {
  using avcsift::StampTime;
  for (const bool serial_known : {true, false}) {
    for (const auto time : {StampTime::Exact, StampTime::YearGuessed, StampTime::Unknown}) {
      for (const std::int64_t seconds : {std::int64_t{1795600800}, std::int64_t{-5}, std::int64_t{0}}) {
        const AuditStamp stamp{seconds, 7, 18446744073709551615ull, serial_known, time};
        const auto back = AuditStamp::from_full_text(stamp.full_text());
        REQUIRE(back.has_value());
        CHECK(*back == stamp);
      }
    }
  }
  CHECK(AuditStamp{1795600800, 123, 4567, true, StampTime::Exact}.full_text() == "1795600800.123:4567");
  CHECK(AuditStamp{1795600800, 0, 12, false, StampTime::YearGuessed}.full_text() ==
        "1795600800.000:12 serial_unknown year_guessed");
}

TEST_CASE("from_full_text refuses anything but full_text's form") {
  for (const char* text : {"", "1795600800", "1795600800.12:3", "1795600800.1234:3", "1795600800.123:", "1795600800.123:-3",
                           "+1795600800.123:3", "1795600800.123:3 ", "1795600800.123:3 bogus",
                           "1795600800.123:3 time_unknown serial_unknown", "1795600800.123:3 year_guessed time_unknown",
                           "99999999999999999999.123:3", "1795600800.123:99999999999999999999", "1795600800.1a3:3"}) {
    INFO(text);
    CHECK_FALSE(AuditStamp::from_full_text(text).has_value());
  }
}
