// place_rule(): live or commented out, and the comments that say why.
#include "avcsift/cli/rule_placement.hpp"

#include <catch2/catch.hpp>

using avcsift::Reason;
using avcsift::Verdict;
using avcsift::cli::place_rule;
using avcsift::cli::PlacementContext;

namespace {

Verdict not_in_policy(std::vector<std::string> names) {
  Verdict verdict;
  verdict.reason = Reason::NotInPolicy;
  verdict.undefined_names = std::move(names);
  return verdict;
}

}  // namespace

TEST_CASE("a rule naming an unknown type is live outside a package, with a comment naming the types") {
  const auto placement = place_rule(not_in_policy({"type plone_t", "type plone_rw_t"}), PlacementContext{});
  CHECK(placement.live);
  CHECK(placement.unknown_types == std::vector<std::string>{"plone_t", "plone_rw_t"});
  CHECK(placement.comments ==
        std::vector<std::string>{"!!!! The loaded policy does not define types plone_t, plone_rw_t; this rule "
                                 "installs together with the module that declares them"});
}

TEST_CASE("a package comments out a rule naming an unknown type unless an app module declares every one") {
  const Verdict verdict = not_in_policy({"type plone_t", "type plone_rw_t"});
  const auto alone = place_rule(verdict, PlacementContext{true, nullptr});
  CHECK_FALSE(alone.live);
  CHECK(alone.comments == std::vector<std::string>{"!!!! The loaded policy does not define types plone_t, "
                                                   "plone_rw_t, and no --app-module declares them; a package "
                                                   "cannot install this rule on its own"});
  const std::set<std::string> one{"plone_t"};
  const auto partly = place_rule(verdict, PlacementContext{true, &one});
  CHECK_FALSE(partly.live);
  CHECK(partly.unknown_types == std::vector<std::string>{"plone_rw_t"});
  const std::set<std::string> both{"plone_t", "plone_rw_t"};
  const auto declared = place_rule(verdict, PlacementContext{true, &both});
  CHECK(declared.live);
  CHECK(declared.comments.empty());
  CHECK(declared.unknown_types.empty());
}

TEST_CASE("a rule naming an unknown class or permission is a comment in every output") {
  for (const bool package : {false, true}) {
    const std::set<std::string> app{"plone_t"};
    const auto with_class = place_rule(not_in_policy({"type plone_t", "class dbus"}), PlacementContext{package, &app});
    CHECK_FALSE(with_class.live);
    CHECK_FALSE(with_class.comments.empty());
    const auto with_perm = place_rule(not_in_policy({"permission map"}), PlacementContext{package, nullptr});
    CHECK_FALSE(with_perm.live);
  }
}

TEST_CASE("a package comments out what a boolean fixes or the policy allows, and plain output keeps it") {
  for (const Reason reason : {Reason::Boolean, Reason::DontAudit, Reason::Allowed}) {
    Verdict verdict;
    verdict.reason = reason;
    CHECK(place_rule(verdict, PlacementContext{false, nullptr}).live);
    CHECK_FALSE(place_rule(verdict, PlacementContext{true, nullptr}).live);
  }
  Verdict missing;
  missing.reason = Reason::MissingTeRule;
  CHECK(place_rule(missing, PlacementContext{true, nullptr}).live);
}
