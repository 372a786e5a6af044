// End-to-end tests of `avcsift why`, and of `avcsift allow` with a policy:
// the built binary on small logs explained by the CIL test policy
// (testdata/policy/avcsift-test.cil, compiled by the build). Boolean
// descriptions come from --policy-xml, never from the machine's policy.xml.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "run_avcsift.hpp"

using avcsift::test::run_avcsift;
using avcsift::test::TempDir;

namespace {

const std::string kPolicy = AVCSIFT_TEST_POLICY;

/// One AVC record as the kernel logs it (without the newline).
std::string avc(const std::string& stamp, const std::string& perms, const std::string& scontext,
                const std::string& tcontext, const std::string& tclass, const std::string& comm = "python",
                const std::string& permissive = "0") {
  return "type=AVC msg=audit(" + stamp + "): avc:  denied  { " + perms + " } for  pid=812 comm=\"" + comm +
         "\" name=\"data.fs\" scontext=" + scontext + " tcontext=" + tcontext + " tclass=" + tclass +
         " permissive=" + permissive;
}

/// `why -p <CIL policy>` on `log`, without machine-dependent descriptions.
avcsift::test::RunResult why(const std::string& log, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"why", "-p", kPolicy, "--policy-xml", "/nonexistent"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_avcsift(args, log);
}

const std::string kPlone = "system_u:system_r:plone_t:s0";
const std::string kStaff = "staff_u:staff_r:staff_t:s0";

// One record for each reason the CIL test policy gives.
const std::string kMissingRuleAvc =
    avc("1764064800.100:500", "write", kPlone, "system_u:object_r:etc_t:s0", "file");
const std::string kAllowedAvc =
    avc("1764064801.100:501", "read", kPlone, "system_u:object_r:plone_rw_t:s0", "file");
const std::string kDontauditAvc =
    avc("1764064802.100:502", "read", kStaff, "system_u:object_r:shadow_t:s0", "file", "cat");
const std::string kBooleanAvc =
    avc("1764064803.100:503", "write", kPlone, "system_u:object_r:plone_rw_t:s0", "file");
const std::string kConstraintAvc =
    avc("1764064804.100:504", "read", kStaff, "user_u:object_r:user_tmp_t:s0", "file", "cat");
const std::string kUndefinedTypeAvc =
    avc("1764064805.100:505", "read", "system_u:system_r:vpnc_t:s0", "system_u:object_r:etc_t:s0", "file",
        "vpnc");

const std::string kMissingRule =
    "\n\tWas caused by:\n"
    "\t\tMissing type enforcement (TE) allow rule.\n\n"
    "\t\tYou can use audit2allow to generate a loadable module to allow this access.\n";

const std::string kMismatch =
    "\t\tPossible mismatch between this policy and the one under which the audit message was generated.\n\n"
    "\t\tPossible mismatch between current in-memory boolean settings vs. permanent ones.\n";

const std::string kPloneZeo =
    "\n\tWas caused by:\n"
    "\tThe boolean ploneZEO was set incorrectly. \n"
    "\tDescription:\n"
    "\tploneZEO\n\n"
    "\tAllow access by executing:\n"
    "\t# setsebool -P ploneZEO 1\n";

/// What `why` prints for one denial: the record, the explanation, a blank line.
std::string block(const std::string& record, const std::string& explanation) {
  return record + "\n" + explanation + "\n";
}

}  // namespace

// ---------------------------------------------------------------------------
// One reason each, in audit2why's words

TEST_CASE("why explains a missing TE rule as audit2why does") {
  const auto result = why(kMissingRuleAvc + "\n");
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out == block(kMissingRuleAvc, kMissingRule));
}

TEST_CASE("why explains an access the policy allows as a policy mismatch") {
  const auto result = why(kAllowedAvc + "\n");
  CHECK(result.status == 0);
  CHECK(result.out ==
        block(kAllowedAvc, "\n\tWas caused by:\n\t\tUnknown - would be allowed by active policy\n" + kMismatch));
}

