#include "avcsift/explain/level_advice.hpp"

#include <catch2/catch.hpp>

#include "avcsift/explain/fix_advisor.hpp"
#include "avcsift/explain/suspicious_access.hpp"
#include "report_fakes.hpp"

using namespace avcsift;
using namespace avcsift::explain;

namespace {

/// A container at s0:c123,c456 denied read on a volume of another container.
Finding container_denial() {
  auto f = test::finding("container_t", "container_file_t", "file", {"read"}, {"data"});
  f.verdict.reason = Reason::Constraint;
  f.verdict.level_mismatches = {{"h1", "dom", "h2", "s0:c123,c456", "s0:c12,c34"}};
  return f;
}

std::vector<FixKind> kinds(const std::vector<Fix>& fixes) {
  std::vector<FixKind> out;
  for (const auto& fix : fixes) out.push_back(fix.kind);
  return out;
}

}  // namespace

TEST_CASE("levels parse with category ranges and print compactly") {
  const auto level = parse_level("s0:c1,c3.c5");
  REQUIRE(level);
  CHECK(level->rank == 0);
  CHECK(level->categories == std::set<unsigned>{1, 3, 4, 5});
  CHECK(category_text(level->categories) == "c1,c3.c5");
  CHECK(category_text({7, 8}) == "c7,c8");
  CHECK_FALSE(parse_level("s0:c5.c1"));
  CHECK_FALSE(parse_level("SystemLow"));
}

TEST_CASE("an MCS denial says which categories the container lacks and that no allow rule fixes it") {
  const auto lines = explain_levels(container_denial().verdict);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] ==
        "The source level s0:c123,c456 does not dominate the target level s0:c12,c34: source lacks the "
        "categories c12,c34 that target has (a process may only use objects whose categories are all among its "
        "own; each container gets its own pair).");
  CHECK(lines[1] == "No allow rule can fix this: the TE rules allow the access and an MCS constraint compares the "
                    "levels; change a level instead.");
}

TEST_CASE("an MLS write down is named as such") {
  Verdict v;
  v.reason = Reason::Constraint;
  v.level_mismatches = {{"l1", "domby", "l2", "s1", "s0"}};
  const auto lines = explain_levels(v);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "The target level s0 does not dominate the source level s1: its sensitivity s0 is below s1 "
                    "(writing down: a process may not write below its own level, or it could leak what it read).");
  CHECK(lines[1].find("MLS constraint") != std::string::npos);
}

TEST_CASE("a container MCS denial gets volume relabelling first and the allow rule commented out") {
  const auto fixes = advise_fixes(container_denial(), AdviceContext{});
  REQUIRE(kinds(fixes) == std::vector{FixKind::VolumeRelabel, FixKind::ContainerLevel, FixKind::Unconfine,
                                      FixKind::AllowRule});
  CHECK(fixes[0].command == "podman run -v HOST_DIR:/data:Z IMAGE   # private to this container\n"
                            "podman run -v HOST_DIR:/data:z IMAGE   # shared by several containers\n"
                            "# docker run takes the same :Z and :z suffixes");
  CHECK(fixes[1].command == "podman run --security-opt label=level:s0:c12,c34 IMAGE\n"
                            "# docker run --security-opt label=level:s0:c12,c34 IMAGE");
  CHECK(fixes.back().command == "# allow container_t container_file_t:file read;  (useless: a constraint denies it)");
}

TEST_CASE("a host path gets chcon -l and semanage fcontext with the container's level") {
  auto f = container_denial();
  f.paths = {"/srv/shared/data"};
  const auto fixes = advise_fixes(f, AdviceContext{});
  REQUIRE(kinds(fixes).at(1) == FixKind::LevelLabel);
  CHECK(fixes[1].command == "chcon -l s0:c123,c456 /srv/shared/data   # now; a relabel resets it\n"
                            "semanage fcontext -a -t container_file_t -r s0:c123,c456 '/srv/shared/data(/.*)?'\n"
                            "restorecon -Rv /srv/shared/data");
}

TEST_CASE("advice that switches separation off is flagged high and constraint denials are flagged") {
  AppScope scope;
  auto f = container_denial();
  f.flags = flag_finding(f, FlagContext{&scope, {}, false, nullptr});
  f.fixes = advise_fixes(f, AdviceContext{});
  flag_fixes(f);
  REQUIRE(f.flags.size() == 2);
  CHECK(f.flags[0].id == FlagId::SeparationOff);
  CHECK(f.flags[0].severity == Severity::High);
  CHECK(f.flags[1].id == FlagId::ConstraintDenial);
  CHECK(f.flags[1].message ==
        "a level (MLS/MCS) constraint denies this, not a missing rule: an allow rule cannot fix it");
}

TEST_CASE("an MLS read up asks to run the process at the data's level, never to relabel the data") {
  auto f = test::finding("user_t", "secret_t", "file", {"read"}, {"/srv/secret"});
  f.verdict.reason = Reason::Constraint;
  f.verdict.level_mismatches = {{"l1", "dom", "l2", "s0", "s1"}};
  const auto fixes = advise_fixes(f, AdviceContext{});
  REQUIRE(kinds(fixes) == std::vector{FixKind::ProcessLevel, FixKind::AllowRule});
  CHECK(fixes[0].command == "runcon -l s1 COMMAND   # or: newrole -l s1");
}
