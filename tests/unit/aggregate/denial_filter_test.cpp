// DenialFilter: audit2allow's -t REGEX on source types.
#include <catch2/catch.hpp>

#include <string>

#include "avcsift/aggregate/denial_filter.hpp"
#include "avcsift/model/error.hpp"

using avcsift::DenialFilter;

TEST_CASE("a default filter keeps every source type") {
  DenialFilter filter;
  CHECK(filter.keeps_source_type("httpd_t"));
  CHECK(filter.keeps_source_type(""));
}

TEST_CASE("a pattern matches at the start of the type like Python's re.match") {
  DenialFilter filter("httpd");
  CHECK(filter.keeps_source_type("httpd_t"));
  CHECK(filter.keeps_source_type("httpd_sys_script_t"));
  CHECK_FALSE(filter.keeps_source_type("xhttpd_t"));
  CHECK_FALSE(filter.keeps_source_type("sshd_t"));
}

TEST_CASE("a pattern need not match the whole type, only its start") {
  DenialFilter suffix("_t$");
  CHECK_FALSE(suffix.keeps_source_type("httpd_t"));
  DenialFilter anywhere(".*_t$");
  CHECK(anywhere.keeps_source_type("httpd_t"));
  CHECK_FALSE(anywhere.keeps_source_type("httpd_exec"));
}

TEST_CASE("alternatives are each anchored at the start") {
  DenialFilter filter("sshd|httpd");
  CHECK(filter.keeps_source_type("httpd_t"));
  CHECK(filter.keeps_source_type("sshd_t"));
  CHECK_FALSE(filter.keeps_source_type("my_sshd_t"));
}

TEST_CASE("repeated questions get the same cached answers") {
  DenialFilter filter("httpd_t");
  for (int round = 0; round < 3; ++round) {
    CHECK(filter.keeps_source_type("httpd_t"));
    CHECK_FALSE(filter.keeps_source_type("sshd_t"));
    CHECK(filter.keeps_source_type("httpd_t_extra"));
  }
}

TEST_CASE("an invalid pattern is a usage error naming the pattern") {
  try {
    DenialFilter filter("httpd_(t");
    FAIL("no error for an invalid pattern");
  } catch (const avcsift::Error& error) {
    CHECK(std::string(error.what()) ==
          "invalid regular expression 'httpd_(t': Mismatched '(' and ')' in regular expression");
    CHECK(error.status() == avcsift::ExitStatus::Usage);
  }
}

TEST_CASE("an unclosed bracket is refused too") {
  CHECK_THROWS_AS(DenialFilter("[a-"), avcsift::Error);
}

TEST_CASE("with target_too a match on the target type keeps the denial, as audit2allow's -t does") {
  avcsift::Denial denial;
  denial.source.type = "ftpd_t";
  denial.target.type = "httpd_sys_content_t";
  DenialFilter source_only("httpd");
  DenialFilter either("httpd", /*target_too=*/true);
  CHECK_FALSE(source_only.keeps(denial));
  CHECK(either.keeps(denial));
  denial.target.type = "etc_t";
  CHECK_FALSE(either.keeps(denial));
}