TEST_CASE("why explains a dontaudit access as a policy mismatch") {
  const auto result = why(kDontauditAvc + "\n");
  CHECK(result.status == 0);
  CHECK(result.out ==
        block(kDontauditAvc, "\n\tWas caused by:\n\t\tUnknown - should be dontaudit'd by active policy\n" + kMismatch));
}

TEST_CASE("why names the boolean that allows the access with its setsebool command") {
  const auto result = why(kBooleanAvc + "\n");
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out == block(kBooleanAvc, kPloneZeo));
}

TEST_CASE("why describes a boolean from the policy.xml given with --policy-xml") {
  TempDir dir;
  const auto xml = dir.write("policy.xml",
                             "<policy>\n<bool name=\"ploneZEO\" dftval=\"false\">\n<desc>\n<p>\n"
                             "Allow Plone to write its data\nthrough the ZEO server.\n</p>\n</desc>\n</bool>\n"
                             "</policy>\n");
  const auto result =
      run_avcsift({"why", "-p", kPolicy, "--policy-xml", xml.string()}, kBooleanAvc + "\n");
  CHECK(result.status == 0);
  CHECK(result.out == block(kBooleanAvc,
                            "\n\tWas caused by:\n"
                            "\tThe boolean ploneZEO was set incorrectly. \n"
                            "\tDescription:\n"
                            "\tAllow Plone to write its data through the ZEO server.\n\n"
                            "\tAllow access by executing:\n"
                            "\t# setsebool -P ploneZEO 1\n"));
}

TEST_CASE("why lists each of several booleans that would allow the access") {
  const std::string record = avc("1764064812.000:702", "execute", kStaff,
                                 "system_u:object_r:script_exec_t:s0", "file", "sh");
  const auto result = why(record + "\n");
  CHECK(result.out == block(record,
                            "\n\tWas caused by:\n"
                            "\tOne of the following booleans was set incorrectly.\n"
                            "\tDescription:\n\tweb_builtin_scripting\n\n"
                            "\tAllow access by executing:\n\t# setsebool -P web_builtin_scripting 1\n"
                            "\tDescription:\n\tweb_enable_cgi\n\n"
                            "\tAllow access by executing:\n\t# setsebool -P web_enable_cgi 1\n"));
}

TEST_CASE("why names booleans that must change together in one setsebool command") {
  const std::string record = avc("1764064813.000:703", "name_connect", kStaff,
                                 "system_u:object_r:remote_port_t:s0", "tcp_socket", "curl");
  const auto result = why(record + "\n");
  CHECK(result.out == block(record,
                            "\n\tWas caused by:\n"
                            "\tThese booleans were set incorrectly and must be changed together.\n"
                            "\tDescription:\n\tnet_enabled\n"
                            "\tDescription:\n\tnet_external\n\n"
                            "\tAllow access by executing:\n\t# setsebool -P net_enabled 1 net_external 1\n"));
}

TEST_CASE("why shows the failing constraint and what differs") {
  const auto result = why(kConstraintAvc + "\n");
  CHECK(result.status == 0);
  CHECK(result.out ==
        block(kConstraintAvc,
              "\n\tWas caused by:\n"
              "\n#Constraint rule:\n"
              "\n#\tconstrain file { read write append } ((u1 == u2 -Fail-)  or (u1 == system_u -Fail-)  or "
              "(t1 != ubac_constrained_type -Fail-)  or (t2 != ubac_constrained_type -Fail-) ); "
              "Constraint DENIED\n"
              "\n#\tPossible cause is the source user (staff_u) and target user (user_u) are different.\n"));
}

TEST_CASE("why says which type the policy does not define") {
  const auto result = why(kUndefinedTypeAvc + "\n");
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out == block(kUndefinedTypeAvc,
                            "\n\tWas caused by:\n"
                            "\t\ttype vpnc_t is not defined in the policy.\n"
                            "\n\t\tThe log and the policy differ: the denial was logged under another policy.\n"));
}

