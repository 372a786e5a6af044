// WhyEmitter and write_why_json: denials with their explanation, as text
// (streaming and --unique) and as JSON.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "avcsift/aggregate/denial_tally.hpp"
#include "avcsift/emit/why_emitter.hpp"

using avcsift::AuditStamp;
using avcsift::BooleanSetting;
using avcsift::Denial;
using avcsift::DenialTally;
using avcsift::Reason;
using avcsift::SecurityContext;
using avcsift::Verdict;
using avcsift::emit::WhyEmitter;
using avcsift::emit::write_why_json;

namespace {

const std::string kRecord =
    "type=AVC msg=audit(1764064800.100:500): avc:  denied  { write } for  pid=812 comm=\"python\" "
    "name=\"passwd\" scontext=system_u:system_r:plone_t:s0 tcontext=system_u:object_r:etc_t:s0 "
    "tclass=file permissive=0";

Denial plone_denial(std::string record = kRecord, AuditStamp stamp = {1764064800, 100, 500}) {
  Denial d;
  d.source = SecurityContext{"system_u", "system_r", "plone_t", "s0"};
  d.target = SecurityContext{"system_u", "object_r", "etc_t", "s0"};
  d.tclass = "file";
  d.permissions = {"write"};
  d.permissive = false;
  d.comm = "python";
  d.name = "passwd";
  d.stamp = stamp;
  d.record = std::move(record);
  return d;
}

Verdict verdict(Reason reason) {
  Verdict v;
  v.reason = reason;
  return v;
}

const std::string kMissingRule =
    "\n\tWas caused by:\n"
    "\t\tMissing type enforcement (TE) allow rule.\n\n"
    "\t\tYou can use audit2allow to generate a loadable module to allow this access.\n";

std::string no_description(const std::string&) { return ""; }

}  // namespace

TEST_CASE("a streamed denial is its record, the explanation and a blank line") {
  std::ostringstream out;
  WhyEmitter emitter(out, no_description);
  emitter.begin();
  emitter.add(plone_denial(), verdict(Reason::MissingTeRule));
  emitter.end();
  CHECK(out.str() == kRecord + "\n" + kMissingRule + "\n");
}

TEST_CASE("streamed denials are written in the order they come") {
  std::ostringstream out;
  WhyEmitter emitter(out, no_description);
  Denial second = plone_denial("type=AVC msg=audit(1764064801.000:501): second");
  emitter.add(plone_denial(), verdict(Reason::MissingTeRule));
  emitter.add(second, verdict(Reason::Unknown));
  CHECK(out.str() == kRecord + "\n" + kMissingRule + "\n" +
                         "type=AVC msg=audit(1764064801.000:501): second\n"
                         "\n\tWas caused by:\n"
                         "\t\tUnknown - no policy was available to explain this denial.\n\n");
}

TEST_CASE("a boolean explanation uses the describer") {
  std::ostringstream out;
  WhyEmitter emitter(out, [](const std::string& name) { return "Description of " + name + "."; });
  Verdict v = verdict(Reason::Boolean);
  v.boolean_fixes = {{BooleanSetting{"ploneZEO", true}}};
  emitter.add(plone_denial(), v);
  CHECK(out.str() == kRecord +
                         "\n"
                         "\n\tWas caused by:\n"
                         "\tThe boolean ploneZEO was set incorrectly. \n"
                         "\tDescription:\n"
                         "\tDescription of ploneZEO.\n\n"
                         "\tAllow access by executing:\n"
                         "\t# setsebool -P ploneZEO 1\n\n");
}

TEST_CASE("a denial logged in permissive mode is noted") {
  std::ostringstream out;
  WhyEmitter emitter(out, no_description);
  Denial d = plone_denial();
  d.permissive = true;
  emitter.add(d, verdict(Reason::MissingTeRule));
  CHECK(out.str() == kRecord + "\n" + kMissingRule +
                         "\n\tavcsift: logged in permissive mode (permissive=1): the access was not blocked.\n"
                         "\n");
}

TEST_CASE("control characters and backslashes in the record are escaped") {
  std::ostringstream out;
  WhyEmitter emitter(out, no_description);
  emitter.add(plone_denial("type=AVC comm=\"evil\x1b[2J\\\"\nallow x y:file read;\r\x7f\""),
              verdict(Reason::MissingTeRule));
  CHECK(out.str() == "type=AVC comm=\"evil\\x1b[2J\\x5c\"\\x0aallow x y:file read;\\x0d\\x7f\"\n" +
                         kMissingRule + "\n");
}

