#pragma once
/// Information-flow weights of permissions, read from a permission map in the
/// apol/sepolgen format, for example (from sepolgen's perm_map):
///
///   class file 20
///     execute_no_trans     r           1
///                 read     r          10
///                write     w          10
///
/// Each permission maps to a direction (r read, w write, b both, n none) and
/// a weight from 1 to 10: how much information it lets flow. The interface
/// matcher scores "access granted beyond what was denied" with these weights.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace avcsift::refpolicy {

/// Debian's python3-sepolgen installs its map here; other distributions use
/// /usr/share/sepolgen/perm_map, which is tried second.
inline constexpr std::string_view kDebianPermMapPath = "/var/lib/sepolgen/perm_map";
/// The second place looked at for the system's permission map.
inline constexpr std::string_view kSharePermMapPath = "/usr/share/sepolgen/perm_map";

/// How information flows through one permission.
struct PermissionFlow {
  bool reads = true;   ///< information flows from the object to the subject.
  bool writes = true;  ///< information flows from the subject to the object.
  int weight = 5;      ///< 1 (little) .. 10 (much).
};

/// Permission map: class -> permission -> flow. Unknown permissions weigh 5
/// and flow both ways, as in sepolgen, so an unmapped permission is neither
/// free nor prohibitive.
class PermissionMap {
 public:
  /// Reads a map file; throws avcsift::Error naming the file and line when it
  /// cannot be read or a line is malformed.
  static PermissionMap read_file(const std::filesystem::path& path);
  /// Parses map text; `origin` names it in error messages.
  static PermissionMap parse(std::string_view text, const std::string& origin);
  /// A map without a file: every permission weighs by its name (reading
  /// metadata is cheap, reading or writing content is dear). Used when no
  /// system map is installed.
  static PermissionMap built_in();

  /// The flow of one permission (the default when unmapped).
  [[nodiscard]] PermissionFlow flow(const std::string& tclass, const std::string& perm) const;
  /// Sum of the weights of `perms` in `tclass`.
  [[nodiscard]] int weight(const std::string& tclass, const std::set<std::string>& perms) const;
  /// Whether any of `perms` lets information flow from subject to object.
  [[nodiscard]] bool writes(const std::string& tclass, const std::set<std::string>& perms) const;
  /// Number of classes mapped.
  [[nodiscard]] std::size_t class_count() const { return classes_.size(); }

 private:
  std::map<std::string, std::map<std::string, PermissionFlow, std::less<>>, std::less<>> classes_;
  bool built_in_ = false;
};

}  // namespace avcsift::refpolicy
