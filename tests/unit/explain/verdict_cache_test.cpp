// VerdictCache against a fake AccessOracle that counts what it is asked: one
// question per distinct access, contexts in the key only when the class needs
// them, and rejected contexts turned into NotInPolicy.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "avcsift/explain/verdict_cache.hpp"

using avcsift::AccessOracle;
using avcsift::AccessQuery;
using avcsift::BooleanSetting;
using avcsift::Denial;
using avcsift::Reason;
using avcsift::SecurityContext;
using avcsift::Verdict;
using avcsift::explain::VerdictCache;

namespace {

/// Answers from tables and counts every call.
class FakeOracle final : public AccessOracle {
 public:
  /// The verdict for accesses whose source type is `type` (default: MissingTeRule).
  std::map<std::string, Verdict> verdicts_by_source_type;
  /// Classes whose verdicts depend on users, roles or levels.
  std::vector<std::string> full_context_classes;
  /// Problems of contexts, by their text form; others are valid.
  std::map<std::string, std::string> problems;

  std::vector<AccessQuery> judged;
  mutable std::map<std::string, int> class_questions;  // asked through a const member
  std::map<std::string, int> context_questions;

  Verdict judge(const AccessQuery& query) override {
    judged.push_back(query);
    const auto found = verdicts_by_source_type.find(query.source.type);
    if (found != verdicts_by_source_type.end()) return found->second;
    Verdict verdict;
    verdict.reason = Reason::MissingTeRule;
    return verdict;
  }
  bool depends_on_full_context(std::string_view tclass) const override {
    ++class_questions[std::string(tclass)];
    for (const auto& name : full_context_classes) {
      if (name == tclass) return true;
    }
    return false;
  }
  std::string context_problem(const SecurityContext& context) override {
    ++context_questions[context.str()];
    const auto found = problems.find(context.str());
    return found == problems.end() ? std::string{} : found->second;
  }
  std::string description() const override { return "fake"; }
};

SecurityContext context(std::string_view text) {
  const auto parsed = SecurityContext::parse(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

Denial denial(std::string_view scontext, std::string_view tcontext, std::string tclass,
              std::vector<std::string> perms) {
  Denial d;
  d.source = context(scontext);
  d.target = context(tcontext);
  d.tclass = std::move(tclass);
  d.permissions = std::move(perms);
  return d;
}

Verdict verdict(Reason reason) {
  Verdict v;
  v.reason = reason;
  return v;
}

constexpr std::string_view kContainerA = "system_u:system_r:container_t:s0:c1,c2";
constexpr std::string_view kContainerB = "system_u:system_r:container_t:s0:c3,c4";
constexpr std::string_view kFileA = "system_u:object_r:container_file_t:s0:c1,c2";
constexpr std::string_view kFileB = "system_u:object_r:container_file_t:s0:c3,c4";

}  // namespace

TEST_CASE("without an oracle every verdict is Unknown") {
  VerdictCache cache(nullptr);
  const Verdict& first = cache.verdict_for(denial(kContainerA, kFileA, "file", {"read"}));
  const Verdict& second = cache.verdict_for(denial(kContainerB, kFileB, "dir", {"search"}));
  CHECK(first == Verdict{});
  CHECK(second.reason == Reason::Unknown);
  CHECK(cache.lookups() == 2);
  CHECK(cache.policy_queries() == 0);
}

TEST_CASE("denials that differ only in MCS levels are judged once when the class does not depend on contexts") {
  FakeOracle oracle;
  VerdictCache cache(&oracle);
  const Verdict& first = cache.verdict_for(denial(kContainerA, kFileA, "file", {"read"}));
  const Verdict& second = cache.verdict_for(denial(kContainerB, kFileB, "file", {"read"}));
  CHECK(oracle.judged.size() == 1);
  CHECK(first.reason == Reason::MissingTeRule);
  CHECK(&first == &second);
  CHECK(cache.lookups() == 2);
  CHECK(cache.policy_queries() == 1);
}

TEST_CASE("the oracle is asked with the denial's contexts, class and permissions") {
  FakeOracle oracle;
  VerdictCache cache(&oracle);
  (void)cache.verdict_for(denial(kContainerA, kFileA, "file", {"open", "read"}));
  REQUIRE(oracle.judged.size() == 1);
  const AccessQuery& query = oracle.judged.front();
  CHECK(query.source.str() == kContainerA);
  CHECK(query.target.str() == kFileA);
  CHECK(query.tclass == "file");
  CHECK(query.permissions == std::vector<std::string>{"open", "read"});
}

TEST_CASE("a different class, permission set or type is judged again") {
  FakeOracle oracle;
  VerdictCache cache(&oracle);
  (void)cache.verdict_for(denial(kContainerA, kFileA, "file", {"read"}));
  (void)cache.verdict_for(denial(kContainerA, kFileA, "dir", {"read"}));
  (void)cache.verdict_for(denial(kContainerA, kFileA, "file", {"open", "read"}));
  (void)cache.verdict_for(denial(kContainerA, "system_u:object_r:etc_t:s0", "file", {"read"}));
  (void)cache.verdict_for(denial("system_u:system_r:httpd_t:s0", kFileA, "file", {"read"}));
  (void)cache.verdict_for(denial(kContainerB, kFileB, "file", {"read"}));
  CHECK(oracle.judged.size() == 5);
  CHECK(cache.policy_queries() == 5);
  CHECK(cache.lookups() == 6);
}

TEST_CASE("full contexts are part of the key when the class depends on them") {
  FakeOracle oracle;
  oracle.full_context_classes = {"file"};
  VerdictCache cache(&oracle);
  (void)cache.verdict_for(denial(kContainerA, kFileA, "file", {"read"}));
  (void)cache.verdict_for(denial(kContainerB, kFileB, "file", {"read"}));
  (void)cache.verdict_for(denial(kContainerA, kFileA, "file", {"read"}));
  (void)cache.verdict_for(denial(kContainerA, kFileB, "file", {"read"}));
  CHECK(oracle.judged.size() == 3);
  // Other classes are still keyed by types.
  (void)cache.verdict_for(denial(kContainerA, kFileA, "dir", {"search"}));
  (void)cache.verdict_for(denial(kContainerB, kFileB, "dir", {"search"}));
  CHECK(oracle.judged.size() == 4);
  CHECK(cache.policy_queries() == 4);
}

TEST_CASE("the oracle is asked once per class whether the class depends on contexts") {
  FakeOracle oracle;
  VerdictCache cache(&oracle);
  for (int i = 0; i < 3; ++i) {
    (void)cache.verdict_for(denial(kContainerA, kFileA, "file", {"read"}));
    (void)cache.verdict_for(denial(kContainerB, kFileB, "file", {"write"}));
    (void)cache.verdict_for(denial(kContainerA, kFileA, "dir", {"search"}));
  }
  CHECK(oracle.class_questions == std::map<std::string, int>{{"dir", 1}, {"file", 1}});
}

TEST_CASE("context_problem is asked once per distinct context") {
  FakeOracle oracle;
  VerdictCache cache(&oracle);
  for (int i = 0; i < 3; ++i) {
    (void)cache.verdict_for(denial(kContainerA, kFileA, "file", {"read"}));
    (void)cache.verdict_for(denial(kContainerA, kFileA, "file", {"write"}));
    (void)cache.verdict_for(denial(kContainerB, kFileB, "file", {"read"}));
    (void)cache.verdict_for(denial(kContainerA, kContainerA, "process", {"signal"}));
  }
  CHECK(oracle.context_questions == std::map<std::string, int>{{std::string(kContainerA), 1},
                                                               {std::string(kContainerB), 1},
                                                               {std::string(kFileA), 1},
                                                               {std::string(kFileB), 1}});
}

TEST_CASE("a source context the policy rejects makes the verdict NotInPolicy naming it") {
  FakeOracle oracle;
  oracle.problems["user_u:staff_r:staff_t:s0"] = "user user_u is not authorized for role staff_r";
  VerdictCache cache(&oracle);
  const Verdict& v =
      cache.verdict_for(denial("user_u:staff_r:staff_t:s0", "system_u:object_r:etc_t:s0", "file", {"write"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.undefined_names == std::vector<std::string>{"source context user_u:staff_r:staff_t:s0"});
  CHECK(v.cause == "source context: user user_u is not authorized for role staff_r");
  CHECK(v.other_reasons == std::vector<Reason>{Reason::MissingTeRule});
}

TEST_CASE("a rejected target context is named after a rejected source context") {
  FakeOracle oracle;
  oracle.problems["user_u:staff_r:staff_t:s0"] = "user user_u is not authorized for role staff_r";
  oracle.problems["staff_u:object_r:etc_t:s1:c9"] = "category c9 is not defined";
  VerdictCache cache(&oracle);
  const Verdict& v =
      cache.verdict_for(denial("user_u:staff_r:staff_t:s0", "staff_u:object_r:etc_t:s1:c9", "file", {"write"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.undefined_names == std::vector<std::string>{"source context user_u:staff_r:staff_t:s0",
                                                      "target context staff_u:object_r:etc_t:s1:c9"});
  CHECK(v.cause ==
        "source context: user user_u is not authorized for role staff_r; "
        "target context: category c9 is not defined");
}

TEST_CASE("a rejected target context alone is named as the target") {
  FakeOracle oracle;
  oracle.problems["staff_u:object_r:etc_t:s1:c9"] = "category c9 is not defined";
  VerdictCache cache(&oracle);
  const Verdict& v = cache.verdict_for(
      denial("staff_u:staff_r:staff_t:s0", "staff_u:object_r:etc_t:s1:c9", "file", {"write"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.undefined_names == std::vector<std::string>{"target context staff_u:object_r:etc_t:s1:c9"});
  CHECK(v.cause == "target context: category c9 is not defined");
}

TEST_CASE("the type verdict of a rejected context is kept as the further causes") {
  FakeOracle oracle;
  Verdict by_types = verdict(Reason::Boolean);
  by_types.boolean_fixes = {{BooleanSetting{"ploneZEO", true}}};
  by_types.other_reasons = {Reason::Constraint};
  by_types.constraints = {"constrain file { write } ((u1 == u2 -Fail-) ); Constraint DENIED"};
  by_types.permissive_domain = true;
  oracle.verdicts_by_source_type["plone_t"] = by_types;
  oracle.problems["user_u:system_r:plone_t:s0"] = "user user_u is not authorized for role system_r";
  VerdictCache cache(&oracle);
  const Verdict& v = cache.verdict_for(
      denial("user_u:system_r:plone_t:s0", "system_u:object_r:plone_rw_t:s0", "file", {"write"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.other_reasons == std::vector<Reason>{Reason::Boolean, Reason::Constraint});
  CHECK(v.boolean_fixes == by_types.boolean_fixes);
  CHECK(v.constraints == by_types.constraints);
  CHECK(v.permissive_domain);
}

TEST_CASE("an Allowed type verdict of a rejected context is not listed as a further cause") {
  FakeOracle oracle;
  oracle.verdicts_by_source_type["staff_t"] = verdict(Reason::Allowed);
  oracle.problems["user_u:staff_r:staff_t:s0"] = "user user_u is not authorized for role staff_r";
  VerdictCache cache(&oracle);
  const Verdict& v = cache.verdict_for(
      denial("user_u:staff_r:staff_t:s0", "staff_u:object_r:user_home_t:s0", "file", {"read"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.other_reasons.empty());
  CHECK(v.cause == "source context: user user_u is not authorized for role staff_r");
}

TEST_CASE("a NotInPolicy type verdict keeps its reason and gets the context names first") {
  FakeOracle oracle;
  Verdict by_types = verdict(Reason::NotInPolicy);
  by_types.undefined_names = {"type vpnc_t"};
  oracle.verdicts_by_source_type["vpnc_t"] = by_types;
  oracle.problems["user_u:system_r:vpnc_t:s0"] = "user user_u is not authorized for role system_r";
  VerdictCache cache(&oracle);
  const Verdict& v = cache.verdict_for(
      denial("user_u:system_r:vpnc_t:s0", "system_u:object_r:etc_t:s0", "file", {"read"}));
  CHECK(v.reason == Reason::NotInPolicy);
  CHECK(v.undefined_names ==
        std::vector<std::string>{"source context user_u:system_r:vpnc_t:s0", "type vpnc_t"});
  CHECK(v.other_reasons.empty());
}

TEST_CASE("denials with valid and rejected contexts of the same types share one judgement") {
  FakeOracle oracle;
  oracle.problems["user_u:staff_r:staff_t:s0"] = "user user_u is not authorized for role staff_r";
  VerdictCache cache(&oracle);
  const Verdict& valid =
      cache.verdict_for(denial("staff_u:staff_r:staff_t:s0", "system_u:object_r:etc_t:s0", "file", {"write"}));
  const Verdict& rejected =
      cache.verdict_for(denial("user_u:staff_r:staff_t:s0", "system_u:object_r:etc_t:s0", "file", {"write"}));
  const Verdict& again =
      cache.verdict_for(denial("user_u:staff_r:staff_t:s0", "system_u:object_r:etc_t:s0", "file", {"write"}));
  CHECK(oracle.judged.size() == 1);
  CHECK(valid.reason == Reason::MissingTeRule);
  CHECK(valid.undefined_names.empty());
  CHECK(rejected.reason == Reason::NotInPolicy);
  CHECK(&again == &rejected);
  CHECK(rejected.undefined_names == std::vector<std::string>{"source context user_u:staff_r:staff_t:s0"});
}