TEST_CASE("why names a context the policy rejects and keeps the TE reason as a further cause") {
  const std::string record = avc("1764064806.100:506", "write", "user_u:staff_r:staff_t:s0",
                                 "system_u:object_r:etc_t:s0", "file", "sh");
  const auto result = why(record + "\n");
  CHECK(result.out == block(record,
                            "\n\tWas caused by:\n"
                            "\t\tsource context user_u:staff_r:staff_t:s0 is not defined in the policy.\n"
                            "\t\t(source context: user user_u is not authorized for role staff_r)\n"
                            "\n\t\tThe log and the policy differ: the denial was logged under another policy.\n"
                            "\n\tavcsift: further causes after the first: TERULE\n"));
}

TEST_CASE("why lists a constraint hidden behind a missing TE rule as a further cause") {
  const std::string record = avc("1764064811.000:701", "append", kStaff, "user_u:object_r:user_tmp_t:s0",
                                 "file", "cat");
  const auto result = why(record + "\n");
  CHECK(result.out == block(record, kMissingRule + "\n\tavcsift: further causes after the first: CONSTRAINT\n"));
}

TEST_CASE("why notes a permissive domain and a denial logged in permissive mode") {
  const std::string record = avc("1764064810.000:700", "write", "system_u:system_r:permissive_t:s0",
                                 "system_u:object_r:etc_t:s0", "file", "tool", "1");
  const auto result = why(record + "\n");
  CHECK(result.out ==
        block(record, kMissingRule +
                          "\n\tavcsift: the source domain is permissive in this policy; the access was not blocked.\n"
                          "\n\tavcsift: logged in permissive mode (permissive=1): the access was not blocked.\n"));
}

TEST_CASE("why explains every denial of a log in order, repeated ones each time") {
  // A later event (another serial) with the same access as the first.
  const std::string again = avc("1764064900.250:600", "write", kPlone, "system_u:object_r:etc_t:s0", "file");
  const auto result = why(kMissingRuleAvc + "\n" + kBooleanAvc + "\n" + again + "\n");
  CHECK(result.status == 0);
  CHECK(result.out ==
        block(kMissingRuleAvc, kMissingRule) + block(kBooleanAvc, kPloneZeo) + block(again, kMissingRule));
}

TEST_CASE("why without a policy says that no policy could explain the denial") {
  const auto result = run_avcsift({"why", "--no-policy"}, kMissingRuleAvc + "\n");
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out == block(kMissingRuleAvc,
                            "\n\tWas caused by:\n"
                            "\t\tUnknown - no policy was available to explain this denial.\n"));
}

// ---------------------------------------------------------------------------
// --unique and --format json

TEST_CASE("why --unique prints each distinct denial once with its count and times") {
  const std::string again = avc("1764064900.250:600", "write", kPlone, "system_u:object_r:etc_t:s0", "file");
  const std::string between = avc("1764064850.000:550", "write", kPlone, "system_u:object_r:etc_t:s0", "file");
  const std::string earlier =
      avc("1764064700.000:400", "write", kPlone, "system_u:object_r:plone_rw_t:s0", "file");
  const auto result = why(kMissingRuleAvc + "\n" + kBooleanAvc + "\n" + again + "\n" + earlier + "\n" +
                              between + "\n",
                          {"--unique"});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out ==
        kMissingRuleAvc + "\n" + kMissingRule +
            "\n\tavcsift: seen 3 times, first 2025-11-25T10:00:00.100Z, last 2025-11-25T10:01:40.250Z\n\n" +
            kBooleanAvc + "\n" + kPloneZeo +
            "\n\tavcsift: seen 2 times, first 2025-11-25T09:58:20.000Z, last 2025-11-25T10:00:03.100Z\n\n");
}

