// The words for each verdict: audit2allow's comments above a rule and
// audit2why's `Was caused by:` block, byte for byte.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "avcsift/emit/reason_text.hpp"

using avcsift::BooleanSetting;
using avcsift::Reason;
using avcsift::Verdict;
using avcsift::emit::BooleanDescriber;
using avcsift::emit::setsebool_command;
using avcsift::emit::te_reason_comments;
using avcsift::emit::write_why_explanation;

namespace {

using Lines = std::vector<std::string>;

Verdict verdict(Reason reason) {
  Verdict v;
  v.reason = reason;
  return v;
}

Verdict boolean_verdict(std::vector<std::vector<BooleanSetting>> fixes) {
  Verdict v = verdict(Reason::Boolean);
  v.boolean_fixes = std::move(fixes);
  return v;
}

/// One way to allow: `name` set to `value`.
std::vector<BooleanSetting> just(std::string name, bool value = true) {
  return {BooleanSetting{std::move(name), value}};
}

Verdict constraint_verdict() {
  Verdict v = verdict(Reason::Constraint);
  v.constraints = {"constrain file { read } ((u1 == u2 -Fail-) ); Constraint DENIED"};
  v.cause = "the source user (staff_u) and target user (user_u) are different";
  return v;
}

Verdict not_in_policy_verdict() {
  Verdict v = verdict(Reason::NotInPolicy);
  v.undefined_names = {"type vpnc_t", "class bluetooth"};
  v.cause = "source context: user user_u is not authorized for role system_r";
  return v;
}

/// The describer of a policy.xml that knows two booleans.
std::string describe(const std::string& name) {
  if (name == "ploneZEO") return "Allow Plone to write its data through the ZEO server.";
  if (name == "web_enable_cgi") return "Determine whether web servers can run CGI scripts.";
  return "";
}

std::string why(const Verdict& v, const BooleanDescriber& describer = describe) {
  std::ostringstream out;
  write_why_explanation(out, v, describer);
  return out.str();
}

const std::string kMismatch =
    "\t\tPossible mismatch between this policy and the one under which the audit message was generated.\n\n"
    "\t\tPossible mismatch between current in-memory boolean settings vs. permanent ones.\n";

}  // namespace

// ---------------------------------------------------------------------------
// setsebool_command

TEST_CASE("setsebool_command turns one boolean on or off") {
  CHECK(setsebool_command(just("ploneZEO")) == "setsebool -P ploneZEO 1");
  CHECK(setsebool_command(just("lockdown", false)) == "setsebool -P lockdown 0");
}

TEST_CASE("setsebool_command sets a combination in one command") {
  CHECK(setsebool_command({{"net_enabled", true}, {"lockdown", false}}) ==
        "setsebool -P net_enabled 1 lockdown 0");
}

// ---------------------------------------------------------------------------
// te_reason_comments

TEST_CASE("a missing TE rule or an unknown reason has no comment above the rule") {
  CHECK(te_reason_comments(verdict(Reason::MissingTeRule)).empty());
  CHECK(te_reason_comments(verdict(Reason::Unknown)).empty());
}

TEST_CASE("an allowed access is marked as allowed in the current policy") {
  CHECK(te_reason_comments(verdict(Reason::Allowed)) ==
        Lines{"!!!! This avc is allowed in the current policy"});
}

TEST_CASE("a dontaudit access is marked as having a dontaudit rule") {
  CHECK(te_reason_comments(verdict(Reason::DontAudit)) ==
        Lines{"!!!! This avc has a dontaudit rule in the current policy"});
}

TEST_CASE("a single boolean is named with its setsebool command") {
  CHECK(te_reason_comments(boolean_verdict({just("ploneZEO")})) ==
        Lines{"!!!! This avc can be allowed using the boolean 'ploneZEO'",
              "     setsebool -P ploneZEO 1"});
}

TEST_CASE("several single booleans are listed as audit2allow lists them, each with its command") {
  CHECK(te_reason_comments(boolean_verdict({just("web_builtin_scripting"), just("web_enable_cgi")})) ==
        Lines{"!!!! This avc can be allowed using one of the these booleans:",
              "     web_builtin_scripting, web_enable_cgi",
              "     setsebool -P web_builtin_scripting 1",
              "     setsebool -P web_enable_cgi 1"});
}

TEST_CASE("booleans that must change together are named as a combination") {
  CHECK(te_reason_comments(boolean_verdict({{{"net_enabled", true}, {"net_external", true}}})) ==
        Lines{"!!!! This avc can be allowed using all of these booleans:",
              "     net_enabled, net_external",
              "     setsebool -P net_enabled 1 net_external 1"});
}

