#pragma once
// Fakes for the report heuristics: an oracle, policy facts and file labels
// answering from small tables, and a helper that builds a Finding.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "avcsift/explain/file_labels.hpp"
#include "avcsift/explain/finding.hpp"
#include "avcsift/explain/policy_facts.hpp"
#include "avcsift/model/access_oracle.hpp"

namespace avcsift::test {

/// Allows exactly the "source target class perm" strings in `allowed`.
class FakeOracle final : public AccessOracle {
 public:
  std::set<std::string> allowed;
  Verdict judge(const AccessQuery& q) override {
    Verdict v;
    v.reason = Reason::Allowed;
    for (const auto& p : q.permissions) {
      if (!allowed.contains(q.source.type + ' ' + q.target.type + ' ' + q.tclass + ' ' + p)) {
        v.reason = Reason::MissingTeRule;
      }
    }
    return v;
  }
  bool depends_on_full_context(std::string_view) const override { return false; }
  std::string context_problem(const SecurityContext&) override { return {}; }
  std::string description() const override { return "fake"; }
};

/// Types, permissive domains and port types from tables.
class FakeFacts final : public explain::PolicyFacts {
 public:
  std::set<std::string, std::less<>> types;
  std::set<std::string, std::less<>> permissive;
  std::vector<std::string> ports;
  bool has_type(std::string_view name) const override { return types.contains(name); }
  bool is_permissive(std::string_view type) const override { return permissive.contains(type); }
  std::vector<std::string> allowed_port_types(std::string_view, std::string_view, std::string_view) const override {
    return ports;
  }
  std::vector<std::string> generic_ports = {"port_t", "unreserved_port_t"};
  std::vector<std::string> generic_port_types() const override { return generic_ports; }
};

/// file_contexts as a map from exact path to type.
class FakeLabels final : public explain::FileLabels {
 public:
  std::map<std::string, std::string, std::less<>> labels;
  std::optional<std::string> expected_type(std::string_view path) const override {
    const auto it = labels.find(path);
    if (it == labels.end()) return std::nullopt;
    return it->second;
  }
};

/// A denial finding of `source` on `target` in `tclass` with `perms` and `paths`.
inline explain::Finding finding(const std::string& source, const std::string& target, const std::string& tclass,
                                std::set<std::string> perms, std::vector<std::string> paths = {}) {
  explain::Finding f;
  f.source_type = source;
  f.target_type = target;
  f.tclass = tclass;
  f.permissions = std::move(perms);
  f.paths = std::move(paths);
  f.count = 1;
  f.verdict.reason = Reason::MissingTeRule;
  return f;
}

}  // namespace avcsift::test
