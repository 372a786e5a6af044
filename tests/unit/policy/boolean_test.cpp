// Boolean verdicts: the fixes come from reading the conditional rules.
#include "policy_test_support.hpp"

namespace avcsift::policy::test {

TEST_CASE("An access one boolean allows names that boolean") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:object_r:secret_t:s0", "file", {"read", "open"}));
  CHECK(v.reason == Reason::Boolean);
  CHECK(v.boolean_fixes == std::vector<std::vector<BooleanSetting>>{just("staff_read_secrets")});
}

TEST_CASE("An access either of two booleans allows lists both as alternatives") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:object_r:script_exec_t:s0", "file", {"execute"}));
  CHECK(v.reason == Reason::Boolean);
  CHECK(v.boolean_fixes == std::vector<std::vector<BooleanSetting>>{
                               just("web_builtin_scripting"), just("web_enable_cgi")});
}

TEST_CASE("An access that needs two booleans of one expression lists them together") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(access(kStaff, "system_u:object_r:remote_port_t:s0",
                                         "tcp_socket", {"name_connect"}));
  CHECK(v.reason == Reason::Boolean);
  CHECK(v.boolean_fixes ==
        std::vector<std::vector<BooleanSetting>>{
            {BooleanSetting{"net_enabled", true}, BooleanSetting{"net_external", true}}});
}

TEST_CASE("An access that needs rules of two boolean blocks lists both booleans together") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:object_r:shared_t:s0", "file", {"read", "write"}));
  CHECK(v.reason == Reason::Boolean);
  CHECK(v.boolean_fixes ==
        std::vector<std::vector<BooleanSetting>>{
            {BooleanSetting{"share_read", true}, BooleanSetting{"share_write", true}}});
}

TEST_CASE("An access one block's boolean half allows is a missing rule, not a boolean") {
  // share_write gives write; nothing gives open, so no boolean can help.
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:object_r:shared_t:s0", "file", {"open", "write"}));
  CHECK(v.reason == Reason::MissingTeRule);
  CHECK(v.boolean_fixes.empty());
}

TEST_CASE("An access an else branch allows asks to turn the boolean off") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:object_r:log_t:s0", "file", {"append"}));
  CHECK(v.reason == Reason::Boolean);
  CHECK(v.boolean_fixes == std::vector<std::vector<BooleanSetting>>{just("lockdown", false)});
}

TEST_CASE("Plone writing its data needs ploneZEO") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(access("system_u:system_r:plone_t:s0",
                                         "system_u:object_r:plone_rw_t:s0", "file",
                                         {"append", "write"}));
  CHECK(v.reason == Reason::Boolean);
  CHECK(v.boolean_fixes == std::vector<std::vector<BooleanSetting>>{just("ploneZEO")});
}

TEST_CASE("Plone running plonectl is Allowed") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(access("system_u:system_r:plone_t:s0",
                                         "system_u:object_r:plonectl_exec_t:s0", "file",
                                         {"execute", "execute_no_trans"}));
  CHECK(v.reason == Reason::Allowed);
}

}  // namespace avcsift::policy::test
