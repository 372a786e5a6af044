// Each fix kind of explain/fix_advisor, with fake policy facts and labels.
#include <catch2/catch.hpp>

#include "avcsift/explain/fix_advisor.hpp"
#include "report_fakes.hpp"

using namespace avcsift;
using namespace avcsift::explain;
using avcsift::test::finding;

namespace {

std::vector<FixKind> kinds(const std::vector<Fix>& fixes) {
  std::vector<FixKind> out;
  for (const auto& fix : fixes) out.push_back(fix.kind);
  return out;
}

}  // namespace

TEST_CASE("a path whose label disagrees with file_contexts gets restorecon") {
  test::FakeLabels labels;
  labels.labels["/usr/local/Plone/zeocluster/var/filestorage"] = "plone_rw_t";
  AdviceContext context;
  context.file_labels = &labels;
  const auto fixes = advise_fixes(
      finding("plone_t", "usr_t", "dir", {"write"}, {"/usr/local/Plone/zeocluster/var/filestorage/"}), context);
  REQUIRE(kinds(fixes) == std::vector{FixKind::Restorecon, FixKind::AllowRule});
  CHECK(fixes[0].command == "restorecon -v /usr/local/Plone/zeocluster/var/filestorage");
}

TEST_CASE("a generic label with no file_contexts entry gets semanage fcontext") {
  AppScope scope;
  scope.add_root("/usr/local/Plone");
  AdviceContext context;
  context.scope = &scope;
  context.app_domains = {"plone_t"};
  context.app_file_types["plone_t"] = {"plone_rw_t"};
  const auto fixes = advise_fixes(
      finding("plone_t", "default_t", "dir", {"search"},
              {"/usr/local/Plone/var/blob.storage", "/usr/local/Plone/var/blob.storage/tmp"}),
      context);
  REQUIRE(kinds(fixes) == std::vector{FixKind::FcontextAdd, FixKind::AllowRule});
  CHECK(fixes[0].command ==
        "semanage fcontext -a -t plone_rw_t '/usr/local/Plone/var/blob\\.storage(/.*)?'\n"
        "restorecon -Rv /usr/local/Plone/var/blob.storage");
}

TEST_CASE("a boolean verdict gets setsebool") {
  auto f = finding("plone_t", "unreserved_port_t", "tcp_socket", {"name_connect"});
  f.verdict.reason = Reason::Boolean;
  f.verdict.boolean_fixes = {{{"ploneZEO", true}}};
  const auto fixes = advise_fixes(f, {});
  REQUIRE(kinds(fixes) == std::vector{FixKind::Boolean, FixKind::AllowRule});
  CHECK(fixes[0].command == "setsebool -P ploneZEO 1");
}

TEST_CASE("a port denial gets semanage port with the types the domain may use") {
  test::FakeFacts facts;
  facts.ports = {"http_cache_port_t", "http_port_t"};
  AdviceContext context;
  context.facts = &facts;
  auto f = finding("plone_t", "unreserved_port_t", "tcp_socket", {"name_bind"});
  f.port = 8080;
  const auto fixes = advise_fixes(f, context);
  REQUIRE(kinds(fixes) == std::vector{FixKind::PortLabel, FixKind::PortLabel, FixKind::AllowRule});
  CHECK(fixes[0].command == "semanage port -a -t http_cache_port_t -p tcp 8080");
}

TEST_CASE("a port that already has a specific type is never moved to another") {
  // login denied name_connect to 443 (http_port_t): moving 443 to
  // dns_port_t would take HTTPS from every web server.
  test::FakeFacts facts;
  facts.ports = {"dns_port_t", "pki_ca_port_t"};
  AdviceContext context;
  context.facts = &facts;
  auto f = finding("local_login_t", "http_port_t", "tcp_socket", {"name_connect"});
  f.port = 443;
  CHECK(kinds(advise_fixes(f, context)) == std::vector{FixKind::AllowRule});
}

TEST_CASE("an unconfined domain executing an application entry point gets a domain transition") {
  test::FakeOracle oracle;
  oracle.allowed = {"plone_t plonectl_exec_t file entrypoint"};
  AdviceContext context;
  context.oracle = &oracle;
  context.app_domains = {"plone_t"};
  auto f = finding("unconfined_t", "plonectl_exec_t", "file", {"execute"});
  f.source_role = "unconfined_r";
  const auto fixes = advise_fixes(f, context);
  REQUIRE(kinds(fixes) == std::vector{FixKind::DomainTransition, FixKind::AllowRule});
  CHECK(fixes[0].command ==
        "type_transition unconfined_t plonectl_exec_t:process plone_t;\n"
        "allow unconfined_t plone_t:process transition;\n"
        "allow unconfined_t plonectl_exec_t:file { execute getattr open read };\n"
        "role unconfined_r types plone_t;");
}

TEST_CASE("setfiles denied relabeling an application type gets files_type") {
  const auto fixes = advise_fixes(finding("setfiles_t", "plone_rw_t", "file", {"relabelfrom"}), {});
  REQUIRE(kinds(fixes) == std::vector{FixKind::Relabel, FixKind::AllowRule});
  CHECK(fixes[0].command == "files_type(plone_rw_t)");
}

TEST_CASE("a failed system call without AVC gets the dontaudit check") {
  Finding f;
  f.kind = FindingKind::HiddenFailure;
  const auto fixes = advise_fixes(f, {});
  REQUIRE(kinds(fixes) == std::vector{FixKind::HiddenDenials});
  CHECK(fixes[0].command.starts_with("semodule -DB\n"));
  CHECK(fixes[0].command.ends_with("\nsemodule -B"));
}

TEST_CASE("the allow rule comes last, with self and braces as audit2allow writes them") {
  const auto fixes = advise_fixes(finding("plone_t", "plone_t", "capability", {"setgid", "setuid"}), {});
  REQUIRE(kinds(fixes) == std::vector{FixKind::AllowRule});
  CHECK(fixes[0].command == "allow plone_t self:capability { setgid setuid };");
}

TEST_CASE("paths that would need shell escaping get no path fix") {
  const auto fixes = advise_fixes(finding("plone_t", "default_t", "file", {"read"}, {"/srv/a'b"}), {});
  REQUIRE(kinds(fixes) == std::vector{FixKind::AllowRule});
}

TEST_CASE("an unlabeled system directory gets restorecon, never an fcontext rule for the app") {
  AppScope scope;
  scope.add_root("/usr/local/Plone");
  AdviceContext context;
  context.scope = &scope;
  context.app_domains = {"plone_t"};
  context.app_file_types["plone_t"] = {"plone_rw_t"};
  const auto fixes = advise_fixes(finding("plone_t", "unlabeled_t", "dir", {"search"}, {"/usr/lib"}), context);
  REQUIRE(kinds(fixes) == std::vector{FixKind::Restorecon, FixKind::AllowRule});
  CHECK(fixes[0].command == "restorecon -v /usr/lib");
  CHECK(fixes[0].explanation.find("never give it an application type") != std::string::npos);
}

TEST_CASE("a default_t directory below a system directory still gets its fcontext rule") {
  AdviceContext context;
  context.app_file_types["plone_t"] = {"plone_rw_t"};
  const auto fixes = advise_fixes(finding("plone_t", "default_t", "dir", {"write"}, {"/srv/plone"}), context);
  REQUIRE(kinds(fixes) == std::vector{FixKind::FcontextAdd, FixKind::AllowRule});
  CHECK(fixes[0].command == "semanage fcontext -a -t plone_rw_t '/srv/plone(/.*)?'\nrestorecon -Rv /srv/plone");
}
