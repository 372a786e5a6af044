#pragma once
/// Splits the body of an audit record into `key=value` fields.
///
/// Example body (AVC): `avc:  denied  { read } for  pid=812 comm="httpd" name=2F746D70 scontext=...`
/// Values are bare (`pid=812`), double-quoted (`comm="httpd"`), single-quoted
/// (USER_AVC's `msg='avc: ...'`), or hex-encoded without quotes when the kernel
/// found spaces or unprintable bytes in them (`name=2F746D70`). Words without
/// `=` (`avc:`, `denied`, `for`) are skipped.
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace avcsift::parse {

/// One field; views into the record body.
struct Field {
  std::string_view key;
  std::string_view value;  ///< without the quotes.
  bool quoted = false;     ///< the value was in double or single quotes.
};

/// Whether `key` is `literal`. The length is a constant here, so the
/// compiler compares inline; `key == "comm"` calls memcmp for every field of
/// every record, which showed in profiles.
template <std::size_t N>
[[nodiscard]] inline bool key_is(std::string_view key, const char (&literal)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), literal, N - 1) == 0;
}

/// Iterates over the fields of a record body, left to right.
class FieldScanner {
 public:
  explicit FieldScanner(std::string_view body) : body_(body) {}
  /// The next field, or false at the end. An unterminated quote takes the
  /// rest of the body as the value.
  bool next(Field& field);
  /// What is left to scan (used to find `{ perms }` before the fields).
  [[nodiscard]] std::string_view rest() const { return body_.substr(pos_); }

 private:
  std::string_view body_;
  std::size_t pos_ = 0;
};

/// The bytes of an even-length hex string (`2F746D70` -> `/tmp`), NULs
/// kept; nullopt when `hex` is not hex.
[[nodiscard]] std::optional<std::string> decode_hex(std::string_view hex);

/// The text of an untrusted string field (comm, exe, name, path, cwd,
/// proctitle): quoted values as they are, unquoted hex decoded, `(null)` and
/// `?` as empty. NUL bytes (proctitle's argument separators) become spaces.
[[nodiscard]] std::string decode_untrusted(const Field& field);

}  // namespace avcsift::parse
