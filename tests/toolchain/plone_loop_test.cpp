// The Plone loop: install testdata/policy/plone.te into a temporary store,
// then for each of plone-cycle-{1,2,3}.log append what
// `allow --against plone.te -p NEWPOLICY` proposes, rebuild, reinstall, and
// check that the log has no missing TE rule left.
#include <catch2/catch.hpp>

#include <fstream>

#include "toolchain_support.hpp"
#include "skip_test.hpp"

using namespace avcsift::test;

namespace {

/// checkmodule + semodule_package with the module's file contexts.
RunResult build_plone(const std::filesystem::path& dir) {
  const auto te = (dir / "plone.te").string();
  auto compiled = run_command("checkmodule", {"-M", "-m", "-o", (dir / "plone.mod").string(), te});
  if (compiled.status != 0) return compiled;
  return run_command("semodule_package", {"-o", (dir / "plone.pp").string(), "-m",
                                          (dir / "plone.mod").string(), "-f", (dir / "plone.fc").string()});
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::size_t count_terule(const std::map<std::string, WhyReason>& reasons) {
  std::size_t count = 0;
  for (const auto& [denial, why] : reasons) count += why.reason == "TERULE" ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("the Plone loop converges: each cycle's proposals leave no missing TE rule") {
  if (const auto why_not = toolchain_skip_reason(); !why_not.empty()) {
    skip_test(why_not);
  }
  TempDir work;
  TempStore store;
  std::filesystem::copy(testdata("policy/plone.te"), work.path() / "plone.te");
  std::filesystem::copy(testdata("policy/plone.fc"), work.path() / "plone.fc");
  const auto first = build_plone(work.path());
  INFO(first.out << first.err);
  REQUIRE(first.status == 0);
  const auto installed = store.install({work.path() / "plone.pp"});
  INFO(installed.err);
  REQUIRE(installed.status == 0);

  for (int cycle = 1; cycle <= 3; ++cycle) {
    const auto log = testdata("audit-logs/plone-cycle-" + std::to_string(cycle) + ".log");
    const auto before = why_reasons(store.policy(), log);
    const auto proposal = run_avcsift({"allow", "--against", (work.path() / "plone.te").string(), "-p",
                                       store.policy().string(), log.string()});
    INFO("cycle " << cycle << " proposal:\n" << proposal.out << proposal.err);
    REQUIRE(proposal.status == 0);
    CHECK(proposal.err.find("warning") == std::string::npos);
    std::ofstream(work.path() / "plone.te", std::ios::app) << proposal.out;

    const auto rebuilt = build_plone(work.path());
    INFO(rebuilt.out << rebuilt.err);
    REQUIRE(rebuilt.status == 0);
    const auto reinstalled = store.install({work.path() / "plone.pp"});
    INFO(reinstalled.err);
    REQUIRE(reinstalled.status == 0);

    const auto after = why_reasons(store.policy(), log);
    WARN("plone cycle " << cycle << ": " << count_terule(before) << " missing TE rules before, "
                        << count_terule(after) << " after");
    CHECK(count_terule(before) > 0);
    CHECK(count_terule(after) == 0);
    // What the module guards with a boolean (ploneZEO) stays a boolean.
    for (const auto& [denial, why] : before) {
      if (why.reason == "BOOLEAN") CHECK(after.at(denial).reason == "BOOLEAN");
    }
    // A fixed point: asked again, allow proposes only rules for access the
    // policy already allows by other means (the domain attribute, say).
    const auto again = run_avcsift({"allow", "--against", (work.path() / "plone.te").string(), "-p",
                                    store.policy().string(), log.string()});
    CHECK(count(again.out, "\nallow ") == count(again.out, "allowed in the current policy\nallow "));
  }
  WARN("semodule: 4 installs of plone took " << store.install_seconds() << " s");
}
