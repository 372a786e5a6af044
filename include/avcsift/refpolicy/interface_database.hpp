#pragma once
/// The expanded interfaces of a set of refpolicy headers, and the text form
/// the on-disk cache stores them in:
///
///   avcsift-interface-db 1
///   I files_read_etc_files system/files.if i s
///   R $1 etc_t dir getattr ioctl lock open read search
///   R $1 etc_t file getattr ioctl lock open read
///
/// (`I NAME FILE i|t PARAMS`, PARAMS one letter per parameter: s source,
/// t target, c class, u unused, o other, or `-` for none.)
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string_view>
#include <vector>

#include "avcsift/refpolicy/header_reader.hpp"
#include "avcsift/refpolicy/interface.hpp"
#include "avcsift/refpolicy/interface_expansion.hpp"

namespace avcsift::refpolicy {

/// Interfaces by name, with what reading them found.
class InterfaceDatabase {
 public:
  /// Reads and expands every interface under `include_dir` (see read_headers).
  static InterfaceDatabase from_headers(const std::filesystem::path& include_dir);
  /// Builds from interfaces already expanded (tests, the cache).
  explicit InterfaceDatabase(std::vector<Interface> interfaces = {});

  /// Writes the database in its text form.
  void write(std::ostream& out) const;
  /// Reads the text form; nullopt when it is malformed (a corrupt cache).
  static std::optional<InterfaceDatabase> read(std::istream& in);

  /// All interfaces, sorted by name.
  [[nodiscard]] const std::vector<Interface>& interfaces() const { return interfaces_; }
  /// The interface named `name`, or nullptr.
  [[nodiscard]] const Interface* find(std::string_view name) const;
  /// How many interfaces can be proposed (callable(), with one parameter / more).
  [[nodiscard]] std::size_t callable_count(bool multi_parameter) const;

  HeaderStats header_stats;        ///< files and definitions read, problems.
  ExpansionStats expansion_stats;  ///< calls not followed.

 private:
  std::vector<Interface> interfaces_;
};

}  // namespace avcsift::refpolicy