TEST_CASE("a distinct denial shows its count and its first and last time in UTC") {
  DenialTally tally;
  tally.add(plone_denial(kRecord, {1764064805, 7, 510}), verdict(Reason::MissingTeRule));
  tally.add(plone_denial("type=AVC later", {1764064900, 250, 600}), verdict(Reason::MissingTeRule));
  tally.add(plone_denial("type=AVC earlier", {1764064800, 100, 500}), verdict(Reason::MissingTeRule));
  REQUIRE(tally.denials().size() == 1);
  std::ostringstream out;
  WhyEmitter emitter(out, no_description);
  emitter.add(tally.denials().begin()->second);
  CHECK(out.str() == kRecord + "\n" + kMissingRule +
                         "\n\tavcsift: seen 3 times, first 2025-11-25T10:00:00.100Z, "
                         "last 2025-11-25T10:01:40.250Z\n\n");
}

TEST_CASE("a distinct denial seen once says one time") {
  DenialTally tally;
  Denial d = plone_denial();
  d.permissive = true;
  tally.add(d, verdict(Reason::MissingTeRule));
  std::ostringstream out;
  WhyEmitter emitter(out, no_description);
  emitter.add(tally.denials().begin()->second);
  CHECK(out.str() == kRecord + "\n" + kMissingRule +
                         "\n\tavcsift: logged in permissive mode (permissive=1): the access was not blocked.\n"
                         "\n\tavcsift: seen 1 time, first 2025-11-25T10:00:00.100Z, "
                         "last 2025-11-25T10:00:00.100Z\n\n");
}

TEST_CASE("the JSON document has a summary and one object per distinct denial with its verdict") {
  DenialTally tally;
  Verdict boolean = verdict(Reason::Boolean);
  boolean.boolean_fixes = {{BooleanSetting{"ploneZEO", true}}};
  boolean.other_reasons = {Reason::Constraint};
  boolean.constraints = {"constrain file { write } ((u1 == u2 -Fail-) ); Constraint DENIED"};
  boolean.cause = "the source user (system_u) and target user (user_u) are different";
  Denial first = plone_denial();
  first.path = "/etc/passwd";
  tally.add(first, boolean);
  tally.add(plone_denial(kRecord, {1764064860, 0, 501}), boolean);
  Denial other = plone_denial("type=AVC other");
  other.target.type = "vpnc_t";
  other.comm = "vpnc";
  Verdict missing = verdict(Reason::NotInPolicy);
  missing.undefined_names = {"type vpnc_t"};
  missing.permissive_domain = true;
  tally.add(other, missing);

  std::ostringstream out;
  write_why_json(out, tally, "avcsift-test.policy (policy version 33, MLS)");
  const auto document = nlohmann::json::parse(out.str());
  CHECK(document["summary"] == nlohmann::json{{"policy", "avcsift-test.policy (policy version 33, MLS)"},
                                              {"denials", 3},
                                              {"distinct_denials", 2},
                                              {"selinux_errors", 0}});
  REQUIRE(document["denials"].size() == 2);

  const auto& plone = document["denials"][0];
  CHECK(plone["scontext"] == "system_u:system_r:plone_t:s0");
  CHECK(plone["tcontext"] == "system_u:object_r:etc_t:s0");
  CHECK(plone["source_type"] == "plone_t");
  CHECK(plone["target_type"] == "etc_t");
  CHECK(plone["class"] == "file");
  CHECK(plone["permissions"] == nlohmann::json::array({"write"}));
  CHECK(plone["count"] == 2);
  CHECK(plone["first_seen"] == "2025-11-25T10:00:00.100Z");
  CHECK(plone["last_seen"] == "2025-11-25T10:01:00.000Z");
  CHECK(plone["permissive"] == false);
  CHECK(plone["paths"] == nlohmann::json::array({"/etc/passwd", "passwd"}));
  CHECK(plone["commands"] == nlohmann::json::array({"python"}));
  CHECK(plone["record"] == kRecord);
  CHECK(plone["reason"] == "BOOLEAN");
  CHECK(plone["boolean_fixes"] ==
        nlohmann::json::parse(R"([{"settings": [{"name": "ploneZEO", "value": true}],
                                   "command": "setsebool -P ploneZEO 1"}])"));
  CHECK(plone["constraints"] ==
        nlohmann::json::array({"constrain file { write } ((u1 == u2 -Fail-) ); Constraint DENIED"}));
  CHECK(plone["cause"] == "the source user (system_u) and target user (user_u) are different");
  CHECK(plone["undefined_names"] == nlohmann::json::array());
  CHECK(plone["other_reasons"] == nlohmann::json::array({"CONSTRAINT"}));
  CHECK(plone["permissive_domain"] == false);

  const auto& vpnc = document["denials"][1];
  CHECK(vpnc["tcontext"] == "system_u:object_r:vpnc_t:s0");
  CHECK(vpnc["count"] == 1);
  CHECK(vpnc["commands"] == nlohmann::json::array({"vpnc"}));
  CHECK(vpnc["reason"] == "NOTINPOLICY");
  CHECK(vpnc["boolean_fixes"] == nlohmann::json::array());
  CHECK(vpnc["undefined_names"] == nlohmann::json::array({"type vpnc_t"}));
  CHECK(vpnc["permissive_domain"] == true);
}

