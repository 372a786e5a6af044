// read_record_stamp: the headers libauparse reads, and only those, with the
// stamp libauparse reads from them. Every row was checked against
// libauparse 3.0.9 itself (the last test asks it again).
#include <auparse.h>
#include <catch2/catch.hpp>

#include <string>

#include "record_stamp.hpp"

using avcsift::parse::read_record_stamp;

namespace {

struct Row {
  const char* header;
  bool accepted;
  const char* node;  // "" without one
  std::int64_t seconds;
  std::uint32_t millis;
  std::uint64_t serial;
};

const Row kRows[] = {
    {"type=AVC msg=audit(1764064800.100:500):", true, "", 1764064800, 100, 500},
    {"node=web1 type=AVC msg=audit(1764064800.100:500):", true, "web1", 1764064800, 100, 500},
    {"  type=AVC   msg=audit(1.002:3):", true, "", 1, 2, 3},
    // A first token of more than 5 characters starting with n is a node from
    // its sixth character; `node=` alone is taken for the type token.
    {"nodeXweb1 type=AVC msg=audit(1.002:3):", true, "web1", 1, 2, 3},
    {"node= type=AVC msg=audit(1.002:3):", false, "", 0, 0, 0},
    {"node type=AVC msg=audit(1.002:3):", false, "", 0, 0, 0},
    // The message token must be at least 19 characters long.
    {"type=AVC msg=audit(1.000:1):", true, "", 1, 0, 1},
    {"type=AVC msg=audit(1.0:1):", false, "", 0, 0, 0},
    {"type=AVC msg=audit(1.0:):", false, "", 0, 0, 0},
    {"type=AVC msg=audit(1.0):", false, "", 0, 0, 0},
    // Missing parts read as 0; no digits read as 0.
    {"type=AVC msg=audit(1234567):", true, "", 1234567, 0, 0},
    {"type=AVC msg=audit(12345678:9):", true, "", 12345678, 0, 9},
    {"type=AVC msg=audit(abcdef.000:1):", true, "", 0, 0, 1},
    {"type=AVC msg=audit(100.500:):)", true, "", 100, 500, 0},
    {"type=AVC msg=audit(100.x:123456):", true, "", 100, 0, 123456},
    // Without `):` the stamp runs to the token's end.
    {"type=AVC msg=audit(100.500:77", true, "", 100, 500, 77},
    // Millis over 999 and numbers that overflow are refused.
    {"type=AVC msg=audit(100.1000:1):", false, "", 0, 0, 0},
    {"type=AVC msg=audit(99999999999999999999.000:4):", false, "", 0, 0, 0},
    {"type=AVC msg=audit(100.000:99999999999999999999):", false, "", 0, 0, 0},
    {"type=AVC msg=audit(100.99999999999999999999:1):", false, "", 0, 0, 0},
    // Millis are an unsigned int: 2^32 + 5 reads as 5.
    {"type=AVC msg=audit(100.4294967301:1):", true, "", 100, 5, 1},
    // Seconds too close to the largest time to add the timeout to.
    {"type=AVC msg=audit(9223372036854775805.000:1):", false, "", 0, 0, 0},
    {"type=AVC msg=audit(9223372036854775804.000:1):", true, "", 9223372036854775804, 0, 1},
    // The `(` at offset 9, else the token's first one; none: refused.
    {"type=AVC msg=aud(400.200:5):", true, "", 400, 200, 5},
    {"type=AVC msg=audit_400.200:5):", false, "", 0, 0, 0},
    {"type=AVC", false, "", 0, 0, 0},
    {"", false, "", 0, 0, 0},
    {"   ", false, "", 0, 0, 0},
    // A stamp past the first 80 characters (340 with a node) is cut.
    {"type=AVC                                                  msg=audit(1764064800.250:777):", true, "", 1764064800, 2, 0},
};

/// libauparse's own reading of a buffer of the one header: its event's
/// stamp, if it makes one (at the buffer's end every open event ends).
bool libauparse_reads(const std::string& header, std::string& node, std::int64_t& seconds, std::uint32_t& millis,
                      std::uint64_t& serial) {
  const std::string text = header + "\n";
  auparse_state_t* au = auparse_init(AUSOURCE_BUFFER, text.c_str());
  const bool read = auparse_next_event(au) > 0;
  if (const au_event_t* e = read ? auparse_get_timestamp(au) : nullptr) {
    seconds = e->sec;
    millis = e->milli;
    serial = e->serial;
    node = e->host != nullptr ? e->host : "";
  }
  auparse_destroy(au);
  return read;
}

}  // namespace

TEST_CASE("read_record_stamp accepts exactly the headers libauparse accepts, with the same stamp") {
  std::string scratch;
  for (const Row& row : kRows) {
    INFO(row.header);
    const auto stamp = read_record_stamp(row.header, scratch);
    REQUIRE(stamp.has_value() == row.accepted);
    if (!stamp) continue;
    CHECK(stamp->node == row.node);
    CHECK(stamp->has_node == (*row.node != '\0'));
    CHECK(stamp->seconds == row.seconds);
    CHECK(stamp->millis == row.millis);
    CHECK(stamp->serial == row.serial);
  }
}

TEST_CASE("every row of the header table is what libauparse itself reads") {
  for (const Row& row : kRows) {
    INFO(row.header);
    std::string node;
    std::int64_t seconds = 0;
    std::uint32_t millis = 0;
    std::uint64_t serial = 0;
    const bool read = libauparse_reads(row.header, node, seconds, millis, serial);
    REQUIRE(read == row.accepted);
    // libauparse gives no stamp for second 0 (seconds stays 0 here).
    if (!read || row.seconds == 0) continue;
    CHECK(node == row.node);
    CHECK(seconds == row.seconds);
    CHECK(millis == row.millis);
    CHECK(serial == row.serial);
  }
}
