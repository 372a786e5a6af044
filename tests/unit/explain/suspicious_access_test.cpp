// Each flag of explain/suspicious_access, on a finding built by hand.
#include <catch2/catch.hpp>

#include "avcsift/explain/suspicious_access.hpp"
#include "report_fakes.hpp"

using namespace avcsift;
using namespace avcsift::explain;
using avcsift::test::finding;

namespace {

FlagContext plone_context(const AppScope& scope) { return {&scope, {"plone_t"}, false, nullptr}; }

bool has_flag(const std::vector<Flag>& flags, FlagId id, Severity severity) {
  for (const auto& flag : flags) {
    if (flag.id == id && flag.severity == severity) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("an application domain reading outside its root is flagged low") {
  AppScope scope;
  scope.add_root("/usr/local/Plone/");
  const auto flags = flag_finding(finding("plone_t", "etc_t", "file", {"read"}, {"/etc/nsswitch.conf"}),
                                  plone_context(scope));
  REQUIRE(flags.size() == 1);
  CHECK(flags[0].id == FlagId::OutsideAppRoot);
  CHECK(flags[0].severity == Severity::Low);
  CHECK(flags[0].message ==
        "application domain plone_t reads files outside the application's directories: /etc/nsswitch.conf");
}

TEST_CASE("paths inside the application root are not flagged") {
  AppScope scope;
  scope.add_root("/usr/local/Plone");
  const auto flags = flag_finding(finding("plone_t", "usr_t", "file", {"read"}, {"/usr/local/Plone/x.cfg"}),
                                  plone_context(scope));
  CHECK(flags.empty());
}

TEST_CASE("without --app-root the outside-root check is skipped") {
  AppScope scope;
  const auto flags = flag_finding(finding("plone_t", "etc_t", "file", {"read"}, {"/etc/x"}), plone_context(scope));
  CHECK(flags.empty());
}

TEST_CASE("a write on a system type is flagged high") {
  AppScope scope;
  const auto flags = flag_finding(finding("plone_t", "etc_t", "file", {"read", "write"}), plone_context(scope));
  REQUIRE(flags.size() == 1);
  CHECK(flags[0].id == FlagId::SystemTypeChange);
  CHECK(flags[0].severity == Severity::High);
  CHECK(flags[0].message == "write on etc_t, a system type: an allow rule would let it change every such file");
}

TEST_CASE("executing a system type is flagged medium") {
  AppScope scope;
  CHECK(has_flag(flag_finding(finding("plone_t", "lib_t", "file", {"execute"}), plone_context(scope)),
                 FlagId::SystemTypeChange, Severity::Medium));
}

TEST_CASE("with the application's types known, a write on any other type is flagged") {
  AppScope scope;
  scope.add_types({"plone_t", "plone_rw_t"});
  CHECK(has_flag(flag_finding(finding("plone_t", "tmp_t", "file", {"write"}), plone_context(scope)),
                 FlagId::SystemTypeChange, Severity::Medium));
  CHECK(flag_finding(finding("plone_t", "plone_rw_t", "file", {"write"}), plone_context(scope)).empty());
}

TEST_CASE("dangerous capabilities are flagged, sys_admin high") {
  AppScope scope;
  CHECK(has_flag(flag_finding(finding("plone_t", "plone_t", "capability", {"setuid"}), plone_context(scope)),
                 FlagId::DangerousCapability, Severity::Medium));
  CHECK(has_flag(flag_finding(finding("plone_t", "plone_t", "capability", {"sys_admin"}), plone_context(scope)),
                 FlagId::DangerousCapability, Severity::High));
  CHECK(flag_finding(finding("plone_t", "plone_t", "capability", {"chown"}), plone_context(scope)).empty());
}

TEST_CASE("execmem is flagged and ptrace is flagged high") {
  AppScope scope;
  CHECK(has_flag(flag_finding(finding("plone_t", "plone_t", "process", {"execmem"}), plone_context(scope)),
                 FlagId::DangerousProcess, Severity::Medium));
  CHECK(has_flag(flag_finding(finding("plone_t", "httpd_t", "process", {"ptrace"}), plone_context(scope)),
                 FlagId::DangerousProcess, Severity::High));
}

TEST_CASE("memprotect mmap_zero is flagged high") {
  AppScope scope;
  CHECK(has_flag(flag_finding(finding("plone_t", "plone_t", "memprotect", {"mmap_zero"}), plone_context(scope)),
                 FlagId::MmapZero, Severity::High));
}

TEST_CASE("changing SELinux itself is flagged high") {
  AppScope scope;
  CHECK(has_flag(flag_finding(finding("plone_t", "security_t", "security", {"setenforce"}), plone_context(scope)),
                 FlagId::SecurityClass, Severity::High));
}

TEST_CASE("access to user secrets is flagged high") {
  AppScope scope;
  CHECK(has_flag(flag_finding(finding("plone_t", "ssh_home_t", "file", {"read"}), plone_context(scope)),
                 FlagId::UserSecrets, Severity::High));
}

TEST_CASE("a rule for an unconfined domain is flagged") {
  AppScope scope;
  CHECK(has_flag(flag_finding(finding("unconfined_t", "plonectl_exec_t", "file", {"execute"}), plone_context(scope)),
                 FlagId::UnconfinedSource, Severity::Medium));
}

TEST_CASE("denials logged in permissive mode are flagged") {
  AppScope scope;
  auto f = finding("plone_t", "tmp_t", "dir", {"write"});
  f.count = 3;
  f.permissive_count = 2;
  const auto flags = flag_finding(f, plone_context(scope));
  REQUIRE(flags.size() == 1);
  CHECK(flags[0].message ==
        "2 of 3 denials were logged with permissive=1 while other domains were enforcing, but no policy says "
        "whether plone_t is permissive: it was made permissive on that machine (`semanage permissive -l`); undo "
        "it with `semanage permissive -d plone_t` before shipping");
}

TEST_CASE("a machine in permissive mode gets setenforce advice, not a permissive statement to remove") {
  AppScope scope;
  test::FakeFacts facts;
  auto context = plone_context(scope);
  context.all_permissive = true;
  context.facts = &facts;
  auto f = finding("plone_t", "tmp_t", "dir", {"write"});
  f.permissive_count = 1;
  const auto flags = flag_finding(f, context);
  REQUIRE(flags.size() == 1);
  CHECK(flags[0].message ==
        "1 of 1 denials were logged with permissive=1 and so was every denial of the log, while the policy does "
        "not make plone_t permissive: the machine ran in permissive mode. Run `setenforce 1` and set "
        "SELINUX=enforcing in /etc/selinux/config; a permissive machine logs each denial once and hides the ones "
        "that would follow it, so reproduce in enforcing mode before trusting this list");
}

TEST_CASE("a domain the policy makes permissive gets semanage permissive -d") {
  AppScope scope;
  test::FakeFacts facts;
  facts.permissive = {"plone_t"};
  auto context = plone_context(scope);
  context.all_permissive = true;
  context.facts = &facts;
  auto f = finding("plone_t", "tmp_t", "dir", {"write"});
  f.permissive_count = 1;
  const auto flags = flag_finding(f, context);
  REQUIRE(flags.size() == 1);
  CHECK(flags[0].message ==
        "plone_t is a permissive domain in the policy: its denials do not block; before shipping remove the "
        "`permissive plone_t;` statement from the module, or run `semanage permissive -d plone_t` if it was "
        "added locally");
}

TEST_CASE("flags are sorted worst first and become warning comments") {
  AppScope scope;
  scope.add_root("/usr/local/Plone");
  auto f = finding("plone_t", "etc_t", "file", {"write"}, {"/etc/passwd"});
  f.flags = flag_finding(f, plone_context(scope));
  REQUIRE(f.flags.size() == 2);
  CHECK(f.flags[0].severity == Severity::High);
  CHECK(*f.severity() == Severity::High);
  const auto comments = flag_comments(f);
  REQUIRE(comments.size() == 2);
  CHECK(comments[0] ==
        "!!!! WARNING (high): write on etc_t, a system type: an allow rule would let it change every such file");
}
