// read_statements: allow rules, calls and parameter uses of a body.
#include <catch2/catch.hpp>

#include "avcsift/refpolicy/statement_reader.hpp"

using avcsift::refpolicy::AccessRule;
using avcsift::refpolicy::ParamKind;
using avcsift::refpolicy::ParsedInterface;
using avcsift::refpolicy::read_statements;

TEST_CASE("allow rules with sets become one rule per source, target and class") {
  ParsedInterface one;
  read_statements("allow $1 { etc_t usr_t }:{ file dir } { read { getattr open } };", one);
  REQUIRE(one.rules.size() == 4);
  CHECK(one.rules[0] == AccessRule{"$1", "etc_t", "file", {"getattr", "open", "read"}});
  CHECK(one.rules[3] == AccessRule{"$1", "usr_t", "dir", {"getattr", "open", "read"}});
}

TEST_CASE("exclusions are dropped and complements grant every permission") {
  ParsedInterface one;
  read_statements("allow $1 { file_type -shadow_t }:file ~{ write };", one);
  REQUIRE(one.rules.size() == 1);
  CHECK(one.rules[0] == AccessRule{"$1", "file_type", "file", {"*"}});
}

TEST_CASE("dontaudit rules and declarations grant nothing") {
  ParsedInterface one;
  read_statements("dontaudit $1 etc_t:file read;\ntypeattribute $1 foo_domain;\ntype foo_t;", one);
  CHECK(one.rules.empty());
  CHECK(one.calls.empty());
}

TEST_CASE("calls keep their arguments, sets as lists") {
  ParsedInterface one;
  read_statements("files_search_etc($1)\nfoo_pattern($1, { a_t b_t }, c_t)\nbar()", one);
  REQUIRE(one.calls.size() == 3);
  CHECK(one.calls[0].name == "files_search_etc");
  CHECK(one.calls[0].args == std::vector<std::vector<std::string>>{{"$1"}});
  CHECK(one.calls[1].args == std::vector<std::vector<std::string>>{{"$1"}, {"a_t", "b_t"}, {"c_t"}});
  CHECK(one.calls[2].args.empty());
}

TEST_CASE("roles and the new type of a transition are parameters no denial supplies") {
  ParsedInterface one;
  read_statements("role $2 types foo_t;\ntype_transition $1 foo_exec_t:process $3;\nallow $4 $5;", one);
  CHECK(one.other_uses == std::map<int, ParamKind>{
                              {2, ParamKind::Other}, {3, ParamKind::Other}, {4, ParamKind::Other}, {5, ParamKind::Other}});
}

TEST_CASE("a stray word does not swallow the call after it") {
  ParsedInterface one;
  read_statements("true\nfiles_search_etc($1)", one);
  REQUIRE(one.calls.size() == 1);
}

TEST_CASE("a parameter excluded from a set names exceptions, not a type") {
  ParsedInterface one;
  read_statements("allow $1 { file_type -$2 }:file read;\nfoo($1, { -$3 })", one);
  CHECK(one.other_uses == std::map<int, ParamKind>{{2, ParamKind::Other}, {3, ParamKind::Other}});
}
