// Advice against the policies most users run (Fedora targeted, with and
// without container-selinux) and against Debian's: booleans without
// policy.xml, container volumes, and fixes that must not break the machine.
// Each test skips (77) when ../shared lacks its policy.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::run_avcsift;
using avcsift::test::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The corpus file `relative`, or a skip (77) when it is absent.
std::filesystem::path corpus_file(const std::string& relative) {
  const auto shared = avcsift::test::shared_dir();
  const auto file = shared / "corpus" / relative;
  if (shared.empty() || !std::filesystem::exists(file)) avcsift::test::skip_test("no " + relative);
  return file;
}

std::filesystem::path container_policy() {
  return corpus_file("policy/fedora-targeted-41.24-container-2.233.0.policy.33");
}

/// The `# setsebool -P ...` lines of audit2why-style text.
std::set<std::string> setsebool_lines(const std::string& text) {
  std::set<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("\t# setsebool -P ")) lines.insert(line);
  }
  return lines;
}

/// Where `part` starts in `text`, or npos.
std::size_t at(const std::string& text, const std::string& part) { return text.find(part); }

}  // namespace

TEST_CASE("why names Fedora's booleans and their setsebool without any policy.xml") {
  const auto policy = corpus_file("policy/fedora-targeted-41.24.policy.33");
  const auto log = corpus_file("logs/sepolgen-httpd.log");
  const auto expected = corpus_file("expected/sepolgen-httpd.fedora.audit2why.txt");
  const auto why = run_avcsift({"why", "-p", policy.string(), "--policy-xml", "/nonexistent/policy.xml", log.string()});
  CHECK(why.status == 0);
  // The same commands audit2why prints with its policy.xml.
  const auto ours = setsebool_lines(why.out);
  CHECK_FALSE(ours.empty());
  CHECK(ours == setsebool_lines(avcsift::test::read_file(expected)));
  // Without a description the boolean's name stands in for it.
  CHECK(contains(why.out, "\tDescription:\n\thttpd_unified\n\n\tAllow access by executing:\n"
                          "\t# setsebool -P httpd_unified 1\n"));
}

TEST_CASE("report gives Fedora's boolean as the first fix and says what else it switches") {
  const auto policy = corpus_file("policy/fedora-targeted-41.24.policy.33");
  TempDir dir;
  // From sepolgen-httpd.log: httpd_t writing its content needs httpd_unified.
  const auto log = dir.write(
      "audit.log",
      "type=AVC msg=audit(1163774744.598:11670): avc:  denied  { append } for  pid=8306 comm=\"httpd\" "
      "name=\"access_log\" dev=dm-0 ino=3080352 scontext=system_u:system_r:httpd_t:s0 "
      "tcontext=system_u:object_r:httpd_sys_content_t:s0 tclass=file\n");
  const auto report = run_avcsift({"report", "-p", policy.string(), log.string()});
  CHECK(report.status == 0);
  CHECK(contains(report.out, "     1. boolean: a conditional rule allows it when httpd_unified is switched; that also "
                             "switches every other rule the boolean guards"));
  CHECK(contains(report.out, "          setsebool -P httpd_unified 1\n"));
}

