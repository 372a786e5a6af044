#pragma once
/// The policy questions the report's fix advisor asks beyond AccessOracle:
/// does a type exist, is a domain permissive, which port types may a domain
/// already use. An interface, so explain/ stays free of libsepol and its
/// tests use a fake; the real one wraps policy::Policy (src/cli/report_policy_facts).
#include <string>
#include <string_view>
#include <vector>

namespace avcsift::explain {

/// Facts about the policy in use.
class PolicyFacts {
 public:
  virtual ~PolicyFacts() = default;
  /// True when `name` is a type or alias of the policy.
  [[nodiscard]] virtual bool has_type(std::string_view name) const = 0;
  /// True when `type` is a permissive domain (`permissive type;`).
  [[nodiscard]] virtual bool is_permissive(std::string_view type) const = 0;
  /// The port types (attribute `port_type`) on which `source` may already
  /// use `perm` of `tclass` (`name_bind`, `name_connect`), sorted.
  [[nodiscard]] virtual std::vector<std::string> allowed_port_types(std::string_view source,
                                                                    std::string_view tclass,
                                                                    std::string_view perm) const = 0;
  /// The port types no service owns (unreserved_port_t, port_t...), read
  /// from the policy's portcon ranges, sorted.
  [[nodiscard]] virtual std::vector<std::string> generic_port_types() const = 0;
};

}  // namespace avcsift::explain
