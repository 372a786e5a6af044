// The report's small readers: module types, the app scope, hidden failures,
// and findings built from a RuleSet.
#include <catch2/catch.hpp>

#include "avcsift/explain/app_scope.hpp"
#include "avcsift/explain/finding_builder.hpp"
#include "avcsift/explain/hidden_failures.hpp"
#include "avcsift/explain/module_types.hpp"
#include "avcsift/model/error.hpp"

using namespace avcsift;
using namespace avcsift::explain;

TEST_CASE("read_module_types reads type declarations and skips require blocks") {
  const auto types = read_module_types(
      "policy_module(plone, 1.0)\n"
      "require {\n\ttype etc_t;\n\tclass file read;\n}\n"
      "type plone_t;  # the domain\n"
      "type plonectl_exec_t, file_type;\n"
      "type plone_rw_t alias plone_var_t;\n"
      "# type commented_t;\n"
      "files_type(plone_rw_t)\n");
  CHECK(types == std::vector<std::string>{"plone_rw_t", "plone_t", "plonectl_exec_t"});
}

TEST_CASE("an unreadable application module is an error naming the file") {
  CHECK_THROWS_WITH(read_module_types_file("/nonexistent/plone.te"),
                    "cannot read application module '/nonexistent/plone.te'");
}

TEST_CASE("an app root contains itself and what lies below, not its siblings") {
  AppScope scope;
  scope.add_root("/usr/local/Plone/");
  CHECK(scope.contains_path("/usr/local/Plone"));
  CHECK(scope.contains_path("/usr/local/Plone/var/x"));
  CHECK_FALSE(scope.contains_path("/usr/local/PloneOld/x"));
  CHECK_FALSE(scope.contains_path("var/x"));
}

TEST_CASE("the app types pattern owns the types that match the whole pattern") {
  AppScope scope;
  scope.set_type_pattern("^plone");
  CHECK(scope.owns_type("plone_rw_t"));
  CHECK_FALSE(scope.owns_type("xplone_t"));
  scope.set_type_pattern("plone");
  CHECK(scope.owns_type("xplone_t"));
  CHECK_THROWS_WITH(scope.set_type_pattern("("), "invalid --app-types pattern '('");
}

TEST_CASE("a failed system call with EACCES and no AVC is a hidden failure") {
  AuditEvent event;
  event.syscall = SyscallInfo{"257", false, "-13", "python", "/usr/bin/python", "c000003e"};
  event.paths = {"/root/.python-eggs"};
  HiddenFailureTally tally;
  tally.add(event);
  event.syscall->exit = "-2";  // ENOENT: not a permission problem
  tally.add(event);
  REQUIRE(tally.count() == 1);
  const auto findings = tally.findings();
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].paths == std::vector<std::string>{"/root/.python-eggs"});
  CHECK(describe(findings[0]) ==
        "A system call of /usr/bin/python failed with -13 (permission denied) and no AVC record was logged "
        "(path /root/.python-eggs)");
}

TEST_CASE("findings merge rules of one source, target and class and say what happened") {
  RuleSet rules;
  Denial denial;
  denial.source = {"system_u", "system_r", "plone_t", "s0"};
  denial.target = {"system_u", "object_r", "etc_t", "s0"};
  denial.tclass = "file";
  denial.permissions = {"write"};
  denial.exe = "/usr/local/Plone/bin/python";
  denial.path = "/etc/passwd";
  rules.add(denial, Verdict{Reason::MissingTeRule, {}, {}, {}, {}, {}, false, {}});
  denial.permissions = {"read"};
  rules.add(denial, Verdict{Reason::DontAudit, {}, {}, {}, {}, {}, false, {}});
  BuildContext context;
  context.scope.add_root("/usr/local/Plone");
  const auto findings = build_findings(rules, HiddenFailureTally{}, context);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].count == 2);
  CHECK(findings[0].permissions == std::set<std::string>{"read", "write"});
  CHECK(findings[0].sentence ==
        "SELinux denied /usr/local/Plone/bin/python (plone_t) read write on the file /etc/passwd (etc_t)");
  CHECK(*findings[0].severity() == Severity::High);
}

TEST_CASE("a hidden failure knows its hosts, the local one for events without node=") {
  AuditEvent event;
  event.syscall = SyscallInfo{"257", false, "-13", "python", "/usr/bin/python", "c000003e"};
  HiddenFailureTally tally;
  tally.set_local_host("here");
  tally.add(event);
  event.node = "web-1";
  tally.add(event);
  const auto findings = tally.findings();
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].nodes.count() == 2);
  REQUIRE(findings[0].nodes.sample().size() == 2);
  CHECK(findings[0].nodes.sample()[0].name == "here");
}

TEST_CASE("a finding's hosts are those of all its rules") {
  RuleSet rules;
  rules.set_local_host("here");
  Denial denial;
  denial.source = {"system_u", "system_r", "httpd_t", "s0"};
  denial.target = {"system_u", "object_r", "etc_t", "s0"};
  denial.tclass = "file";
  denial.permissions = {"write"};
  denial.node = "web-2";
  rules.add(denial, Verdict{Reason::MissingTeRule, {}, {}, {}, {}, {}, false, {}});
  denial.permissions = {"read"};
  denial.node.clear();
  rules.add(denial, Verdict{Reason::DontAudit, {}, {}, {}, {}, {}, false, {}});
  REQUIRE(rules.rules().size() == 2);
  const auto findings = build_findings(rules, HiddenFailureTally{}, BuildContext{});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].nodes.count() == 2);
}
