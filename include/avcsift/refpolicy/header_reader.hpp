#pragma once
/// Reads the reference policy's development headers, as Debian's
/// selinux-policy-dev installs them under /usr/share/selinux/devel/include:
/// support/*.spt (permission sets and patterns, `define`d), build.conf
/// (which distribution and features `ifdef` sees) and every `*.if` file
/// below (`interface` and `template` definitions).
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "avcsift/refpolicy/interface.hpp"

namespace avcsift::refpolicy {

/// Debian's selinux-policy-dev headers.
inline constexpr const char* kDefaultIncludeDir = "/usr/share/selinux/devel/include";

/// What reading the headers found, for the user and for the tests.
struct HeaderStats {
  std::size_t files_read = 0;     ///< .if files read completely.
  std::size_t files_skipped = 0;  ///< .if files that could not be read (see problems).
  std::size_t interfaces = 0;     ///< interface definitions read.
  std::size_t templates = 0;      ///< template definitions read.
  std::vector<std::string> problems;  ///< one line per skipped file or definition.
};

/// The files whose contents the database depends on, sorted: support/*.spt,
/// build.conf and every *.if below `include_dir`.
[[nodiscard]] std::vector<std::filesystem::path> header_files(const std::filesystem::path& include_dir);

/// Parses every interface and template under `include_dir`. A file that
/// cannot be read fully is skipped and noted in `stats`, never fatal; an
/// unreadable or empty directory throws avcsift::Error.
[[nodiscard]] std::vector<ParsedInterface> read_headers(const std::filesystem::path& include_dir,
                                                        HeaderStats& stats);

}  // namespace avcsift::refpolicy
