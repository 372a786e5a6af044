// is_valid_identifier and escape_for_comment: the gate from log text to policy text.
#include <catch2/catch.hpp>

#include <string>

#include <fmt/format.h>

#include "avcsift/model/identifier.hpp"

using avcsift::escape_for_comment;
using avcsift::is_valid_identifier;
using avcsift::kMaxIdentifierLength;

TEST_CASE("ordinary type, class and permission names are identifiers") {
  CHECK(is_valid_identifier("httpd_t"));
  CHECK(is_valid_identifier("tcp_socket"));
  CHECK(is_valid_identifier("name_connect"));
  CHECK(is_valid_identifier("_private"));
  CHECK(is_valid_identifier("X11"));
  CHECK(is_valid_identifier("a"));
}

TEST_CASE("an identifier may not start with a digit") {
  CHECK_FALSE(is_valid_identifier("1abc"));
  CHECK_FALSE(is_valid_identifier("0"));
}

TEST_CASE("dashes and dots are refused although checkpolicy takes them") {
  CHECK_FALSE(is_valid_identifier("a-b"));
  CHECK_FALSE(is_valid_identifier("a.b"));
  CHECK_FALSE(is_valid_identifier("-a"));
}

TEST_CASE("policy punctuation, spaces and non-ASCII bytes are refused") {
  CHECK_FALSE(is_valid_identifier("{"));
  CHECK_FALSE(is_valid_identifier("read}"));
  CHECK_FALSE(is_valid_identifier("a;b"));
  CHECK_FALSE(is_valid_identifier("a b"));
  CHECK_FALSE(is_valid_identifier("a\nb"));
  CHECK_FALSE(is_valid_identifier("caf\xc3\xa9"));
  CHECK_FALSE(is_valid_identifier(std::string("a\0b", 3)));
}

TEST_CASE("the empty string is not an identifier") { CHECK_FALSE(is_valid_identifier("")); }

TEST_CASE("identifiers are limited to 128 characters") {
  REQUIRE(kMaxIdentifierLength == 128);
  CHECK(is_valid_identifier(std::string(128, 'a')));
  CHECK_FALSE(is_valid_identifier(std::string(129, 'a')));
}

TEST_CASE("escape_for_comment leaves printable ASCII alone, '#' included") {
  CHECK(escape_for_comment("read /etc/passwd # \"quoted\" {x}") ==
        "read /etc/passwd # \"quoted\" {x}");
  CHECK(escape_for_comment("").empty());
}

TEST_CASE("escape_for_comment escapes a newline so log text cannot start a policy line") {
  CHECK(escape_for_comment("x\nallow evil_t self:process *;") ==
        "x\\x0aallow evil_t self:process *;");
  CHECK(escape_for_comment("a\rb\tc") == "a\\x0db\\x09c");
}

TEST_CASE("escape_for_comment escapes the backslash so escapes stay unambiguous") {
  CHECK(escape_for_comment("a\\x0ab") == "a\\x5cx0ab");
}

TEST_CASE("escape_for_comment escapes non-ASCII bytes, DEL and NUL") {
  CHECK(escape_for_comment("caf\xc3\xa9") == "caf\\xc3\\xa9");
  CHECK(escape_for_comment("\x7f") == "\\x7f");
  CHECK(escape_for_comment(std::string("a\0b", 3)) == "a\\x00b");
}

TEST_CASE("escape_for_comment escapes every byte value that needs it at every position of a word") {
  // The clean prefix is found eight bytes at a time; each byte value is tried
  // at each offset of the first two words and in the tail.
  for (int value = 0; value < 256; ++value) {
    const auto byte = static_cast<char>(value);
    const bool escaped = value < 0x20 || value >= 0x7f || value == '\\';
    for (std::size_t at = 0; at < 19; ++at) {
      std::string text(19, 'a');
      text[at] = byte;
      std::string expected(19, 'a');
      if (escaped) {
        expected.replace(at, 1, fmt::format("\\x{:02x}", value));
      } else {
        expected[at] = byte;
      }
      INFO("byte " << value << " at " << at);
      REQUIRE(escape_for_comment(text) == expected);
    }
  }
}
