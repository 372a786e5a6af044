#pragma once
/// Checks on what a run read that catch a wrong input before the user trusts
/// the output: no denials at all (the wrong file piped in), a log from a
/// machine with another policy, an --app-module or --app-types that names no
/// type of the log. Each says so once on stderr as a warning.
#include <set>
#include <string>

#include "avcsift/cli/common_options.hpp"
#include "avcsift/cli/ingest.hpp"
#include "avcsift/explain/app_scope.hpp"
#include "avcsift/explain/type_census.hpp"
#include "avcsift/model/diagnostics.hpp"

namespace avcsift::cli {

/// How many names some_names() lists before `...`.
inline constexpr std::size_t kNamesShown = 5;

/// `a_t, b_t, c_t`: the first kNamesShown of `names`, then `...`.
[[nodiscard]] std::string some_names(const std::set<std::string>& names);

/// `no denials in 3 lines read from <stdin>` when the inputs that could be
/// read held no AVC or USER_AVC denial.
void warn_if_no_denials(const IngestStats& stats, const CommonOptions& options, Diagnostics& diagnostics);

/// Warns once when the census looks like a log from another policy (see
/// explain::TypeCensus), naming `policy` and the two ways forward.
void warn_if_foreign_log(const explain::TypeCensus& census, const explain::AppScope& scope,
                         const std::string& policy, Diagnostics& diagnostics);

/// Warns about each --app-module that declares no type of `log_types`, and an
/// --app-types pattern that finds none. Silent when the log has no types.
void warn_unmatched_scope(const explain::AppScope& scope, const std::set<std::string>& log_types,
                          Diagnostics& diagnostics);

}  // namespace avcsift::cli