TEST_CASE("why --unique keeps denials that differ only in their levels apart") {
  const std::string low = avc("1764064800.000:1", "write", kPlone, "system_u:object_r:etc_t:s0", "file");
  const std::string high = avc("1764064801.000:2", "write", kPlone, "system_u:object_r:etc_t:s1", "file");
  const std::string low_again = avc("1764064802.000:3", "write", kPlone, "system_u:object_r:etc_t:s0", "file");
  const auto result = why(low + "\n" + high + "\n" + low_again + "\n", {"-u"});
  CHECK(result.out ==
        low + "\n" + kMissingRule +
            "\n\tavcsift: seen 2 times, first 2025-11-25T10:00:00.000Z, last 2025-11-25T10:00:02.000Z\n\n" +
            high + "\n" + kMissingRule +
            "\n\tavcsift: seen 1 time, first 2025-11-25T10:00:01.000Z, last 2025-11-25T10:00:01.000Z\n\n");
}

TEST_CASE("why --format json has a summary and each distinct denial with its reason, fixes and count") {
  const auto result = why(kMissingRuleAvc + "\n" + kBooleanAvc + "\n" + kUndefinedTypeAvc + "\n" +
                              kBooleanAvc + "\n",
                          {"--format", "json"});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  const auto document = nlohmann::json::parse(result.out);
  CHECK(document["summary"]["policy"] == kPolicy + " (policy version 33, MLS)");
  CHECK(document["summary"]["denials"] == 4);
  CHECK(document["summary"]["distinct_denials"] == 3);
  const auto& denials = document["denials"];
  REQUIRE(denials.size() == 3);

  // Sorted by scontext, tcontext, class, permissions.
  CHECK(denials[0]["tcontext"] == "system_u:object_r:etc_t:s0");
  CHECK(denials[0]["reason"] == "TERULE");
  CHECK(denials[0]["boolean_fixes"] == nlohmann::json::array());
  CHECK(denials[0]["count"] == 1);
  CHECK(denials[0]["record"] == kMissingRuleAvc);

  CHECK(denials[1]["scontext"] == kPlone);
  CHECK(denials[1]["tcontext"] == "system_u:object_r:plone_rw_t:s0");
  CHECK(denials[1]["source_type"] == "plone_t");
  CHECK(denials[1]["target_type"] == "plone_rw_t");
  CHECK(denials[1]["class"] == "file");
  CHECK(denials[1]["permissions"] == nlohmann::json::array({"write"}));
  CHECK(denials[1]["reason"] == "BOOLEAN");
  CHECK(denials[1]["boolean_fixes"] ==
        nlohmann::json::parse(R"([{"settings": [{"name": "ploneZEO", "value": true}],
                                   "command": "setsebool -P ploneZEO 1"}])"));
  CHECK(denials[1]["count"] == 2);
  CHECK(denials[1]["first_seen"] == "2025-11-25T10:00:03.100Z");
  CHECK(denials[1]["paths"] == nlohmann::json::array({"data.fs"}));
  CHECK(denials[1]["commands"] == nlohmann::json::array({"python"}));

  CHECK(denials[2]["scontext"] == "system_u:system_r:vpnc_t:s0");
  CHECK(denials[2]["reason"] == "NOTINPOLICY");
  CHECK(denials[2]["undefined_names"] == nlohmann::json::array({"type vpnc_t"}));
  CHECK(denials[2]["boolean_fixes"] == nlohmann::json::array());
  CHECK(denials[2]["count"] == 1);
}

// ---------------------------------------------------------------------------
// Errors

TEST_CASE("why -p with a missing policy file is an error naming it") {
  const auto result = run_avcsift({"why", "-p", "/nonexistent"}, kMissingRuleAvc + "\n");
  CHECK(result.status == 1);
  CHECK(result.out.empty());
  CHECK(result.err == "avcsift: error: cannot read policy /nonexistent: No such file or directory\n");
}

