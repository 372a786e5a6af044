#pragma once
/// `--baseline OLD.json` and `--ignore FILE` for `report` and `allow
/// --fail-on`: the findings a team already knows (a previous report) or has
/// accepted (an ignore file) are marked or set aside, never dropped, and
/// --fail-on then trips only on what is left and new.
#include <optional>
#include <string>
#include <vector>

#include "avcsift/cli/review_options.hpp"
#include "avcsift/explain/baseline.hpp"
#include "avcsift/explain/finding.hpp"
#include "avcsift/explain/ignore_list.hpp"

namespace boost::program_options { class options_description; }

namespace avcsift::cli {

/// The options as given.
struct FindingFilterOptions {
  std::optional<std::string> baseline;      ///< `--baseline OLD.json`.
  std::vector<std::string> ignore_files;    ///< `--ignore FILE` (repeatable).
};

/// The options' files, read (before the log, so a bad one fails fast).
struct FindingFilters {
  std::optional<std::string> baseline_file;
  std::vector<explain::BaselineEntry> baseline;  ///< the previous report's findings.
  std::vector<std::string> ignore_files;
  explain::IgnoreList ignore;
};

/// What the filters did to a report's findings.
struct FilteredFindings {
  std::optional<explain::BaselineComparison> baseline;  ///< with --baseline.
  std::optional<explain::IgnoreOutcome> ignores;        ///< with --ignore.
};

/// Declares --baseline and --ignore on `described`, storing into `options`.
void add_finding_filter_options(boost::program_options::options_description& described,
                                FindingFilterOptions& options);

/// Reads the baseline and ignore files; throws avcsift::Error naming the file
/// (and line): status 1 when unreadable, 2 when not a report or malformed.
[[nodiscard]] FindingFilters load_finding_filters(const FindingFilterOptions& options);

/// Takes ignored findings out of `findings` and marks the rest against the baseline.
[[nodiscard]] FilteredFindings apply_finding_filters(const FindingFilters& filters,
                                                     std::vector<explain::Finding>& findings);

/// --fail-on over `findings` as filtered: with a baseline only new findings count.
[[nodiscard]] bool fail_on_reached(const ReviewOptions& options, const std::vector<explain::Finding>& findings,
                                   const FilteredFindings& filtered);

/// --fail-on for `allow`: the filters applied to a copy of `findings`.
[[nodiscard]] bool fail_on_reached(const ReviewOptions& options, std::vector<explain::Finding> findings,
                                   const FindingFilters& filters);

}  // namespace avcsift::cli
