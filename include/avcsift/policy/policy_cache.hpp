#pragma once
/// Slim copies of binary policies, kept so that later runs read less.
///
/// libsepol reads a whole policy before avcsift can ask it anything, and much
/// of a distribution policy is what judging never reads (Fedora's 255,194 type
/// transitions, most of them name-based: src/policy/slim_policy.h says what is
/// left out and why). On the first use of a policy, Policy::load writes the
/// policy without those parts (libsepol writes it) into a per-user cache
/// directory; later runs read that copy instead.
///
/// A policy whose slim copy would save little (Debian's refpolicy: 5%) gets an
/// empty copy instead, which says "read the original": its cost is then only
/// the checksum.
///
/// A copy is used only when its header names the same original: size,
/// modification time and CRC-32 (checksum()) of the content (so the original is still read
/// and checksummed on every run; a few ms), and when its own CRC-32 holds. A
/// copy that is missing, unreadable, damaged or of another original is ignored
/// and written anew. The cache never makes a run fail: a directory that cannot
/// be created or written, or that another user owns or may write to, is
/// simply not used.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace avcsift::policy {

/// What a cached copy must match of its original.
struct PolicyCacheKey {
  std::uint64_t size = 0;        ///< bytes
  std::int64_t mtime_sec = 0;    ///< modification time, seconds
  std::int64_t mtime_nsec = 0;   ///< and nanoseconds
  std::uint32_t crc32 = 0;       ///< checksum() of the content

  friend bool operator==(const PolicyCacheKey&, const PolicyCacheKey&) = default;
};

/// The environment variable that switches the cache off (`off`, `0`, `no`).
inline constexpr const char* kPolicyCacheVariable = "AVCSIFT_POLICY_CACHE";

/// One cache directory of slim policies, one file per original's path.
class PolicyCache {
 public:
  /// The directory to use: `$XDG_CACHE_HOME/avcsift` when that is an absolute
  /// path, else `$HOME/.cache/avcsift`; nullopt when neither variable helps or
  /// when AVCSIFT_POLICY_CACHE is `off`, `0` or `no`.
  [[nodiscard]] static std::optional<std::filesystem::path> default_directory();

  /// A cache in `directory` (created 0700 on the first store()).
  explicit PolicyCache(std::filesystem::path directory) : directory_(std::move(directory)) {}

  /// The slim image kept for the policy at `policy_path` when its header
  /// matches `key` and its checksum holds (empty: read the original);
  /// nullopt otherwise.
  [[nodiscard]] std::optional<std::string> find(const std::string& policy_path,
                                                const PolicyCacheKey& key) const;
  /// Keeps `image` for the policy at `policy_path` (written to a temporary
  /// file, then renamed over the old copy). False when it could not; never
  /// throws.
  bool store(const std::string& policy_path, const PolicyCacheKey& key,
             std::string_view image) const noexcept;
  /// The file that holds the copy for `policy_path`: `policy-XXXXXXXX.slim`,
  /// named by zlib's CRC-32 of its absolute path.
  [[nodiscard]] std::filesystem::path file_for(const std::string& policy_path) const;

 private:
  std::filesystem::path directory_;
};

/// The checksum of `bytes` in a cache key: CRC-32C (SSE4.2) when the CPU has
/// it, else zlib's CRC-32.
[[nodiscard]] std::uint32_t checksum(std::string_view bytes);

}  // namespace avcsift::policy