TEST_CASE("report says what a boolean is for when --policy-xml describes it, and only names it otherwise") {
  const auto policy = corpus_file("policy/fedora-targeted-41.24.policy.33");
  TempDir dir;
  const auto log = dir.write(
      "audit.log",
      "type=AVC msg=audit(1163774744.598:11670): avc:  denied  { append } for  pid=8306 comm=\"httpd\" "
      "name=\"access_log\" dev=dm-0 ino=3080352 scontext=system_u:system_r:httpd_t:s0 "
      "tcontext=system_u:object_r:httpd_sys_content_t:s0 tclass=file\n");
  // The shape of policy.xml; Fedora ships it gzip-compressed, when at all.
  const auto xml = dir.write("policy.xml",
                             "<policy><layer name=\"contrib\"><module name=\"apache\">\n"
                             "<bool name=\"httpd_unified\" dftval=\"false\">\n<desc>\n<p>\nUnify HTTPD handling\n"
                             "of all content files.\n</p>\n</desc>\n</bool>\n</module></layer></policy>\n");
  const auto described = run_avcsift({"report", "-p", policy.string(), "--policy-xml", xml.string(), log.string()});
  CHECK(described.status == 0);
  CHECK(contains(described.out, "; httpd_unified: Unify HTTPD handling of all content files.\n"));
  const auto bare = run_avcsift({"report", "-p", policy.string(), "--policy-xml", "/nonexistent", log.string()});
  CHECK(bare.status == 0);
  CHECK_FALSE(contains(bare.out, "httpd_unified: "));
  CHECK(contains(bare.out, "          setsebool -P httpd_unified 1\n"));
}

TEST_CASE("a container denied a home directory labelled s0 gets the volume relabel and the flagged do-not advice") {
  const auto policy = container_policy();
  TempDir dir;
  // podman run -v ~/data:/data without :Z (the form of many podman issues).
  const auto log = dir.write(
      "audit.log",
      "type=AVC msg=audit(1733000100.001:301): avc:  denied  { write } for  pid=5120 comm=\"touch\" "
      "name=\"data\" dev=\"dm-0\" ino=2101 scontext=system_u:system_r:container_t:s0:c123,c456 "
      "tcontext=unconfined_u:object_r:user_home_t:s0 tclass=dir permissive=0\n");
  const auto report = run_avcsift({"report", "-p", policy.string(), log.string()});
  CHECK(report.status == 0);
  CHECK(contains(report.out, "high separation_off: "));
  const auto relabel = at(report.out, "     1. volume_relabel: ");
  const auto unconfine = at(report.out, "     2. unconfine: ");
  const auto rule = at(report.out, "     3. allow_rule: ");
  REQUIRE(relabel != std::string::npos);
  REQUIRE(unconfine != std::string::npos);
  REQUIRE(rule != std::string::npos);
  CHECK(contains(report.out, "          podman run -v HOST_DIR:/data:Z IMAGE   # private to this container\n"));
  CHECK(contains(report.out, "          # do not: podman run --security-opt label=disable IMAGE\n"));
}

TEST_CASE("a container denied a host system directory is never told to relabel it") {
  const auto policy = container_policy();
  TempDir dir;
  const auto log = dir.write(
      "audit.log",
      "type=AVC msg=audit(1733000110.001:311): avc:  denied  { write } for  pid=5130 comm=\"sh\" "
      "name=\"etc\" dev=\"dm-0\" ino=2 scontext=system_u:system_r:container_t:s0:c123,c456 "
      "tcontext=system_u:object_r:etc_t:s0 tclass=dir permissive=0\n");
  const auto report = run_avcsift({"report", "-p", policy.string(), log.string()});
  CHECK(report.status == 0);
  CHECK_FALSE(contains(report.out, "volume_relabel"));
  CHECK_FALSE(contains(report.out, ":Z"));
  CHECK(contains(report.out, "unconfine: "));
}

