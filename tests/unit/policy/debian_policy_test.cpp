// judge() against Debian 12's policy, compared with what audit2why printed
// for the same accesses (../shared/corpus/expected/*.audit2why.txt).
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "policy_test_support.hpp"
#include "skip_test.hpp"

namespace avcsift::policy::test {
namespace {

/// The Debian policy; the test is skipped when the corpus is absent.
std::unique_ptr<Policy> load_debian_policy() {
  const std::string path = debian_policy_path();
  if (!std::filesystem::exists(path)) {
    avcsift::test::skip_test(path + " is absent (set -DAVCSIFT_SHARED_DIR)");
  }
  return Policy::load(path);
}

/// One explained denial of an audit2why output.
struct Expected {
  AccessQuery query;
  std::string reason;  // reason_name() spelling; BOOLEAN carries no names
  std::set<std::string> booleans;
  std::string text;    // the explanation, for failure messages
};

/// Reads audit2why's output: a message line with `avc:` and `scontext=`,
/// then its `Was caused by:` explanation (the rules of ../shared/tools/why-reasons).
std::vector<Expected> read_audit2why(const std::string& path) {
  static const std::regex perms_re(R"(\{([^}]*)\})");
  static const std::regex field_re(R"(\b(scontext|tcontext|tclass)=([^\s']+))");
  static const std::regex setsebool_re(R"(setsebool -P (\S+))");
  static const std::regex the_boolean_re(R"(The boolean (\S+) was set incorrectly)");
  std::vector<Expected> out;
  std::ifstream in(path);
  std::string line;
  std::string message;
  std::string explanation;
  const auto flush = [&] {
    if (message.empty()) return;
    std::smatch m;
    std::map<std::string, std::string> fields;
    for (auto it = std::sregex_iterator(message.begin(), message.end(), field_re);
         it != std::sregex_iterator(); ++it) {
      fields.emplace((*it)[1], (*it)[2]);
    }
    REQUIRE(std::regex_search(message, m, perms_re));
    std::vector<std::string> perms;
    std::istringstream words(m[1].str());
    for (std::string p; words >> p;) perms.push_back(p);
    Expected e{access(fields["scontext"], fields["tcontext"], fields["tclass"], perms), "", {},
               explanation};
    const auto has = [&](const char* s) { return explanation.find(s) != std::string::npos; };
    if (has("would be allowed by active policy")) {
      e.reason = "ALLOW";
    } else if (has("should be dontaudit'd")) {
      e.reason = "DONTAUDIT";
    } else if (has("set incorrectly")) {
      e.reason = "BOOLEAN";
      for (const std::regex* re : {&setsebool_re, &the_boolean_re}) {
        for (auto it = std::sregex_iterator(explanation.begin(), explanation.end(), *re);
             it != std::sregex_iterator(); ++it) {
          e.booleans.insert((*it)[1]);
        }
      }
    } else if (has("Missing type enforcement")) {
      e.reason = "TERULE";
    } else if (has("onstraint")) {
      e.reason = "CONSTRAINT";
    } else {
      e.reason = "UNKNOWN";
    }
    out.push_back(std::move(e));
    message.clear();
    explanation.clear();
  };
  while (std::getline(in, line)) {
    if (line.find("avc:") != std::string::npos && line.find("scontext=") != std::string::npos) {
      flush();
      message = line;
    } else if (!message.empty()) {
      explanation += line + "\n";
    }
  }
  flush();
  return out;
}

std::string expected_file(const std::string& name) {
  return std::string(AVCSIFT_SHARED_DIR) + "/corpus/expected/" + name + ".audit2why.txt";
}

}  // namespace

TEST_CASE("Debian: pam_t ioctl on an xdm_t fifo is DontAudit") {
  auto policy = load_debian_policy();
  const Verdict v = policy->judge(access("staff_u:staff_r:pam_t:s0",
                                         "system_u:system_r:xdm_t:s0-s0:c0.c1023", "fifo_file",
                                         {"ioctl"}));
  CHECK(v.reason == Reason::DontAudit);
}

TEST_CASE("Debian: staff_t reading xdm_tmp_t is Allowed") {
  auto policy = load_debian_policy();
  const Verdict v = policy->judge(
      access("staff_u:staff_r:staff_t:s0", "system_u:object_r:xdm_tmp_t:s0", "file", {"read"}));
  CHECK(v.reason == Reason::Allowed);
}

TEST_CASE("Debian: staff_t reading sysctl_fs_t is MissingTeRule") {
  auto policy = load_debian_policy();
  const Verdict v = policy->judge(access("staff_u:staff_r:staff_t:s0",
                                         "system_u:object_r:sysctl_fs_t:s0", "file", {"read"}));
  CHECK(v.reason == Reason::MissingTeRule);
  CHECK(v.other_reasons.empty());
}

TEST_CASE("Debian: ftpd_t getattr on httpd_sys_content_t needs allow_ftpd_full_access") {
  auto policy = load_debian_policy();
  const Verdict v = policy->judge(access("system_u:system_r:ftpd_t:s0",
                                         "system_u:object_r:httpd_sys_content_t:s0", "file",
                                         {"getattr"}));
  CHECK(v.reason == Reason::Boolean);
  CHECK(v.boolean_fixes ==
        std::vector<std::vector<BooleanSetting>>{just("allow_ftpd_full_access")});
}

TEST_CASE("Debian: httpd_t executing httpd_sys_script_exec_t has two alternative booleans") {
  auto policy = load_debian_policy();
  const Verdict v = policy->judge(access("system_u:system_r:httpd_t:s0",
                                         "system_u:object_r:httpd_sys_script_exec_t:s0", "file",
                                         {"execute"}));
  CHECK(v.reason == Reason::Boolean);
  CHECK(v.boolean_fixes == std::vector<std::vector<BooleanSetting>>{
                               just("httpd_builtin_scripting"), just("httpd_enable_cgi")});
}

TEST_CASE("Debian: staff_t using user_u's user_tmp_t fails UBAC because the users differ") {
  auto policy = load_debian_policy();
  const Verdict v = policy->judge(access("staff_u:staff_r:staff_t:s0",
                                         "user_u:object_r:user_tmp_t:s0", "file",
                                         {"read", "write"}));
  CHECK(v.reason == Reason::Constraint);
  CHECK(v.constraints ==
        std::vector<std::string>{
            "constrain file { ioctl read write create getattr setattr lock relabelfrom "
            "relabelto append map unlink link rename execute quotaon mounton audit_access open "
            "execmod watch watch_mount watch_sb watch_with_perm watch_reads execute_no_trans "
            "entrypoint } ((u1 == u2 -Fail-)  or (u1 == system_u -Fail-)  or (u1 == "
            "unconfined_u -Fail-)  or (u1 == sysadm_u -Fail-)  or (u2 == system_u -Fail-)  or "
            "(t1 != ubac_constrained_type -Fail-)  or (t2 != ubac_constrained_type -Fail-)  or "
            "(t1 == ubacfile -Fail-) ); Constraint DENIED"});
  CHECK(v.cause == "the source user (staff_u) and target user (user_u) are different");
}

TEST_CASE("Debian: a missing entrypoint rule comes first, the UBAC constraint second") {
  auto policy = load_debian_policy();
  const Verdict v = policy->judge(access("staff_u:staff_r:staff_t:s0",
                                         "user_u:object_r:user_tmp_t:s0", "file",
                                         {"entrypoint", "read"}));
  CHECK(v.reason == Reason::MissingTeRule);
  CHECK(v.other_reasons == std::vector<Reason>{Reason::Constraint});
  CHECK(v.constraints.size() == 1);
  CHECK(v.cause == "the source user (staff_u) and target user (user_u) are different");
}

TEST_CASE("Debian: vpnc_t as user_u:system_r, which audit2why cannot resolve, is a context problem") {
  // From sepolgen-audit-txt.log: audit2why says "Invalid Source Context".
  auto policy = load_debian_policy();
  CHECK(policy->context_problem({"user_u", "system_r", "vpnc_t", "s0"}) ==
        "user user_u is not authorized for role system_r");
  const Verdict v = policy->judge(access("user_u:system_r:vpnc_t:s0",
                                         "user_u:system_r:vpnc_t:s0", "capability",
                                         {"dac_override"}));
  CHECK(v.reason == Reason::Allowed);
  CHECK(v.undefined_names.empty());
}

TEST_CASE("Debian: httpd_t writing httpd_sys_content_t needs three booleans together") {
  // audit2why flips one boolean at a time and says TERULE.
  auto policy = load_debian_policy();
  const Verdict v = policy->judge(access("system_u:system_r:httpd_t:s0",
                                         "system_u:object_r:httpd_sys_content_t:s0", "file",
                                         {"write"}));
  CHECK(v.reason == Reason::Boolean);
  CHECK(v.boolean_fixes == std::vector<std::vector<BooleanSetting>>{
                               {BooleanSetting{"httpd_builtin_scripting", true},
                                BooleanSetting{"httpd_enable_cgi", true},
                                BooleanSetting{"httpd_unified", true}}});
}

TEST_CASE("Debian: name_connect to reserved ports lists each boolean that allows it") {
  auto policy = load_debian_policy();
  const Verdict v = policy->judge(access("system_u:system_r:httpd_t:s0",
                                         "system_u:object_r:reserved_port_t:s0", "tcp_socket",
                                         {"name_connect"}));
  CHECK(v.reason == Reason::Boolean);
  CHECK(v.boolean_fixes == std::vector<std::vector<BooleanSetting>>{
                               just("allow_ypbind"), just("httpd_can_network_connect")});
}

TEST_CASE("Debian: the helpers answer for real domains") {
  auto policy = load_debian_policy();
  CHECK(policy->has_type("httpd_t"));
  CHECK(policy->type_has_attribute("httpd_t", "domain"));
  CHECK(policy->depends_on_full_context("file"));
  const auto ports = policy->allowed_target_types("httpd_t", "tcp_socket", "name_bind",
                                                  "port_type");
  CHECK(std::find(ports.begin(), ports.end(), "http_port_t") != ports.end());
  CHECK(std::find(ports.begin(), ports.end(), "ssh_port_t") == ports.end());
}

TEST_CASE("Debian: every access audit2why explained in the corpus gets its reason") {
  // Where we differ on purpose: audit2why flips one boolean at a time, so it
  // calls an access that needs two booleans together TERULE (or DONTAUDIT);
  // we find the combination and say Boolean.
  auto policy = load_debian_policy();
  std::size_t checked = 0;
  std::size_t combinations = 0;
  std::vector<std::string> mismatches;
  for (const char* name :
       {"sepolgen-short", "audit2allow-test", "sepolgen-audit", "sepolgen-httpd"}) {
    for (const Expected& e : read_audit2why(expected_file(name))) {
      ++checked;
      const Verdict v = policy->judge(e.query);
      std::set<std::string> singles;
      bool only_combinations = !v.boolean_fixes.empty();
      for (const auto& fix : v.boolean_fixes) {
        if (fix.size() == 1) singles.insert(fix.front().name);
        only_combinations = only_combinations && fix.size() > 1;
      }
      const std::string ours = reason_name(v.reason);
      if (v.reason == Reason::Boolean && only_combinations &&
          (e.reason == "TERULE" || e.reason == "DONTAUDIT")) {
        ++combinations;
      } else if (ours != e.reason || singles != e.booleans) {
        std::string line = std::string(name) + ": " + e.query.source.str() + " " +
                           e.query.target.str() + " " + e.query.tclass + ": audit2why " +
                           e.reason + ", ours " + ours;
        for (const auto& b : singles) line += " " + b;
        mismatches.push_back(line);
      }
    }
  }
  CHECK(checked == 6732);
  CHECK(combinations > 0);
  for (std::size_t i = 0; i < mismatches.size() && i < 20; ++i) UNSCOPED_INFO(mismatches[i]);
  CHECK(mismatches.empty());
}

}  // namespace avcsift::policy::test
