// is_valid_module_name: names checkmodule and semodule accept.
#include <catch2/catch.hpp>

#include <string>

#include "avcsift/emit/module_name.hpp"

using avcsift::emit::is_valid_module_name;

TEST_CASE("ordinary module names are accepted") {
  CHECK(is_valid_module_name("plone"));
  CHECK(is_valid_module_name("plonelocal"));
  CHECK(is_valid_module_name("my_httpd_fix2"));
  CHECK(is_valid_module_name("local"));
}

TEST_CASE("constraint operands such as t1, u2 and r1 are rejected") {
  for (const char* name : {"t1", "t2", "t3", "u1", "u2", "u3", "r1", "r2", "r3", "l1", "l2", "h1", "h2"}) {
    INFO(name);
    CHECK_FALSE(is_valid_module_name(name));
  }
}

TEST_CASE("policy keywords are rejected in any case") {
  CHECK_FALSE(is_valid_module_name("allow"));
  CHECK_FALSE(is_valid_module_name("ALLOW"));
  CHECK_FALSE(is_valid_module_name("Allow"));
  CHECK_FALSE(is_valid_module_name("module"));
  CHECK_FALSE(is_valid_module_name("require"));
  CHECK_FALSE(is_valid_module_name("type"));
  CHECK_FALSE(is_valid_module_name("T1"));
}

TEST_CASE("self is rejected") { CHECK_FALSE(is_valid_module_name("self")); }

// Regression: checkmodule's lexer reads `xor` (and `XOR`) as an operator, so
// `module xor 1.0;` fails to parse; the keyword list missed it.
TEST_CASE("xor is rejected like the other operators") {
  CHECK_FALSE(is_valid_module_name("xor"));
  CHECK_FALSE(is_valid_module_name("XOR"));
  CHECK_FALSE(is_valid_module_name("and"));
  CHECK_FALSE(is_valid_module_name("not"));
}

TEST_CASE("names that are not identifiers are rejected") {
  CHECK_FALSE(is_valid_module_name(""));
  CHECK_FALSE(is_valid_module_name("1plone"));
  CHECK_FALSE(is_valid_module_name("plone-local"));
  CHECK_FALSE(is_valid_module_name("plone.local"));
  CHECK_FALSE(is_valid_module_name("../plone"));
  CHECK_FALSE(is_valid_module_name(std::string(129, 'a')));
}
