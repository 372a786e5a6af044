// SecurityContext::parse and str(): splitting `user:role:type[:level]`.
#include <catch2/catch.hpp>

#include "avcsift/model/security_context.hpp"

using avcsift::SecurityContext;

TEST_CASE("a context with an MCS range keeps the colons of its level") {
  const auto ctx = SecurityContext::parse("system_u:system_r:httpd_t:s0-s0:c0.c1023");
  REQUIRE(ctx);
  CHECK(ctx->user == "system_u");
  CHECK(ctx->role == "system_r");
  CHECK(ctx->type == "httpd_t");
  CHECK(ctx->level == "s0-s0:c0.c1023");
}

TEST_CASE("a context without a level has an empty level") {
  const auto ctx = SecurityContext::parse("user_u:object_r:user_tmp_t");
  REQUIRE(ctx);
  CHECK(ctx->user == "user_u");
  CHECK(ctx->role == "object_r");
  CHECK(ctx->type == "user_tmp_t");
  CHECK(ctx->level.empty());
}

TEST_CASE("a context with fewer than three fields is refused") {
  CHECK_FALSE(SecurityContext::parse(""));
  CHECK_FALSE(SecurityContext::parse("system_u"));
  CHECK_FALSE(SecurityContext::parse("system_u:system_r"));
}

TEST_CASE("a context with an empty user, role or type is refused") {
  CHECK_FALSE(SecurityContext::parse(":system_r:httpd_t:s0"));
  CHECK_FALSE(SecurityContext::parse("system_u::httpd_t:s0"));
  CHECK_FALSE(SecurityContext::parse("system_u:system_r::s0"));
  CHECK_FALSE(SecurityContext::parse("system_u:system_r:"));
  CHECK_FALSE(SecurityContext::parse("::"));
}

TEST_CASE("parse does not validate the names themselves") {
  const auto ctx = SecurityContext::parse("a b:r{:t-1:s0");
  REQUIRE(ctx);
  CHECK(ctx->user == "a b");
  CHECK(ctx->role == "r{");
  CHECK(ctx->type == "t-1");
  CHECK(ctx->level == "s0");
}

TEST_CASE("str gives back the text a context was parsed from") {
  for (const char* text : {"system_u:system_r:httpd_t:s0-s0:c0.c1023", "u:r:t", "u:r:t:s0:c1,c2"}) {
    const auto ctx = SecurityContext::parse(text);
    REQUIRE(ctx);
    CHECK(ctx->str() == text);
  }
}

TEST_CASE("contexts compare field by field") {
  const auto a = SecurityContext::parse("u:r:a_t:s0");
  const auto b = SecurityContext::parse("u:r:b_t:s0");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*a < *b);
  CHECK(*a == *SecurityContext::parse("u:r:a_t:s0"));
  CHECK_FALSE(*a == *SecurityContext::parse("u:r:a_t:s1"));
}
