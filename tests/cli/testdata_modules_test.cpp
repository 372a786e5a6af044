// Every log under testdata/audit-logs (every form: raw, ausearch, journal,
// syslog, dmesg, bare lines, hostile input), with no policy, with the test
// policy and with Debian's and Fedora's: the module `allow -m` prints
// compiles with the real checkmodule, `-M` builds its package (avcsift runs
// checkmodule and semodule_package), and the `--cil -M` module compiles with
// secilc together with the policy it was written against, where that policy
// is CIL source (the test policy). A module without a live rule must build
// too: empty modules carry a require for that (man avcsift-allow).
//
// Each case prints its counts on stdout (the closing note quotes
// them): run `cli_tests "*modules*"` to see them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;
using avcsift::test::testdata;

namespace {

/// Every log file under testdata/audit-logs, whatever its form (not README.md).
std::vector<std::filesystem::path> bundled_logs() {
  std::vector<std::filesystem::path> logs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testdata("audit-logs"))) {
    if (entry.is_regular_file() && entry.path().extension() != ".md") logs.push_back(entry.path());
  }
  std::sort(logs.begin(), logs.end());
  return logs;
}

void require_tools() {
  for (const char* tool : {"checkmodule", "semodule_package", "secilc"}) {
    if (!avcsift::test::have_tool(tool)) {
      avcsift::test::skip_test(std::string(tool) + " is not installed (Debian packages checkpolicy, "
                               "semodule-utils, secilc)");
    }
  }
}

/// A policy from ../shared/corpus/policy, or skips the test without it.
std::string corpus_policy(const std::string& file) {
  const auto shared = avcsift::test::shared_dir();
  const auto path = shared / "corpus/policy" / file;
  if (shared.empty() || !std::filesystem::exists(path)) {
    avcsift::test::skip_test("the reference corpus is absent (set -DAVCSIFT_SHARED_DIR): no " + file);
  }
  return path.string();
}

bool has_live_rule(const std::string& te) {
  return te.starts_with("allow ") || te.find("\nallow ") != std::string::npos ||
         te.find("\nrole ") != std::string::npos;
}

/// What one policy setting gave across the bundled logs.
struct Counts {
  int logs = 0;
  int compiled = 0;      ///< `allow -m` modules checkmodule compiles
  int with_rules = 0;    ///< ... of which hold at least one live rule
  int packages = 0;      ///< `-M` packages built
  int packages_with_rules = 0;  ///< ... of which hold at least one live rule
  int cil_modules = 0;   ///< `--cil -M` modules written (and, with cil_policy, compiled by secilc)
};

/// Runs the three module forms on every bundled log with `policy_args`.
/// `cil_policy`: the CIL source of the policy, for secilc; empty when none.
Counts check_every_log(const std::vector<std::string>& policy_args, const std::string& cil_policy) {
  Counts counts;
  const auto with = [&](std::vector<std::string> args) {
    args.insert(args.begin() + 1, policy_args.begin(), policy_args.end());
    return args;
  };
  for (const auto& log : bundled_logs()) {
    INFO(log.string());
    ++counts.logs;
    TempDir dir;

    const auto module = run_avcsift(with({"allow", "-m", "bundled", log.string()}));
    CHECK(module.status == 0);
    dir.write("bundled.te", module.out);
    const auto compiled =
        run_command("checkmodule", {"-M", "-m", "-o", "bundled.mod", "bundled.te"}, "", dir.path());
    INFO(module.out << module.err << compiled.out << compiled.err);
    CHECK(compiled.status == 0);
    if (compiled.status == 0) ++counts.compiled;
    if (has_live_rule(module.out)) ++counts.with_rules;

    const auto package = run_avcsift(with({"allow", "-M", "pkg", log.string()}), "", dir.path());
    INFO(package.err);
    CHECK(package.status == 0);
    const bool built = std::filesystem::exists(dir.path() / "pkg.pp") &&
                       std::filesystem::file_size(dir.path() / "pkg.pp") > 0;
    CHECK(built);
    if (package.status == 0 && built) ++counts.packages;
    if (built && has_live_rule(avcsift::test::read_file(dir.path() / "pkg.te"))) ++counts.packages_with_rules;

    const auto cil = run_avcsift(with({"allow", "--cil", "-M", "cilpkg", log.string()}), "", dir.path());
    INFO(cil.err);
    CHECK(cil.status == 0);
    bool cil_ok = cil.status == 0 && std::filesystem::exists(dir.path() / "cilpkg.cil");
    if (cil_ok && !cil_policy.empty()) {
      const auto secil =
          run_command("secilc", {"-o", "/dev/null", "-f", "/dev/null", cil_policy, "cilpkg.cil"}, "", dir.path());
      INFO(avcsift::test::read_file(dir.path() / "cilpkg.cil") << secil.out << secil.err);
      CHECK(secil.status == 0);
      cil_ok = secil.status == 0;
    }
    if (cil_ok) ++counts.cil_modules;
  }
  return counts;
}

void print_counts(const std::string& setting, const Counts& counts, bool cil_compiled) {
  std::cout << "testdata modules " << setting << ": " << counts.compiled << " of " << counts.logs
            << " `allow -m` modules compile (" << counts.with_rules << " with live rules), " << counts.packages
            << " of " << counts.logs << " -M packages build (" << counts.packages_with_rules << " with live rules), " << counts.cil_modules << " of " << counts.logs
            << " --cil -M modules " << (cil_compiled ? "compile with secilc" : "written") << '\n';
}

}  // namespace

TEST_CASE("every bundled log gives modules that build without a policy") {
  require_tools();
  const Counts counts = check_every_log({"--no-policy"}, "");
  print_counts("without a policy", counts, false);
  CHECK(counts.compiled == counts.logs);
  // Without a policy nothing is unknown, and every bundled log holds a denial
  // or a refused transition: each module has a live rule.
  CHECK(counts.with_rules == counts.logs);
}

TEST_CASE("every bundled log gives modules that build against the test policy") {
  require_tools();
  const Counts counts =
      check_every_log({"-p", AVCSIFT_TEST_POLICY}, testdata("policy/avcsift-test.cil").string());
  print_counts("with the test policy", counts, true);
  CHECK(counts.compiled == counts.logs);
  CHECK(counts.cil_modules == counts.logs);
}

TEST_CASE("every bundled log gives modules that build against Debian's policy") {
  require_tools();
  const Counts counts = check_every_log({"-p", corpus_policy("debian-refpolicy-2.20221101.policy.33")}, "");
  print_counts("with Debian's policy", counts, false);
  CHECK(counts.compiled == counts.logs);
  CHECK(counts.packages == counts.logs);
}

TEST_CASE("every bundled log gives modules that build against Fedora's policy") {
  require_tools();
  const Counts counts = check_every_log({"-p", corpus_policy("fedora-targeted-41.24.policy.33")}, "");
  print_counts("with Fedora's policy", counts, false);
  CHECK(counts.compiled == counts.logs);
  CHECK(counts.packages == counts.logs);
}