TEST_CASE("a boolean to turn off gets a setsebool command with 0") {
  CHECK(te_reason_comments(boolean_verdict({just("lockdown", false)})) ==
        Lines{"!!!! This avc can be allowed using the boolean 'lockdown'",
              "     setsebool -P lockdown 0"});
}

TEST_CASE("a constraint violation shows the constraint and the possible cause") {
  CHECK(te_reason_comments(constraint_verdict()) ==
        Lines{"!!!! This avc is a constraint violation.  You would need to modify the attributes of "
              "either the source or target types to allow this access.",
              "Constraint rule: ",
              "\tconstrain file { read } ((u1 == u2 -Fail-) ); Constraint DENIED",
              "\tPossible cause is the source user (staff_u) and target user (user_u) are different."});
}

TEST_CASE("a constraint violation without a cause has no cause line") {
  Verdict v = constraint_verdict();
  v.cause.clear();
  CHECK(te_reason_comments(v).size() == 3);
  CHECK(te_reason_comments(v).back() == "\tconstrain file { read } ((u1 == u2 -Fail-) ); Constraint DENIED");
}

TEST_CASE("an RBAC violation is marked with its cause") {
  Verdict v = verdict(Reason::Rbac);
  v.cause = "no role allow rule lets role staff_r change to role system_r";
  CHECK(te_reason_comments(v) ==
        Lines{"!!!! This avc is a role-based access control violation: a role allow rule is missing "
              "or the role may not have this type.",
              "     no role allow rule lets role staff_r change to role system_r"});
}

TEST_CASE("a typebounds violation is marked with its cause") {
  Verdict v = verdict(Reason::Bounds);
  v.cause = "bounded_child_t exceeds its typebounds parent bounded_parent_t: write";
  CHECK(te_reason_comments(v) ==
        Lines{"!!!! This avc is a typebounds violation: the bounding type does not allow it.",
              "     bounded_child_t exceeds its typebounds parent bounded_parent_t: write"});
}

TEST_CASE("names the policy lacks are listed one a line with the cause") {
  CHECK(te_reason_comments(not_in_policy_verdict()) ==
        Lines{"!!!! This avc names what the current policy lacks; the log comes from another policy:",
              "     type vpnc_t is not defined in the policy",
              "     class bluetooth is not defined in the policy",
              "     (source context: user user_u is not authorized for role system_r)"});
}

// ---------------------------------------------------------------------------
// write_why_explanation

TEST_CASE("why says so when no policy was available") {
  CHECK(why(verdict(Reason::Unknown)) ==
        "\n\tWas caused by:\n"
        "\t\tUnknown - no policy was available to explain this denial.\n");
}

TEST_CASE("why explains an allowed access as audit2why does") {
  CHECK(why(verdict(Reason::Allowed)) ==
        "\n\tWas caused by:\n\t\tUnknown - would be allowed by active policy\n" + kMismatch);
}

TEST_CASE("why explains a dontaudit access as audit2why does") {
  CHECK(why(verdict(Reason::DontAudit)) ==
        "\n\tWas caused by:\n\t\tUnknown - should be dontaudit'd by active policy\n" + kMismatch);
}

TEST_CASE("why explains a missing TE rule as audit2why does") {
  CHECK(why(verdict(Reason::MissingTeRule)) ==
        "\n\tWas caused by:\n"
        "\t\tMissing type enforcement (TE) allow rule.\n\n"
        "\t\tYou can use audit2allow to generate a loadable module to allow this access.\n");
}

TEST_CASE("why explains a single boolean with its description and command") {
  CHECK(why(boolean_verdict({just("ploneZEO")})) ==
        "\n\tWas caused by:\n"
        "\tThe boolean ploneZEO was set incorrectly. \n"
        "\tDescription:\n"
        "\tAllow Plone to write its data through the ZEO server.\n\n"
        "\tAllow access by executing:\n"
        "\t# setsebool -P ploneZEO 1\n");
}

TEST_CASE("why names a boolean without a description by its name") {
  CHECK(why(boolean_verdict({just("staff_read_secrets")})) ==
        "\n\tWas caused by:\n"
        "\tThe boolean staff_read_secrets was set incorrectly. \n"
        "\tDescription:\n"
        "\tstaff_read_secrets\n\n"
        "\tAllow access by executing:\n"
        "\t# setsebool -P staff_read_secrets 1\n");
  CHECK(why(boolean_verdict({just("ploneZEO")}), nullptr) ==
        "\n\tWas caused by:\n"
        "\tThe boolean ploneZEO was set incorrectly. \n"
        "\tDescription:\n"
        "\tploneZEO\n\n"
        "\tAllow access by executing:\n"
        "\t# setsebool -P ploneZEO 1\n");
}

