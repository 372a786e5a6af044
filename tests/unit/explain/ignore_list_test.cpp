// --ignore files: parsing (each malformed form named by file and line) and
// matching, including permissions only partly covered.
#include "avcsift/explain/ignore_list.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "avcsift/model/error.hpp"

using avcsift::Error;
using avcsift::ExitStatus;
using avcsift::explain::Finding;
using avcsift::explain::IgnoreList;
using avcsift::explain::wildcard_match;

namespace {

IgnoreList read_list(const std::string& text) {
  IgnoreList list;
  std::istringstream in(text);
  list.read(in, "accepted.ignore");
  return list;
}

/// The error message reading `text` throws, or "" when it reads.
std::string read_error(const std::string& text) {
  try {
    (void)read_list(text);
  } catch (const Error& error) {
    CHECK(error.status() == ExitStatus::Usage);
    return error.what();
  }
  return "";
}

Finding finding(const std::string& source, const std::string& target, const std::string& tclass,
                std::set<std::string> permissions) {
  Finding f;
  f.source_type = source;
  f.target_type = target;
  f.tclass = tclass;
  f.permissions = std::move(permissions);
  return f;
}

}  // namespace

TEST_CASE("an ignore file reads rules with braces, bare permissions and comments") {
  const auto list = read_list(
      "# accepted denials\n"
      "\n"
      "httpd_t var_lib_t dir { search getattr }  # web root under /var/lib\n"
      "  *_t tmp_t file read write # every domain reads /tmp\n"
      "ntpd_t * udp_socket # ntpd probes ports\n");
  REQUIRE(list.rules().size() == 3);
  CHECK(list.rules()[0].permissions == std::vector<std::string>{"search", "getattr"});
  CHECK(list.rules()[0].reason == "web root under /var/lib");
  CHECK(list.rules()[0].where.str() == "accepted.ignore:3");
  CHECK(list.rules()[1].source == "*_t");
  CHECK(list.rules()[1].permissions == std::vector<std::string>{"read", "write"});
  CHECK(list.rules()[2].permissions.empty());
  CHECK(list.rules()[2].where.line == 5);
}

TEST_CASE("an ignore rule without a reason is an error naming file and line") {
  CHECK(read_error("# fine\nhttpd_t etc_t file read\n") ==
        "accepted.ignore:2: missing '# reason' comment: say why this access is accepted");
}

TEST_CASE("an ignore rule with an empty reason is an error") {
  CHECK(read_error("httpd_t etc_t file read #   \n") ==
        "accepted.ignore:1: empty reason after '#': say why this access is accepted");
}

TEST_CASE("an ignore rule with too few fields is an error") {
  CHECK(read_error("httpd_t etc_t # no class\n") ==
        "accepted.ignore:1: expected SOURCE TARGET CLASS [PERMS] before the reason, found 2 fields");
  CHECK(read_error("httpd_t # no target\n") ==
        "accepted.ignore:1: expected SOURCE TARGET CLASS [PERMS] before the reason, found 1 field");
}

TEST_CASE("an ignore rule with a wildcard other than star is an error") {
  CHECK(read_error("http?_t etc_t file # glob\n") ==
        "accepted.ignore:1: bad wildcard '?' in 'http?_t': names have letters, digits and '_', "
        "and '*' is the only wildcard");
  CHECK(read_error("httpd_t .*_t file # regex\n") ==
        "accepted.ignore:1: bad wildcard '.' in '.*_t': names have letters, digits and '_', "
        "and '*' is the only wildcard");
  CHECK(read_error("httpd_t etc_t file [rw]* # class\n") ==
        "accepted.ignore:1: bad wildcard '[' in '[rw]*': names have letters, digits and '_', "
        "and '*' is the only wildcard");
}

TEST_CASE("an ignore rule with unbalanced or empty braces is an error") {
  CHECK(read_error("httpd_t etc_t file { read # open\n") ==
        "accepted.ignore:1: unbalanced '{ }' around the permissions");
  CHECK(read_error("httpd_t etc_t file { } # nothing\n") == "accepted.ignore:1: '{ }' lists no permission");
}

TEST_CASE("star matches any run of characters, and only whole names match") {
  CHECK(wildcard_match("*", ""));
  CHECK(wildcard_match("*_t", "httpd_t"));
  CHECK(wildcard_match("http*_t", "httpd_sys_content_t"));
  CHECK(wildcard_match("*sys*", "httpd_sys_content_t"));
  CHECK_FALSE(wildcard_match("httpd_t", "httpd_tt"));
  CHECK_FALSE(wildcard_match("*_exec_t", "httpd_t"));
  CHECK_FALSE(wildcard_match("a*b*c", "aXbY"));
}

TEST_CASE("a finding whose permissions are all covered is ignored") {
  const auto list = read_list("httpd_t etc_t file { read open } # config\nhttpd_t etc_t file getattr # stat\n");
  const auto match = list.match(finding("httpd_t", "etc_t", "file", {"read", "open", "getattr"}));
  CHECK(match.ignored());
  CHECK(match.rules.size() == 2);
}

TEST_CASE("a finding only partly covered stays and names what is left") {
  const auto list = read_list("httpd_t etc_t file read # config\n");
  const auto match = list.match(finding("httpd_t", "etc_t", "file", {"read", "write"}));
  CHECK_FALSE(match.ignored());
  CHECK(match.partial());
  CHECK(match.uncovered == std::set<std::string>{"write"});
  REQUIRE(match.rules.size() == 1);
  CHECK(match.rules[0].where.str() == "accepted.ignore:1");
}

TEST_CASE("a rule for another class or only other permissions does not touch a finding") {
  const auto list = read_list("httpd_t etc_t dir * # dirs\nhttpd_t etc_t file unlink # cleanup\n");
  const auto match = list.match(finding("httpd_t", "etc_t", "file", {"read"}));
  CHECK(match.rules.empty());
  CHECK_FALSE(match.partial());
  CHECK_FALSE(match.ignored());
}

TEST_CASE("applying an ignore list takes ignored findings out and keeps the order of the rest") {
  const auto list = read_list("* tmp_t * # scratch space\n");
  std::vector<Finding> findings{finding("a_t", "etc_t", "file", {"read"}), finding("b_t", "tmp_t", "file", {"write"}),
                                finding("c_t", "var_t", "dir", {"search"})};
  const auto outcome = avcsift::explain::apply_ignore_list(list, findings);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].source_type == "a_t");
  CHECK(findings[1].source_type == "c_t");
  REQUIRE(outcome.ignored.size() == 1);
  CHECK(outcome.ignored[0].finding.source_type == "b_t");
  CHECK(outcome.ignored[0].rules[0].reason == "scratch space");
  CHECK(outcome.marks.size() == 2);
}
