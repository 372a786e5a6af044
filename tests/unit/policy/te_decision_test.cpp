// TeRules::decision (attribute arrays read once per type) against
// avcsift_te_decision, which walks libsepol's ebitmaps step for step as its
// context_struct_compute_av does: equal for every (source type, target type,
// class) of every corpus denial, against each corpus policy.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <tuple>

#include "cond_rules.h"
#include "sepol.hpp"
#include "skip_test.hpp"
#include "te_rules.hpp"

namespace avcsift::policy::test {
namespace {

const std::string kCorpus = std::string(AVCSIFT_SHARED_DIR) + "/corpus";

/// The (source type, target type, class) names of every AVC in the corpus logs.
std::set<std::tuple<std::string, std::string, std::string>> corpus_accesses() {
  static const std::regex avc_re(
      R"(scontext=[^:\s]+:[^:\s]+:([^:\s]+)\S* tcontext=[^:\s]+:[^:\s]+:([^:\s]+)\S* tclass=(\w+))");
  std::set<std::tuple<std::string, std::string, std::string>> accesses;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus + "/logs")) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::smatch m;
      if (std::regex_search(line, m, avc_re)) accesses.emplace(m[1], m[2], m[3]);
    }
  }
  return accesses;
}

/// Compares both computations on every corpus access `db` can resolve;
/// returns how many it compared.
int compare_on_corpus(const policydb_t& db) {
  const TeRules te(db);
  int compared = 0;
  for (const auto& [source, target, tclass] : corpus_accesses()) {
    const std::uint32_t s = type_value(db, source);
    const std::uint32_t t = type_value(db, target);
    const auto* cls = find_symbol<class_datum_t>(db.p_classes, tclass);
    if (s == 0 || t == 0 || cls == nullptr || is_attribute(db, s) || is_attribute(db, t)) continue;
    std::uint32_t allowed = 0;
    std::uint32_t auditdeny = 0;
    REQUIRE(avcsift_te_decision(&db, s, t, cls->s.value, &allowed, &auditdeny) == 0);
    const TeDecision fast = te.decision(s, t, cls->s.value);
    INFO(source << " " << target << " " << tclass);
    CHECK(fast.allowed == allowed);
    CHECK(fast.auditdeny == auditdeny);
    ++compared;
  }
  return compared;
}

void check_policy(const std::string& file) {
  const std::string path = kCorpus + "/policy/" + file;
  if (!std::filesystem::exists(path)) avcsift::test::skip_test(path + " is absent (set -DAVCSIFT_SHARED_DIR)");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  sepol_policy_file_t* pf = nullptr;
  sepol_policydb_t* pdb = nullptr;
  REQUIRE(sepol_policy_file_create(&pf) == 0);
  REQUIRE(sepol_policydb_create(&pdb) == 0);
  sepol_policy_file_set_mem(pf, bytes.data(), bytes.size());
  REQUIRE(sepol_policydb_read(pdb, pf) == 0);
  sepol_policy_file_free(pf);
  const int compared = compare_on_corpus(pdb->p);
  sepol_policydb_free(pdb);
  CHECK(compared > 400);  // each policy resolves over 400 of the corpus accesses
}

TEST_CASE("The TE decision from attribute arrays equals libsepol's walk on Debian's policy") {
  check_policy("debian-refpolicy-2.20221101.policy.33");
}

TEST_CASE("The TE decision from attribute arrays equals libsepol's walk on Fedora's policy") {
  check_policy("fedora-targeted-41.24.policy.33");
}

TEST_CASE("The TE decision from attribute arrays equals libsepol's walk with the container module") {
  check_policy("fedora-targeted-41.24-container-2.233.0.policy.33");
}

}  // namespace
}  // namespace avcsift::policy::test