TEST_CASE("why -p with --no-policy is a usage error") {
  const auto result = run_avcsift({"why", "-p", kPolicy, "--no-policy"}, kMissingRuleAvc + "\n");
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "avcsift: error: -p and --no-policy cannot be used together\n");
}

TEST_CASE("why --format with an unknown format is a usage error") {
  const auto result = run_avcsift({"why", "--no-policy", "--format", "xml"}, kMissingRuleAvc + "\n");
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "avcsift: error: unknown format 'xml' (use text or json)\n");
}

// ---------------------------------------------------------------------------
// allow -p: audit2allow's comments above the rules

TEST_CASE("allow -p marks each rule with what the policy says about it") {
  const auto result = run_avcsift({"allow", "-p", kPolicy},
                                  kMissingRuleAvc + "\n" + kAllowedAvc + "\n" + kBooleanAvc + "\n" +
                                      kDontauditAvc + "\n");
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out ==
        "\nrequire {\n"
        "\ttype etc_t;\n"
        "\ttype plone_rw_t;\n"
        "\ttype plone_t;\n"
        "\ttype shadow_t;\n"
        "\ttype staff_t;\n"
        "\tclass file { read write };\n"
        "}\n"
        "\n#============= plone_t ==============\n"
        "allow plone_t etc_t:file write;\n"
        "\n#!!!! This avc is allowed in the current policy\n"
        "allow plone_t plone_rw_t:file read;\n"
        "\n#!!!! This avc can be allowed using the boolean 'ploneZEO'\n"
        "#     setsebool -P ploneZEO 1\n"
        "allow plone_t plone_rw_t:file write;\n"
        "\n#============= staff_t ==============\n"
        "\n#!!!! This avc has a dontaudit rule in the current policy\n"
        "allow staff_t shadow_t:file read;\n");
}

TEST_CASE("allow -p keeps a rule naming a type the policy lacks live, with a note") {
  const auto result = run_avcsift({"allow", "-p", kPolicy}, kMissingRuleAvc + "\n" + kUndefinedTypeAvc + "\n");
  CHECK(result.status == 0);
  CHECK(result.out ==
        "\nrequire {\n"
        "\ttype etc_t;\n"
        "\ttype plone_t;\n"
        "\ttype vpnc_t;\n"
        "\tclass file { read write };\n"
        "}\n"
        "\n#============= plone_t ==============\n"
        "allow plone_t etc_t:file write;\n"
        "\n#============= vpnc_t ==============\n"
        "\n#!!!! The loaded policy does not define type vpnc_t; this rule installs together with the "
        "module that declares it\n"
        "allow vpnc_t etc_t:file read;\n");
  CHECK(result.err ==
        "avcsift: info: the rules name types the loaded policy does not define (vpnc_t); they install "
        "together with the module that declares them (--app-module FILE.te names it)\n");
}

TEST_CASE("allow -p with a missing policy file is an error naming it") {
  const auto result = run_avcsift({"allow", "-p", "/nonexistent"}, kMissingRuleAvc + "\n");
  CHECK(result.status == 1);
  CHECK(result.out.empty());
  CHECK(result.err == "avcsift: error: cannot read policy /nonexistent: No such file or directory\n");
}

TEST_CASE("why prints an ENRICHED record's text up to the 0x1D byte, without auditd's resolved names") {
  const auto log = avcsift::test::read_file(avcsift::test::testdata("audit-logs/enriched-node.log"));
  const auto text = why(log);
  CHECK(text.status == 0);
  CHECK(text.out.find("terminal=?'\n") != std::string::npos);
  CHECK(text.out.find("AUID=\"unset\"") == std::string::npos);
  CHECK(text.out.find("\\x1d") == std::string::npos);
  const auto json = why(log, {"--format", "json"});
  CHECK(json.out.find("terminal=?'\"") != std::string::npos);
  CHECK(json.out.find("SAUID") == std::string::npos);
  CHECK(json.out.find("u001d") == std::string::npos);
}
