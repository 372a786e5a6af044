// parse_valid_context: contexts from logs, checked before they are trusted.
#include <catch2/catch.hpp>

#include <string>

#include "avcsift/parse/context_validation.hpp"

using avcsift::SecurityContext;
using avcsift::parse::parse_valid_context;

namespace {

/// The problem text for `text`, or "ok" when it is valid.
std::string check(std::string_view text) {
  SecurityContext ctx;
  std::string problem;
  return parse_valid_context(text, ctx, problem) ? "ok" : problem;
}

}  // namespace

TEST_CASE("a context with an MCS range is valid") {
  SecurityContext ctx;
  std::string problem;
  REQUIRE(parse_valid_context("system_u:system_r:httpd_t:s0-s0:c0.c1023", ctx, problem));
  CHECK(ctx.user == "system_u");
  CHECK(ctx.role == "system_r");
  CHECK(ctx.type == "httpd_t");
  CHECK(ctx.level == "s0-s0:c0.c1023");
  CHECK(problem.empty());
}

TEST_CASE("contexts without a level and with category lists are valid") {
  CHECK(check("u:r:t") == "ok");
  CHECK(check("user_u:user_r:user_t:s0:c1,c2") == "ok");
  CHECK(check("u:r:untrusted_app:s0:c512,c768") == "ok");
}

TEST_CASE("a context with too few fields is refused") {
  CHECK(check("system_u:system_r") == "'system_u:system_r' is not a user:role:type context");
  CHECK(check("") == "'' is not a user:role:type context");
  CHECK(check("u::t") == "'u::t' is not a user:role:type context");
}

TEST_CASE("an invalid user, role or type is named in the problem") {
  CHECK(check("1u:r:t") == "'1u:r:t' has an invalid user");
  CHECK(check("u:r-x:t") == "'u:r-x:t' has an invalid role");
  CHECK(check("a:b:c{d") == "'a:b:c{d' has an invalid type");
  CHECK(check("u:r:t.x:s0") == "'u:r:t.x:s0' has an invalid type");
}

TEST_CASE("a level with characters MLS never uses is refused") {
  CHECK(check("u:r:t:s0 }") == "'u:r:t:s0 }' has an invalid level");
  CHECK(check("u:r:t:s0;x") == "'u:r:t:s0;x' has an invalid level");
  CHECK(check("u:r:t:" + std::string(4097, 's')) == "'u:r:t:" + std::string(4097, 's') + "' has an invalid level");
}

TEST_CASE("log text in the problem is escaped") {
  CHECK(check("u:r:t\nallow") == "'u:r:t\\x0aallow' has an invalid type");
}

TEST_CASE("a refused context leaves the output untouched") {
  SecurityContext ctx{"keep_u", "keep_r", "keep_t", "s0"};
  std::string problem;
  CHECK_FALSE(parse_valid_context("a:b:c{d", ctx, problem));
  CHECK(ctx == SecurityContext{"keep_u", "keep_r", "keep_t", "s0"});
}
