// TypeCensus: when a log looks like one from a machine with another policy.
#include "avcsift/explain/type_census.hpp"

#include <catch2/catch.hpp>

using avcsift::Reason;
using avcsift::Verdict;
using avcsift::explain::AppScope;
using avcsift::explain::TypeCensus;

namespace {

Verdict lacking(std::vector<std::string> types) {
  Verdict verdict;
  verdict.reason = Reason::NotInPolicy;
  for (auto& type : types) verdict.undefined_names.push_back("type " + type);
  return verdict;
}

}  // namespace

TEST_CASE("a log whose types are mostly unknown, three or more, looks foreign") {
  TypeCensus census;
  census.add("container_t", "container_file_t", lacking({"container_t", "container_file_t"}));
  census.add("abrt_t", "var_log_t", lacking({"abrt_t"}));
  const AppScope none;
  CHECK(census.unknown(none) == std::set<std::string>{"abrt_t", "container_file_t", "container_t"});
  CHECK(census.looks_foreign(none));  // 3 of 4
  census.add("sshd_t", "etc_t", Verdict{});
  census.add("sshd_t", "shadow_t", Verdict{});
  CHECK_FALSE(census.looks_foreign(none));  // 3 of 6: not most
}

TEST_CASE("a module under development with two unknown types does not look foreign") {
  TypeCensus census;
  census.add("plone_t", "plone_rw_t", lacking({"plone_t", "plone_rw_t"}));
  CHECK_FALSE(census.looks_foreign(AppScope{}));  // all unknown, but fewer than kMinForeignTypes
}

TEST_CASE("the application's types, declared or found by --app-types, count as known") {
  TypeCensus census;
  census.add("myapp_t", "myapp_rw_t", lacking({"myapp_t", "myapp_rw_t"}));
  census.add("myapp_t", "myapp_log_t", lacking({"myapp_t", "myapp_log_t"}));
  CHECK(census.looks_foreign(AppScope{}));
  AppScope searched;
  searched.set_type_pattern("^myapp");  // a search: no need to match the whole name
  CHECK(census.unknown(searched).empty());
  CHECK_FALSE(census.looks_foreign(searched));
  AppScope declared;
  declared.add_module("myapp.te", {"myapp_rw_t"});
  CHECK(census.unknown(declared) == std::set<std::string>{"myapp_log_t", "myapp_t"});
}
