#pragma once
// Reads a previous `avcsift report --format json` as a --baseline.
#include <string>
#include <vector>

#include "avcsift/explain/baseline.hpp"

namespace avcsift::cli {

/// The findings of the report in `file`; throws avcsift::Error naming the
/// file: status 1 when it cannot be read, 2 when it is not JSON, not a
/// report, or of a schema version avcsift does not know.
[[nodiscard]] std::vector<explain::BaselineEntry> read_baseline_file(const std::string& file);

}  // namespace avcsift::cli
