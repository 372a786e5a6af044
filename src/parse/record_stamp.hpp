#pragma once
/// Reads a normalized record's header the way libauparse does, to tell which
/// event the record belongs to before libauparse sees it.
///
///   node=web1 type=SYSCALL msg=audit(1764064800.100:500):
///   type=AVC msg=audit(1764064800.100:500):
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace avcsift::parse {

/// What identifies a record's event, as libauparse reads it.
struct RecordStamp {
  bool has_node = false;      ///< a `node=` token came first.
  std::string_view node;      ///< the node's name (into the header).
  std::int64_t seconds = 0;
  std::uint32_t millis = 0;
  std::uint64_t serial = 0;
  std::string_view type;      ///< the type token's value: `AVC`, `UNKNOWN[1420]`.
  std::size_t type_begin = 0;  ///< where the `type=` token starts in the header.
  std::string_view stamp;     ///< the text between `(` and `)`: `1764064800.100:500`.
};

/// Reads `header` as libauparse's event grouping does (same tokens, same
/// truncation, same number parsing), so both put a record in the same event.
/// Nothing when libauparse would skip the record as malformed. `scratch` is
/// reused between calls to avoid an allocation per record.
std::optional<RecordStamp> read_record_stamp(std::string_view header, std::string& scratch);

}  // namespace avcsift::parse
