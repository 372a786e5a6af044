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
