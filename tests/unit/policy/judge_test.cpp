// judge() against the CIL test policy: one reason per test, the access named
// after the part of testdata/policy/avcsift-test.cil that shows it.
#include "policy_test_support.hpp"

namespace avcsift::policy::test {

TEST_CASE("An access the policy allows is Allowed") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(
      access(kStaff, "staff_u:object_r:user_home_t:s0", "file", {"read", "write", "open"}));
  CHECK(v.reason == Reason::Allowed);
  CHECK(v.other_reasons.empty());
  CHECK(v.undefined_names.empty());
  CHECK_FALSE(v.permissive_domain);
}

TEST_CASE("An access only a dontaudit rule covers is DontAudit") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:object_r:shadow_t:s0", "file", {"read"}));
  CHECK(v.reason == Reason::DontAudit);
  CHECK(v.boolean_fixes.empty());
}

TEST_CASE("An access without an allow rule is MissingTeRule") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:object_r:etc_t:s0", "file", {"read", "write"}));
  CHECK(v.reason == Reason::MissingTeRule);
  CHECK(v.other_reasons.empty());
  CHECK(v.boolean_fixes.empty());
}

TEST_CASE("A permissive source domain is flagged") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(access("system_u:system_r:permissive_t:s0",
                                         "system_u:object_r:etc_t:s0", "file", {"write"}));
  CHECK(v.reason == Reason::MissingTeRule);
  CHECK(v.permissive_domain);
}

TEST_CASE("An undefined type is NotInPolicy and named once") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(access("system_u:system_r:vpnc_t:s0",
                                         "system_u:system_r:vpnc_t:s0", "file", {"read"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.undefined_names == std::vector<std::string>{"type vpnc_t"});
}

TEST_CASE("An attribute in a context is not a type") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(
      access(kStaff, "system_u:object_r:port_type:s0", "tcp_socket", {"name_bind"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.undefined_names == std::vector<std::string>{"type port_type"});
}

TEST_CASE("An undefined class is NotInPolicy") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:object_r:etc_t:s0", "foo", {"bar", "read"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.undefined_names == std::vector<std::string>{"class foo"});
}

TEST_CASE("An undefined permission is NotInPolicy and names its class") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:object_r:etc_t:s0", "file", {"bar", "read"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.undefined_names == std::vector<std::string>{"permission bar of class file"});
}

TEST_CASE("An unknown user does not hide a missing allow rule") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(
      access("nobody_u:staff_r:staff_t:s0", "system_u:object_r:etc_t:s0", "file", {"write"}));
  CHECK(v.reason == Reason::MissingTeRule);
  CHECK(v.undefined_names == std::vector<std::string>{"user nobody_u"});
}

TEST_CASE("An unknown user makes an allowed access NotInPolicy when constraints look at users") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(
      access("nobody_u:staff_r:staff_t:s0", "system_u:object_r:etc_t:s0", "file", {"read"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.undefined_names == std::vector<std::string>{"user nobody_u"});
}

TEST_CASE("An unknown role or level does not matter to a class without constraints") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(access("staff_u:nobody_r:staff_t:s7",
                                         "system_u:object_r:http_port_t:s0", "tcp_socket",
                                         {"name_bind"}));
  CHECK(v.reason == Reason::Allowed);
  CHECK(v.undefined_names == std::vector<std::string>{"role nobody_r", "sensitivity s7"});
}

TEST_CASE("Undefined categories and missing levels are named") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(access("staff_u:staff_r:staff_t:s0-s1:c0.c9",
                                         "system_u:object_r:http_port_t", "tcp_socket",
                                         {"name_bind"}));
  CHECK(v.reason == Reason::Allowed);
  CHECK(v.undefined_names == std::vector<std::string>{"category c9", "level \"\""});
}

TEST_CASE("A context whose role may not hold the type is a context problem, not a judge() reason") {
  auto policy = load_test_policy();
  const SecurityContext context{"staff_u", "staff_r", "daemon_t", "s0"};
  CHECK(policy->context_problem(context) == "role staff_r is not authorized for type daemon_t");
  const Verdict v = policy->judge(access("staff_u:staff_r:daemon_t:s0",
                                         "system_u:object_r:etc_t:s0", "file", {"read"}));
  CHECK(v.reason != Reason::Rbac);
}

