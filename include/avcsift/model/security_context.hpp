#pragma once
/// SELinux security contexts as they appear in audit records.
#include <optional>
#include <string>
#include <string_view>

namespace avcsift {

/// A parsed `user:role:type[:level]` context, e.g.
/// `system_u:system_r:httpd_t:s0-s0:c0.c1023` (the level keeps its colons).
struct SecurityContext {
  std::string user;   ///< SELinux user, e.g. `system_u`.
  std::string role;   ///< role, e.g. `system_r` (`object_r` for files).
  std::string type;   ///< type or domain, e.g. `httpd_t`.
  std::string level;  ///< MLS/MCS range, empty when the policy has no MLS.

  /// Splits a context string; nullopt when it has fewer than three fields or
  /// an empty user, role or type. Does not validate the names themselves.
  static std::optional<SecurityContext> parse(std::string_view text);

  /// The context in its text form, `user:role:type[:level]`.
  [[nodiscard]] std::string str() const;

  friend bool operator==(const SecurityContext&, const SecurityContext&) = default;
  friend auto operator<=>(const SecurityContext&, const SecurityContext&) = default;
};

}  // namespace avcsift