TEST_CASE("the JSON fields of a denial come in the documented order") {
  DenialTally tally;
  tally.add(plone_denial(), verdict(Reason::MissingTeRule));
  std::ostringstream out;
  write_why_json(out, tally, "");
  const auto document = nlohmann::ordered_json::parse(out.str());
  std::vector<std::string> top;
  for (const auto& [key, value] : document.items()) top.push_back(key);
  CHECK(top == std::vector<std::string>{"summary", "denials", "selinux_errors"});
  std::vector<std::string> fields;
  for (const auto& [key, value] : document["denials"][0].items()) fields.push_back(key);
  CHECK(fields == std::vector<std::string>{"scontext", "tcontext", "source_type", "target_type", "class",
                                           "permissions", "count", "first_seen", "last_seen", "year_guessed",
                                           "serial", "permissive", "paths", "commands", "record", "reason", "boolean_fixes",
                                           "constraints", "cause", "undefined_names", "other_reasons",
                                           "permissive_domain"});
}

TEST_CASE("an empty tally is a JSON document with no denials") {
  std::ostringstream out;
  write_why_json(out, DenialTally{}, "");
  CHECK(out.str() ==
        "{\n"
        "  \"summary\": {\n"
        "    \"policy\": \"\",\n"
        "    \"denials\": 0,\n"
        "    \"distinct_denials\": 0,\n"
        "    \"selinux_errors\": 0\n"
        "  },\n"
        "  \"denials\": [],\n"
        "  \"selinux_errors\": []\n"
        "}\n");
}

TEST_CASE("log text in JSON is escaped, and invalid UTF-8 is replaced") {
  DenialTally tally;
  Denial d = plone_denial("type=AVC comm=\"a\"\n\x1b\xff\"");
  d.comm = "a\"\n\xff";
  tally.add(d, verdict(Reason::MissingTeRule));
  std::ostringstream out;
  write_why_json(out, tally, "");
  CHECK(out.str().find("\"record\": \"type=AVC comm=\\\"a\\\"\\n\\u001b\xEF\xBF\xBD\\\"\"") != std::string::npos);
  const auto document = nlohmann::json::parse(out.str());
  CHECK(document["denials"][0]["commands"] == nlohmann::json::array({"a\"\n\xEF\xBF\xBD"}));
}

TEST_CASE("a stable verdict is rendered once and written exactly as add() writes it") {
  const Verdict stable = verdict(Reason::MissingTeRule);
  std::ostringstream streamed, cached;
  WhyEmitter plain(streamed, no_description);
  WhyEmitter reusing(cached, no_description);
  for (int i = 0; i < 3; ++i) {
    plain.add(plone_denial(), stable);
    reusing.add_stable(plone_denial(), stable);
  }
  CHECK(cached.str() == streamed.str());
  CHECK(cached.str() == kRecord + "\n" + kMissingRule + "\n" + kRecord + "\n" + kMissingRule + "\n" + kRecord +
                            "\n" + kMissingRule + "\n");
}
