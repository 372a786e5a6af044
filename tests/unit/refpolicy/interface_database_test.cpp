// InterfaceDatabase: its text form, and Debian's real headers when installed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "avcsift/refpolicy/interface_database.hpp"
#include "skip_test.hpp"

using avcsift::refpolicy::Interface;
using avcsift::refpolicy::InterfaceDatabase;
using avcsift::refpolicy::ParamKind;

namespace {

InterfaceDatabase sample() {
  InterfaceDatabase database({Interface{"files_read_etc_files", "system/files.if", false,
                                        {{"$1", "etc_t", "file", {"open", "read"}}}, {ParamKind::Source}},
                              Interface{"abc_template", "apps/abc.if", true, {}, {}}});
  database.header_stats.files_read = 2;
  database.header_stats.problems.push_back("x.if: unterminated quote; file skipped");
  return database;
}

}  // namespace

TEST_CASE("the database reads back what it writes") {
  std::stringstream text;
  sample().write(text);
  const auto back = InterfaceDatabase::read(text);
  REQUIRE(back);
  REQUIRE(back->interfaces().size() == 2);
  CHECK(back->interfaces()[0].name == "abc_template");
  CHECK(back->interfaces()[0].is_template);
  const Interface* read = back->find("files_read_etc_files");
  REQUIRE(read != nullptr);
  CHECK(read->rules == sample().find("files_read_etc_files")->rules);
  CHECK(read->params == std::vector<ParamKind>{ParamKind::Source});
  CHECK(back->header_stats.files_read == 2);
  CHECK(back->header_stats.problems == std::vector<std::string>{"x.if: unterminated quote; file skipped"});
}

TEST_CASE("a database cut short or with a bad line is rejected") {
  std::stringstream text;
  sample().write(text);
  const std::string whole = text.str();
  std::istringstream cut(whole.substr(0, whole.size() - 2));
  CHECK_FALSE(InterfaceDatabase::read(cut));
  std::istringstream bad("avcsift-interface-db 1\nI x y i q\nE\n");
  CHECK_FALSE(InterfaceDatabase::read(bad));
  std::istringstream other("something else\n");
  CHECK_FALSE(InterfaceDatabase::read(other));
}

TEST_CASE("Debian's headers parse without skipping a file and give the interfaces audit2allow uses") {
  const std::filesystem::path headers = "/usr/share/selinux/devel/include";
  if (!std::filesystem::exists(headers / "kernel/files.if")) {
    avcsift::test::skip_test("selinux-policy-dev is not installed (no " + headers.string() + ")");
  }
  const auto database = InterfaceDatabase::from_headers(headers);
  CHECK(database.header_stats.files_skipped == 0);
  CHECK(database.header_stats.files_read > 400);
  // sepolgen-ifgen writes 8,668 interface vectors here (it skips init.if,
  // kernel.if and ssh.if, which its parser rejects).
  CHECK(database.interfaces().size() > 8668);
  const Interface* read = database.find("files_read_etc_files");
  REQUIRE(read != nullptr);
  CHECK(read->params == std::vector<ParamKind>{ParamKind::Source});
  CHECK(database.find("kernel_read_system_state") != nullptr);
  CHECK(database.find("corenet_tcp_bind_http_port") != nullptr);
}
