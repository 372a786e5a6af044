// read_te_module: what an existing .te module grants, and its warnings.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "avcsift/te/te_module.hpp"

using avcsift::Diagnostics;
using avcsift::te::AccessKey;
using avcsift::te::read_te_module;
using avcsift::te::RuleKind;
using avcsift::te::TeModule;

namespace {

struct Read {
  TeModule module;
  std::string err;
};

Read read(const std::string& text) {
  Read result;
  std::ostringstream err;
  {
    Diagnostics diagnostics(err);
    read_te_module(text, "plone.te", result.module, diagnostics);
  }
  result.err = err.str();
  return result;
}

}  // namespace

TEST_CASE("allow rules with sets grant every source, target, class and permission") {
  const auto r = read("module plone 1.0;\nrequire {\n\ttype etc_t;\n\tclass file { read getattr };\n}\n"
                      "allow plone_t { etc_t usr_t }:{ file lnk_file } { read getattr };\n");
  CHECK(r.err.empty());
  CHECK(r.module.grants(RuleKind::Allow, {"plone_t", "etc_t", "file"}, "read"));
  CHECK(r.module.grants(RuleKind::Allow, {"plone_t", "usr_t", "lnk_file"}, "getattr"));
  CHECK_FALSE(r.module.grants(RuleKind::Allow, {"plone_t", "etc_t", "file"}, "write"));
  CHECK_FALSE(r.module.grants(RuleKind::DontAudit, {"plone_t", "etc_t", "file"}, "read"));
}

TEST_CASE("self is the source type and * is every permission") {
  const auto r = read("allow plone_t self:capability { setuid setgid };\nallow plone_t tmp_t:file *;\n");
  CHECK(r.module.grants(RuleKind::Allow, {"plone_t", "plone_t", "capability"}, "setuid"));
  CHECK(r.module.grants(RuleKind::Allow, {"plone_t", "tmp_t", "file"}, "unlink"));
}

TEST_CASE("dontaudit rules, rules in if blocks and role statements are read") {
  const auto r = read("bool ploneZEO false;\ndontaudit plone_t shadow_t:file read;\n"
                      "if (ploneZEO) {\n\tallow plone_t unreserved_port_t:tcp_socket name_connect;\n"
                      "} else {\n\tallow plone_t smtp_port_t:tcp_socket name_connect;\n}\n"
                      "role unconfined_r types { plone_t plone_maint_t };\n");
  CHECK(r.err.empty());
  CHECK(r.module.grants(RuleKind::DontAudit, {"plone_t", "shadow_t", "file"}, "read"));
  CHECK(r.module.grants(RuleKind::Allow, {"plone_t", "unreserved_port_t", "tcp_socket"}, "name_connect"));
  CHECK(r.module.grants(RuleKind::Allow, {"plone_t", "smtp_port_t", "tcp_socket"}, "name_connect"));
  CHECK(r.module.grants_role("unconfined_r", "plone_maint_t"));
}

TEST_CASE("an interface call is a warning with file and line, and the rest is still read") {
  const auto r = read("policy_module(plone, 1.0)\n\napache_read_config(plone_t)\n"
                      "allow plone_t etc_t:file read;\n");
  CHECK(r.err == "avcsift: warning: plone.te:3: interface call apache_read_config(plone_t) not "
                 "expanded; its permissions are not subtracted\n");
  CHECK(r.module.grants(RuleKind::Allow, {"plone_t", "etc_t", "file"}, "read"));
}

TEST_CASE("m4 gen_require and optional_policy bodies are read like require and optional blocks") {
  const auto r = read("gen_require(`\n\ttype etc_t;\n')\noptional_policy(`\n"
                      "\tallow plone_t etc_t:file read;\n\tlogging_send_syslog_msg(plone_t, `x')\n')\n");
  CHECK(r.module.grants(RuleKind::Allow, {"plone_t", "etc_t", "file"}, "read"));
  CHECK(r.err == "avcsift: warning: plone.te:6: interface call logging_send_syslog_msg(plone_t, x) not "
                 "expanded; its permissions are not subtracted\n");
}

TEST_CASE("a bad line is a warning with file and line, and the next rule is still read") {
  const auto r = read("allow plone_t etc_t file read;\n%%%\nallow plone_t { etc_t -usr_t }:file read;\n"
                      "allow plone_t usr_t:file getattr;\n");
  CHECK(r.err == "avcsift: warning: plone.te:1: expected ':' after the target types; rule not subtracted\n"
                 "avcsift: warning: plone.te:2: unexpected '%'; statement skipped\n"
                 "avcsift: warning: plone.te:3: cannot read the target types of this rule; it is not subtracted\n");
  CHECK(r.module.grants(RuleKind::Allow, {"plone_t", "usr_t", "file"}, "getattr"));
  CHECK_FALSE(r.module.grants(RuleKind::Allow, {"plone_t", "etc_t", "file"}, "read"));
}
