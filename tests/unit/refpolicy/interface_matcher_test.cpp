// InterfaceMatcher: which interface covers a denial, and its score.
#include <catch2/catch.hpp>

#include "avcsift/refpolicy/interface_matcher.hpp"

using avcsift::refpolicy::AccessRequest;
using avcsift::refpolicy::Interface;
using avcsift::refpolicy::InterfaceDatabase;
using avcsift::refpolicy::InterfaceMatcher;
using avcsift::refpolicy::ParamKind;
using avcsift::refpolicy::PermissionMap;

namespace {

const PermissionMap kMap = PermissionMap::parse(
    "class file 5\n read r 10\n getattr r 7\n open r 1\n write w 10\n append w 10\n"
    "class dir 1\n search r 1\n"
    "class capability 2\n chown w 1\n sys_admin b 10\n",
    "map");

Interface one(const std::string& name, std::vector<avcsift::refpolicy::AccessRule> rules,
              std::vector<ParamKind> params = {ParamKind::Source}) {
  return {name, "test.if", false, std::move(rules), std::move(params)};
}

}  // namespace

TEST_CASE("the interface granting least beyond the request wins") {
  const InterfaceDatabase database({
      one("etc_read", {{"$1", "etc_t", "file", {"getattr", "open", "read"}}, {"$1", "etc_t", "dir", {"search"}}}),
      one("etc_manage", {{"$1", "etc_t", "file", {"getattr", "open", "read", "write"}}}),
      one("usr_read", {{"$1", "usr_t", "file", {"read"}}}),
  });
  const InterfaceMatcher matcher(database, kMap);
  const auto candidates = matcher.match({"httpd_t", "etc_t", "file", {"read"}});
  REQUIRE(candidates.size() == 2);
  CHECK(candidates[0].call_text() == "etc_read(httpd_t)");
  CHECK(candidates[0].score == 8 + 10 + 1);  // getattr+open extra, the dir rule unrelated: 10 + search
  CHECK(candidates[1].call_text() == "etc_manage(httpd_t)");
  CHECK(candidates[1].score == 18 + 100);  // writes for a read: the flow penalty
}

TEST_CASE("no interface covers a request that needs more than any rule grants") {
  const InterfaceDatabase database({one("etc_read", {{"$1", "etc_t", "file", {"read"}}})});
  const InterfaceMatcher matcher(database, kMap);
  CHECK(matcher.match({"httpd_t", "etc_t", "file", {"read", "write"}}).empty());
  CHECK(matcher.match({"httpd_t", "usr_t", "file", {"read"}}).empty());
}

TEST_CASE("self in an interface matches a denial of the domain on itself") {
  const InterfaceDatabase database({one("chown_self", {{"$1", "self", "capability", {"chown"}}})});
  const InterfaceMatcher matcher(database, kMap);
  CHECK(matcher.match({"httpd_t", "httpd_t", "capability", {"chown"}}).size() == 1);
  CHECK(matcher.match({"httpd_t", "init_t", "capability", {"chown"}}).empty());
}

TEST_CASE("a target parameter takes the denial's target") {
  const InterfaceDatabase database(
      {one("read_any", {{"foo_t", "$1", "file", {"read"}}, {"$1", "foo_t", "dir", {"search"}}}, {ParamKind::Target})});
  const InterfaceMatcher matcher(database, kMap);
  const auto candidates = matcher.match({"foo_t", "bar_t", "file", {"read"}});
  REQUIRE(candidates.size() == 1);
  CHECK(candidates[0].call_text() == "read_any(bar_t)");
}

TEST_CASE("multi-parameter interfaces are used unless --one-parameter asks for audit2allow's choice") {
  const InterfaceDatabase database({one("two", {{"$1", "etc_t", "file", {"read"}}, {"$2", "$1", "dir", {"search"}}},
                                        {ParamKind::Source, ParamKind::Target})});
  const InterfaceMatcher matcher(database, kMap);
  const auto candidates = matcher.match({"httpd_t", "etc_t", "file", {"read"}});
  REQUIRE(candidates.size() == 1);
  CHECK(candidates[0].call_text() == "two(httpd_t, etc_t)");
  const InterfaceMatcher single(database, kMap, {false});
  CHECK(single.match({"httpd_t", "etc_t", "file", {"read"}}).empty());
}

TEST_CASE("a rule of only parameters does not make a multi-parameter interface a match") {
  const InterfaceDatabase database(
      {one("generic", {{"$1", "$2", "file", {"read"}}}, {ParamKind::Source, ParamKind::Target})});
  const InterfaceMatcher matcher(database, kMap);
  CHECK(matcher.match({"httpd_t", "etc_t", "file", {"read"}}).empty());
}

TEST_CASE("a candidate granting far more than the request is not proposed") {
  const InterfaceDatabase database({one("unconfined", {{"$1", "self", "capability", {"*"}},
                                                       {"$1", "file_type", "file", {"*"}},
                                                       {"$1", "domain", "process", {"*"}},
                                                       {"$1", "etc_t", "file", {"*"}},
                                                       {"$1", "usr_t", "file", {"*"}},
                                                       {"$1", "var_t", "file", {"*"}}})});
  const InterfaceMatcher matcher(database, kMap);
  CHECK(matcher.score(database.interfaces()[0], {"httpd_t"}, {"httpd_t", "httpd_t", "capability", {"chown"}}) > 500);
  CHECK(matcher.match({"httpd_t", "httpd_t", "capability", {"chown"}}).empty());
}

TEST_CASE("equal scores go to a parameter target first, then by name") {
  const InterfaceDatabase database({one("b_fixed", {{"$1", "etc_t", "file", {"read"}}}),
                                    one("a_fixed", {{"$1", "etc_t", "file", {"read"}}}),
                                    one("z_param", {{"httpd_t", "$1", "file", {"read"}}}, {ParamKind::Target})});
  const InterfaceMatcher matcher(database, kMap);
  const auto candidates = matcher.match({"httpd_t", "etc_t", "file", {"read"}});
  REQUIRE(candidates.size() == 3);
  CHECK(candidates[0].interface->name == "z_param");
  CHECK(candidates[1].interface->name == "a_fixed");
  CHECK(candidates[2].interface->name == "b_fixed");
}
