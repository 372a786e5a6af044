// expand_interfaces: calls expanded transitively, parameters classified.
#include <catch2/catch.hpp>

#include "avcsift/refpolicy/interface_expansion.hpp"
#include "avcsift/refpolicy/statement_reader.hpp"

using avcsift::refpolicy::AccessRule;
using avcsift::refpolicy::ExpansionStats;
using avcsift::refpolicy::expand_interfaces;
using avcsift::refpolicy::Interface;
using avcsift::refpolicy::ParamKind;
using avcsift::refpolicy::ParsedInterface;

namespace {

ParsedInterface parsed(const std::string& name, const std::string& body) {
  ParsedInterface one;
  one.name = name;
  one.file = "test.if";
  avcsift::refpolicy::read_statements(body, one);
  return one;
}

const Interface& named(const std::vector<Interface>& all, const std::string& name) {
  for (const auto& one : all) {
    if (one.name == name) return one;
  }
  FAIL("no interface " << name);
  return all.front();
}

}  // namespace

TEST_CASE("nested calls substitute arguments at every level") {
  ExpansionStats stats;
  const auto all = expand_interfaces({parsed("outer", "middle($1, bar_t)"),
                                      parsed("middle", "inner($2, $1)"),
                                      parsed("inner", "allow $2 $1:file read;")},
                                     stats);
  CHECK(named(all, "outer").rules == std::vector<AccessRule>{{"$1", "bar_t", "file", {"read"}}});
  CHECK(named(all, "outer").params == std::vector<ParamKind>{ParamKind::Source});
}

TEST_CASE("rules of one source, target and class merge their permissions") {
  ExpansionStats stats;
  const auto all = expand_interfaces(
      {parsed("a", "allow $1 etc_t:file read;\nb($1)"), parsed("b", "allow $1 etc_t:file getattr;")}, stats);
  CHECK(named(all, "a").rules == std::vector<AccessRule>{{"$1", "etc_t", "file", {"getattr", "read"}}});
}

TEST_CASE("missing interfaces and cycles are counted and left out") {
  ExpansionStats stats;
  const auto all = expand_interfaces(
      {parsed("a", "b($1)\nnowhere($1)\nallow $1 a_t:file read;"), parsed("b", "a($1)")}, stats);
  CHECK(stats.missing_calls == 1);
  CHECK(stats.cycles == 1);
  CHECK(named(all, "a").rules.size() == 1);
}

TEST_CASE("a parameter passed to a callee's role makes the caller's parameter a role") {
  ExpansionStats stats;
  const auto all = expand_interfaces(
      {parsed("run", "allow $1 foo_t:process transition;\nroles($2)"), parsed("roles", "role $1 types foo_t;")},
      stats);
  const auto& run = named(all, "run");
  CHECK(run.params == std::vector<ParamKind>{ParamKind::Source, ParamKind::Other});
  CHECK_FALSE(run.callable());
}

TEST_CASE("a type used as source anywhere is a source parameter, and a class parameter is a class") {
  ExpansionStats stats;
  const auto all = expand_interfaces(
      {parsed("x", "allow foo_t $1:process sigchld;\nallow $1 foo_t:fd use;\nallow $1 $2:$3 read;")}, stats);
  CHECK(named(all, "x").params == std::vector<ParamKind>{ParamKind::Source, ParamKind::Target, ParamKind::Class});
  CHECK(named(all, "x").callable());
}

TEST_CASE("an interface whose parameters have a gap cannot be called") {
  ExpansionStats stats;
  const auto all = expand_interfaces({parsed("gap", "allow $2 foo_t:file read;")}, stats);
  CHECK(named(all, "gap").params == std::vector<ParamKind>{ParamKind::Unused, ParamKind::Source});
  CHECK_FALSE(named(all, "gap").callable());
}

TEST_CASE("an interface with two parameters of one kind cannot be called") {
  ExpansionStats stats;
  const auto all = expand_interfaces({parsed("peers", "allow $1 $2:peer recv;\nallow $2 $1:peer recv;")}, stats);
  CHECK(named(all, "peers").params == std::vector<ParamKind>{ParamKind::Source, ParamKind::Source});
  CHECK_FALSE(named(all, "peers").callable());
}
