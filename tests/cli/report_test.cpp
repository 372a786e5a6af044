// End-to-end tests of `avcsift report`: the built binary on the Plone logs
// with the CIL test policy.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::run_avcsift;
using avcsift::test::TempDir;
using avcsift::test::testdata;

namespace {

std::vector<std::string> plone_args(const std::string& log) {
  return {"report", "-p", AVCSIFT_TEST_POLICY, "--app-root", "/usr/local/Plone",
          testdata("audit-logs/" + log).string()};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("report proposes a domain transition for the unconfined bad interpreter") {
  const auto result = run_avcsift(plone_args("plone-cycle-1.log"));
  CHECK(result.status == 0);
  CHECK(contains(result.out,
                 "SELinux denied /usr/bin/bash (unconfined_t) execute on the file "
                 "/usr/local/Plone/Python-2.7/bin/python (plonectl_exec_t)"));
  CHECK(contains(result.out, "unconfined_source: unconfined_t is an unconfined or login domain"));
  CHECK(contains(result.out,
                 "1. domain_transition: unconfined_t runs plonectl_exec_t without entering plone_t"));
  CHECK(contains(result.out, "          type_transition unconfined_t plonectl_exec_t:process plone_t;\n"
                             "          allow unconfined_t plone_t:process transition;\n"));
  CHECK(contains(result.out, "          role unconfined_r types plone_t;\n"));
}

TEST_CASE("report flags the write to /etc/passwd high and lists it first") {
  const auto result = run_avcsift(plone_args("plone-cycle-1.log"));
  CHECK(contains(result.out, "\n1. [HIGH] SELinux denied /usr/local/Plone/Python-2.7/bin/python (plone_t) "
                             "getattr read write on the file"));
  CHECK(contains(result.out, "paths:       /etc/mime.types, /etc/nsswitch.conf, /etc/passwd\n"));
  CHECK(contains(result.out, "high system_type_change: write on etc_t, a system type"));
  CHECK(contains(result.out, "outside_app_root: application domain plone_t changes files outside"));
}

TEST_CASE("report proposes files_type for setfiles relabel denials") {
  const auto result = run_avcsift(plone_args("plone-cycle-1.log"));
  CHECK(contains(result.out, "1. relabel: setfiles_t may relabel only file types: declare plone_rw_t"));
  CHECK(contains(result.out, "          files_type(plone_rw_t)\n"));
  CHECK(contains(result.out, "          files_type(plonectl_exec_t)\n"));
}

TEST_CASE("report shows a failed system call without AVC as possibly hidden") {
  const auto result = run_avcsift(plone_args("plone-cycle-2.log"));
  CHECK(contains(result.out, "A system call of /usr/local/Plone/Python-2.7/bin/python failed with -13 "
                             "(permission denied) and no AVC record was logged (path /root/.python-eggs)"));
  CHECK(contains(result.out, "hidden_denials: "));
  CHECK(contains(result.out, "          semodule -DB\n"));
  CHECK(contains(result.out, "1 failed system calls without AVC"));
}

TEST_CASE("report proposes restorecon for the mislabeled var directory when file_contexts disagree") {
  TempDir dir;
  const auto fc = dir.write("file_contexts",
                            "/usr/local/Plone/zeocluster/var(/.*)?\tsystem_u:object_r:plone_rw_t:s0\n");
  auto args = plone_args("plone-cycle-2.log");
  args.insert(args.begin() + 1, {"--file-contexts", fc.string()});
  const auto result = run_avcsift(args);
  CHECK(result.status == 0);
  CHECK(contains(result.out, "restorecon: file_contexts label /usr/local/Plone/zeocluster/var/filestorage "
                             "plone_rw_t, the log shows usr_t"));
  CHECK(contains(result.out, "          restorecon -v /usr/local/Plone/zeocluster/var/filestorage\n"));
}

TEST_CASE("report proposes semanage fcontext for the default_t directory") {
  const auto result = run_avcsift(plone_args("plone-cycle-2.log"));
  CHECK(contains(result.out, "          semanage fcontext -a -t plone_rw_t "
                             "'/usr/local/Plone/zeocluster/var/blobstorage(/.*)?'\n"
                             "          restorecon -Rv /usr/local/Plone/zeocluster/var/blobstorage\n"));
}

TEST_CASE("report --format json has the summary and the finding fields of the schema") {
  auto args = plone_args("plone-cycle-3.log");
  args.insert(args.begin() + 1, {"--format", "json"});
  const auto result = run_avcsift(args);
  REQUIRE(result.status == 0);
  const auto doc = nlohmann::json::parse(result.out);
  CHECK(doc["summary"]["denials"] == 9);
  CHECK(doc["summary"]["permissive_denials"] == 7);
  REQUIRE(doc["findings"].is_array());
  bool execmem = false;
  for (const auto& f : doc["findings"]) {
    for (const char* field : {"source_type", "target_type", "class", "permissions", "count", "first_seen",
                              "last_seen", "paths", "commands", "reason", "flags", "fixes"}) {
      CHECK(f.contains(field));
    }
    for (const auto& flag : f["flags"]) {
      CHECK(flag.contains("id"));
      CHECK(flag.contains("severity"));
      CHECK(flag.contains("message"));
    }
    for (const auto& fix : f["fixes"]) {
      CHECK(fix.contains("kind"));
      CHECK(fix.contains("command"));
    }
    if (f["permissions"] == nlohmann::json::array({"execmem"})) {
      execmem = f["flags"][0]["id"] == "dangerous_process";
    }
  }
  CHECK(execmem);
}

TEST_CASE("report --fail-on high exits 3 when a high flag is present") {
  auto args = plone_args("plone-cycle-1.log");
  args.insert(args.begin() + 1, {"--fail-on", "high"});
  CHECK(run_avcsift(args).status == 3);
  auto quiet = plone_args("plone-cycle-3.log");
  quiet.insert(quiet.begin() + 1, {"--fail-on", "high"});
  CHECK(run_avcsift(quiet).status == 0);
}

TEST_CASE("report writes no colors when its output is piped") {
  const auto result = run_avcsift(plone_args("plone-cycle-1.log"));
  CHECK_FALSE(contains(result.out, "\033["));
}

TEST_CASE("report says which checks it skipped without the application's scope") {
  const auto result = run_avcsift({"report", "--no-policy", testdata("audit-logs/plone-cycle-1.log").string()});
  CHECK(result.status == 0);
  CHECK(contains(result.out, "note: no --app-root: accesses outside the application's directories are not flagged"));
}

TEST_CASE("report rejects an unknown --fail-on severity") {
  const auto result = run_avcsift({"report", "--no-policy", "--fail-on", "urgent"});
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: unknown severity 'urgent' for --fail-on (use high, medium or low)\n");
}

TEST_CASE("a podman MCS denial is explained as audit2why sees it and gets volume relabelling, not an allow rule") {
  const auto shared = avcsift::test::shared_dir();
  const auto policy = shared / "corpus/policy/fedora-targeted-41.24-container-2.233.0.policy.33";
  if (shared.empty() || !std::filesystem::exists(policy)) avcsift::test::skip_test("no Fedora container policy");
  if (!avcsift::test::have_tool("audit2why")) avcsift::test::skip_test("audit2why is not installed");
  TempDir dir;
  const auto log = dir.write(
      "podman.log",
      "type=AVC msg=audit(1733000000.123:101): avc:  denied  { read } for  pid=4242 comm=\"cat\" name=\"data\" "
      "dev=\"dm-0\" ino=131090 scontext=system_u:system_r:container_t:s0:c123,c456 "
      "tcontext=system_u:object_r:container_file_t:s0:c12,c34 tclass=file permissive=0\n");
  // The real audit2why agrees it is the MCS constraint on h1 dom h2.
  const auto real = avcsift::test::run_command("audit2why", {"-p", policy.string(), "-i", log.string()});
  REQUIRE(contains(real.out, "(h1 dom h2 -Fail-)"));
  const auto why = run_avcsift({"why", "-p", policy.string(), log.string()});
  CHECK(contains(why.out, "(h1 dom h2 -Fail-)"));
  CHECK(contains(why.out, "\tavcsift: The source level s0:c123,c456 does not dominate the target level s0:c12,c34: "
                          "source lacks the categories c12,c34 that target has"));
  CHECK(contains(why.out, "\tavcsift: No allow rule can fix this"));
  const auto report = run_avcsift({"report", "-p", policy.string(), log.string()});
  CHECK(contains(report.out, "[HIGH] SELinux denied cat (container_t) read on the file data (container_file_t)"));
  CHECK(contains(report.out, "     1. volume_relabel: "));
  CHECK(contains(report.out, "          podman run -v HOST_DIR:/data:Z IMAGE"));
  CHECK(contains(report.out, "high separation_off: "));
  CHECK(contains(report.out, "          # allow container_t container_file_t:file read;  (useless"));
}

TEST_CASE("a login denied connecting to the HTTPS port is not told to move the port") {
  const auto shared = avcsift::test::shared_dir();
  const auto policy = shared / "corpus/policy/fedora-targeted-41.24.policy.33";
  if (shared.empty() || !std::filesystem::exists(policy)) avcsift::test::skip_test("no Fedora policy");
  TempDir dir;
  const auto log = dir.write(
      "login.log",
      "type=AVC msg=audit(1733000000.123:7): avc:  denied  { name_connect } for  pid=900 comm=\"login\" dest=443 "
      "scontext=system_u:system_r:local_login_t:s0-s0:c0.c1023 tcontext=system_u:object_r:http_port_t:s0 "
      "tclass=tcp_socket permissive=0\n"
      "type=AVC msg=audit(1733000001.123:8): avc:  denied  { name_connect } for  pid=900 comm=\"login\" dest=8443 "
      "scontext=system_u:system_r:local_login_t:s0-s0:c0.c1023 tcontext=system_u:object_r:unreserved_port_t:s0 "
      "tclass=tcp_socket permissive=0\n");
  const auto report = run_avcsift({"report", "-p", policy.string(), log.string()});
  CHECK(report.status == 0);
  CHECK_FALSE(contains(report.out, "-p tcp 443"));
  CHECK(contains(report.out, "semanage port -a -t dns_port_t -p tcp 8443"));
}
