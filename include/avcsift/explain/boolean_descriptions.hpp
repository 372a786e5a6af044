#pragma once
/// What each boolean is for, from the reference policy's `policy.xml`
/// (Debian's selinux-policy-dev installs /usr/share/selinux/devel/policy.xml
/// as text; Fedora's selinux-policy ships it there gzip-compressed, and many
/// machines have none: then the advice names the boolean and the exact
/// `setsebool -P` without a description):
///
///   <tunable name="allow_ftpd_full_access" dftval="false">
///   <desc>
///   <p>
///   Determine whether ftpd can login to
///   local users and can read and write ...
#include <map>
#include <string>

namespace avcsift::explain {

/// Where Debian's selinux-policy-dev and Fedora's selinux-policy put the
/// policy documentation.
inline constexpr const char* kDefaultPolicyXml = "/usr/share/selinux/devel/policy.xml";

/// Boolean and tunable descriptions, whitespace folded to single spaces.
class BooleanDescriptions {
 public:
  /// Reads `path`, plain or gzip-compressed; a missing or unreadable file
  /// gives an empty table (the descriptions are a courtesy, not needed to
  /// explain a denial).
  static BooleanDescriptions load(const std::string& path);
  /// Reads descriptions from XML text (for tests).
  static BooleanDescriptions parse(const std::string& xml);
  /// The description of `name`, or empty.
  [[nodiscard]] std::string describe(const std::string& name) const;
  /// How many booleans and tunables were read.
  [[nodiscard]] std::size_t size() const { return descriptions_.size(); }

 private:
  std::map<std::string, std::string> descriptions_;
};

}  // namespace avcsift::explain
