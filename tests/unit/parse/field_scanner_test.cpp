// FieldScanner, decode_hex and decode_untrusted: reading `key=value` fields.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "avcsift/parse/field_scanner.hpp"

using avcsift::parse::decode_hex;
using avcsift::parse::decode_untrusted;
using avcsift::parse::Field;
using avcsift::parse::FieldScanner;

namespace {

struct Scanned {
  std::string key;
  std::string value;
  bool quoted;
  friend bool operator==(const Scanned&, const Scanned&) = default;
};

std::vector<Scanned> scan(std::string_view body) {
  std::vector<Scanned> fields;
  FieldScanner scanner(body);
  Field field;
  while (scanner.next(field)) fields.push_back({std::string(field.key), std::string(field.value), field.quoted});
  return fields;
}

Field unquoted(std::string_view value) { return Field{"name", value, false}; }
Field quoted(std::string_view value) { return Field{"name", value, true}; }

}  // namespace

namespace Catch {
template <>
struct StringMaker<Scanned> {
  static std::string convert(const Scanned& f) {
    return f.key + "=" + (f.quoted ? "\"" + f.value + "\"" : f.value);
  }
};
}  // namespace Catch

TEST_CASE("bare values end at a space") {
  CHECK(scan("pid=812 ino=5434689") ==
        std::vector<Scanned>{{"pid", "812", false}, {"ino", "5434689", false}});
}

TEST_CASE("double-quoted values keep their spaces and lose their quotes") {
  CHECK(scan("comm=\"clock applet\" pid=1") ==
        std::vector<Scanned>{{"comm", "clock applet", true}, {"pid", "1", false}});
}

TEST_CASE("single-quoted values hold the USER_AVC message whole") {
  CHECK(scan("uid=81 msg='avc:  denied  { send_msg } for comm=\"x\" tclass=dbus' res=1") ==
        std::vector<Scanned>{{"uid", "81", false},
                             {"msg", "avc:  denied  { send_msg } for comm=\"x\" tclass=dbus", true},
                             {"res", "1", false}});
}

TEST_CASE("an unterminated quote takes the rest of the body") {
  CHECK(scan("pid=1 comm=\"abc def") ==
        std::vector<Scanned>{{"pid", "1", false}, {"comm", "abc def", true}});
  CHECK(scan("msg='x y") == std::vector<Scanned>{{"msg", "x y", true}});
}

TEST_CASE("words without '=' are skipped") {
  CHECK(scan(" avc:  denied  { read write } for  pid=6336 name=2F746D70") ==
        std::vector<Scanned>{{"pid", "6336", false}, {"name", "2F746D70", false}});
  CHECK(scan("no fields at all").empty());
  CHECK(scan("").empty());
  CHECK(scan("   ").empty());
}

TEST_CASE("an empty key is skipped and an empty value kept") {
  CHECK(scan("=x a= b=\"\"") == std::vector<Scanned>{{"a", "", false}, {"b", "", true}});
}

TEST_CASE("tabs separate fields like spaces") {
  CHECK(scan("a=1\tb=2") == std::vector<Scanned>{{"a", "1", false}, {"b", "2", false}});
}

TEST_CASE("a value keeps later '=' signs") {
  CHECK(scan("key=a=b c=d") == std::vector<Scanned>{{"key", "a=b", false}, {"c", "d", false}});
}

TEST_CASE("rest is what the scanner has not read yet") {
  FieldScanner scanner("a=1 b=2");
  CHECK(scanner.rest() == "a=1 b=2");
  Field field;
  REQUIRE(scanner.next(field));
  CHECK(scanner.rest() == " b=2");
}

TEST_CASE("decode_hex reads upper- and lower-case hex and keeps NULs") {
  CHECK(decode_hex("2F746D70") == std::string("/tmp"));
  CHECK(decode_hex("2f746d70") == std::string("/tmp"));
  CHECK(decode_hex("610062") == std::string("a\0b", 3));
}

TEST_CASE("decode_hex refuses odd lengths, non-hex digits and the empty string") {
  CHECK_FALSE(decode_hex("2F7"));
  CHECK_FALSE(decode_hex("zz"));
  CHECK_FALSE(decode_hex("0x41"));
  CHECK_FALSE(decode_hex(""));
}

TEST_CASE("decode_untrusted keeps quoted values as they are") {
  CHECK(decode_untrusted(quoted("/var/www/html")) == "/var/www/html");
  CHECK(decode_untrusted(quoted("2F746D70")) == "2F746D70");
  CHECK(decode_untrusted(quoted("(null)")) == "(null)");
}

TEST_CASE("decode_untrusted decodes an unquoted hex name") {
  CHECK(decode_untrusted(unquoted("2F746D702F612062")) == "/tmp/a b");
}

TEST_CASE("decode_untrusted turns proctitle's NUL separators into spaces") {
  CHECK(decode_untrusted(unquoted("2F7573722F7362696E2F6874747064002D44464F524547524F554E44")) ==
        "/usr/sbin/httpd -DFOREGROUND");
  CHECK(decode_untrusted(unquoted("6C73002D6C0000")) == "ls -l");
}

TEST_CASE("decode_untrusted treats (null), (none) and ? as empty") {
  CHECK(decode_untrusted(unquoted("(null)")).empty());
  CHECK(decode_untrusted(unquoted("(none)")).empty());
  CHECK(decode_untrusted(unquoted("?")).empty());
}

TEST_CASE("decode_untrusted keeps unquoted text that is not hex (ausearch -i)") {
  CHECK(decode_untrusted(unquoted("httpd")) == "httpd");
  CHECK(decode_untrusted(unquoted("/var/www/html/index.html")) == "/var/www/html/index.html");
}