TEST_CASE("why lists several single booleans as one of the following") {
  CHECK(why(boolean_verdict({just("web_builtin_scripting"), just("web_enable_cgi")})) ==
        "\n\tWas caused by:\n"
        "\tOne of the following booleans was set incorrectly.\n"
        "\tDescription:\n"
        "\tweb_builtin_scripting\n\n"
        "\tAllow access by executing:\n"
        "\t# setsebool -P web_builtin_scripting 1\n"
        "\tDescription:\n"
        "\tDetermine whether web servers can run CGI scripts.\n\n"
        "\tAllow access by executing:\n"
        "\t# setsebool -P web_enable_cgi 1\n");
}

TEST_CASE("why explains booleans that must change together with one command") {
  CHECK(why(boolean_verdict({{{"net_enabled", true}, {"net_external", true}}})) ==
        "\n\tWas caused by:\n"
        "\tThese booleans were set incorrectly and must be changed together.\n"
        "\tDescription:\n"
        "\tnet_enabled\n"
        "\tDescription:\n"
        "\tnet_external\n\n"
        "\tAllow access by executing:\n"
        "\t# setsebool -P net_enabled 1 net_external 1\n");
}

TEST_CASE("why shows a constraint violation as audit2why does") {
  CHECK(why(constraint_verdict()) ==
        "\n\tWas caused by:\n"
        "\n#Constraint rule:\n"
        "\n#\tconstrain file { read } ((u1 == u2 -Fail-) ); Constraint DENIED\n"
        "\n#\tPossible cause is the source user (staff_u) and target user (user_u) are different.\n");
}

TEST_CASE("why explains an RBAC violation with its cause") {
  Verdict v = verdict(Reason::Rbac);
  v.cause = "no role allow rule lets role staff_r change to role system_r";
  CHECK(why(v) ==
        "\n\tWas caused by:\n"
        "\t\tMissing role allow rule.\n\n"
        "\t\tAdd an allow rule for the role pair.\n"
        "\t\t(no role allow rule lets role staff_r change to role system_r)\n");
}

TEST_CASE("why explains a typebounds violation with its cause") {
  Verdict v = verdict(Reason::Bounds);
  v.cause = "bounded_child_t exceeds its typebounds parent bounded_parent_t: write";
  CHECK(why(v) ==
        "\n\tWas caused by:\n"
        "\t\tTypebounds violation.\n\n"
        "\t\tAdd an allow rule for the parent type.\n"
        "\t\t(bounded_child_t exceeds its typebounds parent bounded_parent_t: write)\n");
}

TEST_CASE("why lists the names the policy lacks, the cause and the mismatch") {
  CHECK(why(not_in_policy_verdict()) ==
        "\n\tWas caused by:\n"
        "\t\ttype vpnc_t is not defined in the policy.\n"
        "\t\tclass bluetooth is not defined in the policy.\n"
        "\t\t(source context: user user_u is not authorized for role system_r)\n"
        "\n\t\tThe log and the policy differ: the denial was logged under another policy.\n");
}

TEST_CASE("why lists the further causes by their upper-case names") {
  Verdict v = verdict(Reason::MissingTeRule);
  v.other_reasons = {Reason::Constraint, Reason::Bounds};
  CHECK(why(v) ==
        "\n\tWas caused by:\n"
        "\t\tMissing type enforcement (TE) allow rule.\n\n"
        "\t\tYou can use audit2allow to generate a loadable module to allow this access.\n"
        "\n\tavcsift: further causes after the first: CONSTRAINT BOUNDS\n");
}

TEST_CASE("why notes a permissive source domain after the further causes") {
  Verdict v = verdict(Reason::MissingTeRule);
  v.other_reasons = {Reason::Rbac};
  v.permissive_domain = true;
  CHECK(why(v) ==
        "\n\tWas caused by:\n"
        "\t\tMissing type enforcement (TE) allow rule.\n\n"
        "\t\tYou can use audit2allow to generate a loadable module to allow this access.\n"
        "\n\tavcsift: further causes after the first: RBAC\n"
        "\n\tavcsift: the source domain is permissive in this policy; the access was not blocked.\n");
}
