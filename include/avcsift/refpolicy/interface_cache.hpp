#pragma once
/// The on-disk cache of the interface database, so that a run after the
/// first starts without parsing the headers again.
///
/// The cache file (CACHE_DIR/interfaces-HASH.db, HASH from the include
/// directory's path) starts with a line keying it to the headers:
///
///   key 5f0c2a9e81d7b3c4 avcsift-interface-cache 2
///
/// then the database's text form (InterfaceDatabase::write). The key hashes
/// each header's path, modification time and size and the reader's revision,
/// so editing, adding or removing a header, or a new avcsift, invalidates it. It is written to a temporary file and
/// renamed, so readers never see half a cache; a corrupt one is ignored with
/// a warning and rewritten.
#include <filesystem>
#include <optional>
#include <string>

#include "avcsift/model/diagnostics.hpp"
#include "avcsift/refpolicy/interface_database.hpp"

namespace avcsift::refpolicy {

/// Where and whether to cache.
struct CacheSettings {
  std::optional<std::filesystem::path> dir;  ///< `--cache-dir`; default_cache_dir() when absent.
  bool enabled = true;                       ///< false with `--no-cache`.
};

/// How the database was obtained, for `-v` and the benchmarks.
struct CacheOutcome {
  bool from_cache = false;     ///< read from a valid cache.
  bool written = false;        ///< a new cache was written.
  std::filesystem::path file;  ///< the cache file used or written (empty without caching).
  double seconds = 0;          ///< time to obtain the database.
};

/// $XDG_CACHE_HOME/avcsift, else $HOME/.cache/avcsift; empty when neither is set.
[[nodiscard]] std::filesystem::path default_cache_dir();

/// A hex digest of the headers' paths, modification times and sizes.
[[nodiscard]] std::string header_fingerprint(const std::filesystem::path& include_dir);

/// The database for `include_dir`: from the cache when its key matches,
/// else parsed from the headers and cached. Cache problems are warnings.
[[nodiscard]] InterfaceDatabase load_interface_database(const std::filesystem::path& include_dir,
                                                        const CacheSettings& settings,
                                                        Diagnostics& diagnostics, CacheOutcome& outcome);

}  // namespace avcsift::refpolicy