TEST_CASE("two containers sharing a directory get :z and a shared level before the do-not advice") {
  const auto policy = container_policy();
  TempDir dir;
  // A second container (c200,c300) writes into a directory the first one
  // (c100,c150) relabelled with :Z.
  const auto log = dir.write(
      "audit.log",
      "type=AVC msg=audit(1733000200.001:401): avc:  denied  { write add_name } for  pid=6210 comm=\"touch\" "
      "name=\"shared\" dev=\"dm-0\" ino=3301 scontext=system_u:system_r:container_t:s0:c200,c300 "
      "tcontext=system_u:object_r:container_file_t:s0:c100,c150 tclass=dir permissive=0\n");
  const auto report = run_avcsift({"report", "-p", policy.string(), log.string()});
  CHECK(report.status == 0);
  CHECK(contains(report.out, "source lacks the categories c100,c150 that target has"));
  CHECK(contains(report.out, "high separation_off: "));
  CHECK(contains(report.out, "medium constraint_denial: "));
  const auto relabel = at(report.out, "     1. volume_relabel: ");
  const auto level = at(report.out, "     2. container_level: ");
  const auto unconfine = at(report.out, "     3. unconfine: ");
  const auto rule = at(report.out, "     4. allow_rule: ");
  CHECK(relabel != std::string::npos);
  CHECK(level != std::string::npos);
  CHECK(unconfine != std::string::npos);
  CHECK(rule != std::string::npos);
  CHECK(contains(report.out, "(and takes it from any other container that used it)"));
  CHECK(contains(report.out, "          podman run -v HOST_DIR:/data:z IMAGE   # shared by several containers\n"));
  CHECK(contains(report.out, "          podman run --security-opt label=level:s0:c100,c150 IMAGE\n"));
  CHECK(contains(report.out, "          # allow container_t container_file_t:dir { add_name write };  (useless"));
  CHECK_FALSE(contains(report.out, "\n          allow container_t container_file_t"));
}

TEST_CASE("a container denied a host path by level gets chcon -l with its own level") {
  const auto policy = container_policy();
  TempDir dir;
  const auto log = dir.write(
      "audit.log",
      "type=AVC msg=audit(1733000300.001:501): avc:  denied  { read } for  pid=7310 comm=\"cat\" "
      "path=\"/srv/exports/report.csv\" dev=\"dm-0\" ino=4401 "
      "scontext=system_u:system_r:container_t:s0:c123,c456 "
      "tcontext=system_u:object_r:container_file_t:s0:c12,c34 tclass=file permissive=0\n");
  const auto report = run_avcsift({"report", "-p", policy.string(), log.string()});
  CHECK(report.status == 0);
  CHECK(contains(report.out, "     1. volume_relabel: "));
  CHECK(contains(report.out, "          podman run -v /srv/exports/report.csv:/data:Z IMAGE"));
  CHECK(contains(report.out, "     2. level_label: "));
  CHECK(contains(report.out, "          chcon -l s0:c123,c456 /srv/exports/report.csv   # now; a relabel resets it\n"));
  CHECK(contains(report.out, "          semanage fcontext -a -t container_file_t -r s0:c123,c456 "
                             "'/srv/exports/report.csv(/.*)?'\n"));
  CHECK(contains(report.out, "     3. container_level: "));
}

TEST_CASE("a Debian log from a machine in permissive mode gets setenforce advice, not the permissive statement") {
  const auto policy = corpus_file("policy/debian-refpolicy-2.20221101.policy.33");
  TempDir dir;
  const auto log = dir.write(
      "audit.log",
      "type=AVC msg=audit(1764500000.100:21): avc:  denied  { read } for  pid=812 comm=\"apache2\" "
      "name=\"index.html\" dev=\"sda1\" ino=9011 scontext=system_u:system_r:httpd_t:s0 "
      "tcontext=unconfined_u:object_r:user_home_t:s0 tclass=file permissive=1\n"
      "type=AVC msg=audit(1764500001.100:22): avc:  denied  { name_connect } for  pid=640 comm=\"ntpd\" "
      "dest=8080 scontext=system_u:system_r:ntpd_t:s0 tcontext=system_u:object_r:http_cache_port_t:s0 "
      "tclass=tcp_socket permissive=1\n");
  const auto report = run_avcsift({"report", "-p", policy.string(), log.string()});
  CHECK(report.status == 0);
  CHECK(contains(report.out, "the machine ran in permissive mode. Run `setenforce 1` and set SELINUX=enforcing"));
  CHECK_FALSE(contains(report.out, "remove the `permissive"));
  CHECK_FALSE(contains(report.out, "semanage permissive -d"));
  // http_cache_port_t belongs to a service: ntpd is not told to take 8080.
  CHECK_FALSE(contains(report.out, "semanage port"));
}
