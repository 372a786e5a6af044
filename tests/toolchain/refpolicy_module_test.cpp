// allow -R -m: every corpus log's refpolicy module builds with Debian's
// devel Makefile, and installing them all makes the TE-rule denials allowed.
#include <catch2/catch.hpp>


#include "toolchain_support.hpp"
#include "skip_test.hpp"

using namespace avcsift::test;

namespace {

const std::filesystem::path kPolicy = "/etc/selinux/default/policy/policy.33";
const std::filesystem::path kDevelMakefile = "/usr/share/selinux/devel/Makefile";


}  // namespace

TEST_CASE("every corpus log's allow -R module builds with the devel Makefile and installs") {
  if (const auto why_not = toolchain_skip_reason(); !why_not.empty()) {
    skip_test(why_not);
  }
  if (!std::filesystem::exists(kDevelMakefile) || !have_tool("make")) {
    skip_test(kDevelMakefile.string() + " or make is missing (install selinux-policy-dev, make)");
  }
  const auto logs = corpus_logs("avcsift_r_");
  if (logs.empty()) {
    skip_test("the reference corpus (" AVCSIFT_SHARED_DIR "/corpus/logs) is absent");
  }
  TempDir work;
  TempStore store;
  std::vector<std::filesystem::path> modules;
  for (const auto& corpus : logs) {
    // -M: a package that installs on its own, so rules naming types the
    // policy lacks are commented out (a -m module keeps them live for the
    // module under development that declares them). The .te it writes is
    // then built again with the devel Makefile, as a user would.
    const auto written = run_avcsift({"allow", "-R", "--cache-dir", (work.path() / "cache").string(), "-p",
                                      kPolicy.string(), "-M", corpus.module, corpus.log.string()},
                                     "", work.path());
    INFO(corpus.log.filename().string() << ": " << written.err);
    REQUIRE(written.status == 0);
    std::filesystem::remove(work.path() / (corpus.module + ".pp"));
    const auto built = run_command("make", {"-f", kDevelMakefile.string(), corpus.module + ".pp"}, "", work.path());
    INFO("make: " << built.out << built.err);
    REQUIRE(built.status == 0);
    modules.push_back(work.path() / (corpus.module + ".pp"));
    REQUIRE(std::filesystem::exists(modules.back()));
  }
  const auto installed = store.install(modules);
  INFO("semodule: " << installed.err);
  REQUIRE(installed.status == 0);
  WARN("semodule installed " << modules.size() << " refpolicy modules in " << store.install_seconds() << " s");

  for (const auto& corpus : logs) {
    const auto before = why_reasons(kPolicy, corpus.log);
    const auto after = why_reasons(store.policy(), corpus.log);
    REQUIRE(before.size() == after.size());
    for (const auto& [denial, why] : before) {
      if (why.reason != "TERULE") continue;
      INFO(corpus.log.filename().string() << ": " << denial);
      CHECK(after.at(denial).reason != "TERULE");
    }
  }
}
