// Constraint verdicts: audit2why's text, the cause, and the constraints the
// TE check hides.
#include "policy_test_support.hpp"

namespace avcsift::policy::test {
namespace {

const std::string kUbacText =
    "constrain file { read write append } ((u1 == u2 -Fail-)  or (u1 == system_u -Fail-)  or "
    "(t1 != ubac_constrained_type -Fail-)  or (t2 != ubac_constrained_type -Fail-) ); "
    "Constraint DENIED";

}  // namespace

TEST_CASE("A user constraint gives audit2why's text and says the users differ") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(
      access(kStaff, "user_u:object_r:user_tmp_t:s0", "file", {"read", "write"}));
  CHECK(v.reason == Reason::Constraint);
  CHECK(v.other_reasons.empty());
  CHECK(v.constraints == std::vector<std::string>{kUbacText});
  CHECK(v.cause == "the source user (staff_u) and target user (user_u) are different");
}

TEST_CASE("An MLS constraint says which level fails to dominate") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "staff_u:object_r:user_home_t:s1", "file", {"read"}));
  CHECK(v.reason == Reason::Constraint);
  CHECK(v.constraints ==
        std::vector<std::string>{"mlsconstrain file { read } ((l1 dom l2 -Fail-)  or "
                                 "(t1 == mlsfilereadup -Fail-) ); Constraint DENIED"});
  CHECK(v.cause == "the source low level (s0) does not dominate the target low level (s1)");
}

TEST_CASE("A failing constraint on permissions not asked for does not count") {
  // The UBAC constraint fails for read and write, but getattr is free of it.
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "user_u:object_r:user_tmp_t:s0", "file", {"getattr"}));
  CHECK(v.reason == Reason::Allowed);
  CHECK(v.constraints.empty());
}

TEST_CASE("A constraint hidden behind a missing allow rule comes second") {
  // No rule allows append; once one is added the UBAC constraint denies it.
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "user_u:object_r:user_tmp_t:s0", "file", {"append"}));
  CHECK(v.reason == Reason::MissingTeRule);
  CHECK(v.other_reasons == std::vector<Reason>{Reason::Constraint});
  CHECK(v.cause == "the source user (staff_u) and target user (user_u) are different");
}

TEST_CASE("Our text for a hidden constraint equals libsepol's for the same constraint") {
  auto policy = load_test_policy();
  const Verdict hidden =
      policy->judge(access(kStaff, "user_u:object_r:user_tmp_t:s0", "file", {"append"}));
  const Verdict shown =
      policy->judge(access(kStaff, "user_u:object_r:user_tmp_t:s0", "file", {"read"}));
  CHECK(hidden.constraints == shown.constraints);
}

TEST_CASE("The same user passes the user constraint") {
  auto policy = load_test_policy();
  const Verdict v = policy->judge(
      access(kStaff, "staff_u:object_r:user_tmp_t:s0", "file", {"read", "write"}));
  CHECK(v.reason == Reason::Allowed);
}

TEST_CASE("A constraint with not keeps libsepol's text and the cause of the failed part") {
  auto policy = load_test_policy();
  const Verdict v =
      policy->judge(access(kStaff, "system_u:object_r:etc_t:s0", "dir", {"add_name"}));
  CHECK(v.reason == Reason::Constraint);
  CHECK(v.constraints == std::vector<std::string>{
                             "constrain dir { add_name } ((u1 == u2 -Fail-)  or not(t1 == "
                             "staff_t) ); Constraint DENIED"});
  CHECK(v.cause == "the source user (staff_u) and target user (system_u) are different");
}

TEST_CASE("A type constraint names the type lists when no comparison failed") {
  // bounded_parent_t itself may not write data_t: only a name list fails.
  auto policy = load_test_policy();
  const Verdict v = policy->judge(access("system_u:system_r:bounded_parent_t:s0",
                                         "system_u:object_r:data_t:s0", "file", {"write"}));
  CHECK(v.reason == Reason::Constraint);
  CHECK(v.constraints == std::vector<std::string>{
                             "constrain file { write } ((t1 != bounded_parent_t -Fail-) ); "
                             "Constraint DENIED"});
  CHECK(v.cause == "the source type (bounded_parent_t) is one of: bounded_parent_t");
}

}  // namespace avcsift::policy::test
