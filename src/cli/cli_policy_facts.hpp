#pragma once
// The explain::PolicyFacts of the real policy: report's and allow's adapter onto
// policy::Policy, kept in cli/ so explain/ never sees libsepol.
#include "avcsift/explain/policy_facts.hpp"
#include "avcsift/policy/policy.hpp"

namespace avcsift::cli {

/// Answers PolicyFacts questions from a loaded policy::Policy.
class CliPolicyFacts final : public explain::PolicyFacts {
 public:
  explicit CliPolicyFacts(const policy::Policy& policy) : policy_(policy) {}
  bool has_type(std::string_view name) const override { return policy_.has_type(name); }
  bool is_permissive(std::string_view type) const override { return policy_.is_permissive(type); }
  std::vector<std::string> allowed_port_types(std::string_view source, std::string_view tclass,
                                              std::string_view perm) const override {
    return policy_.allowed_target_types(source, tclass, perm, "port_type");
  }
  std::vector<std::string> generic_port_types() const override { return policy_.generic_port_types(); }

 private:
  const policy::Policy& policy_;
};

}  // namespace avcsift::cli