TEST_CASE("A context whose user may not hold the role is a context problem") {
  auto policy = load_test_policy();
  CHECK(policy->context_problem({"user_u", "staff_r", "staff_t", "s0"}) ==
        "user user_u is not authorized for role staff_r");
}

TEST_CASE("A valid context has no context problem") {
  auto policy = load_test_policy();
  CHECK(policy->context_problem({"staff_u", "staff_r", "staff_t", "s0"}).empty());
  CHECK(policy->context_problem({"system_u", "object_r", "etc_t", "s0"}).empty());
}

TEST_CASE("A context with an undefined user is a context problem naming it") {
  auto policy = load_test_policy();
  CHECK(policy->context_problem({"nobody_u", "object_r", "etc_t", "s0"}) ==
        "user nobody_u is not defined");
}

TEST_CASE("A role change without role allow is Rbac") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(
      access(kStaff, "system_u:system_r:daemon_t:s0", "process", {"transition"}));
  CHECK(v.reason == Reason::Rbac);
  CHECK(v.other_reasons.empty());
  CHECK(v.cause == "no role allow rule lets role staff_r change to role system_r");
}

TEST_CASE("A role change with role allow is Allowed") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(
      access(kStaff, "staff_u:sysadm_r:sysadm_t:s0", "process", {"transition"}));
  CHECK(v.reason == Reason::Allowed);
}

TEST_CASE("A role change with no TE rule either is MissingTeRule, then Rbac") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:system_r:plone_t:s0", "process", {"transition"}));
  CHECK(v.reason == Reason::MissingTeRule);
  CHECK(v.other_reasons == std::vector<Reason>{Reason::Rbac});
  CHECK(v.cause == "no role allow rule lets role staff_r change to role system_r");
}

TEST_CASE("A typebounds child allowed more than its parent is Bounds") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(access("system_u:system_r:bounded_child_t:s0",
                                         "system_u:object_r:data_t:s0", "file", {"write"}));
  CHECK(v.reason == Reason::Bounds);
  CHECK(v.cause == "bounded_child_t exceeds its typebounds parent bounded_parent_t: write");
}

TEST_CASE("A bounds violation on a permission nobody asked for does not count") {
  // libsepol flags the child's write even when only read is asked for;
  // audit2why then says BOUNDS for an access the policy allows.
  auto policy = load_test_policy();
  const Verdict v = policy->judge(access("system_u:system_r:bounded_child_t:s0",
                                         "system_u:object_r:data_t:s0", "file", {"read"}));
  CHECK(v.reason == Reason::Allowed);
}

TEST_CASE("A typebounds grandparent's limits reach the grandchild") {
  // libsepol 3.4 dereferences a null pointer on this chain; we walk it ourselves.
  auto policy = load_test_policy();
  const Verdict leaf = policy->judge(access("system_u:system_r:chain_leaf_t:s0",
                                            "system_u:object_r:data_t:s0", "file",
                                            {"read", "write"}));
  CHECK(leaf.reason == Reason::Bounds);
  CHECK(leaf.cause == "chain_leaf_t exceeds its typebounds parent chain_mid_t: write");
  const Verdict mid = policy->judge(access("system_u:system_r:chain_mid_t:s0",
                                           "system_u:object_r:data_t:s0", "file", {"write"}));
  CHECK(mid.reason == Reason::Bounds);
  CHECK(mid.cause == "chain_mid_t exceeds its typebounds parent chain_top_t: write");
  const Verdict read = policy->judge(access("system_u:system_r:chain_leaf_t:s0",
                                            "system_u:object_r:data_t:s0", "file", {"read"}));
  CHECK(read.reason == Reason::Allowed);
}

TEST_CASE("Judging the same access twice gives the same verdict") {
  auto policy = load_test_policy();
  const auto query = access(kStaff, "user_u:object_r:user_tmp_t:s0", "file", {"append", "read"});
  const Verdict first = policy->judge(query);
  CHECK(policy->judge(query) == first);
}

}  // namespace avcsift::policy::test
