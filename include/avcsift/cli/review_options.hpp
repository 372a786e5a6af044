#pragma once
/// The options that tell avcsift what the application is, so `report` and
/// `allow` can flag access outside it: --app-root, --app-module, --app-types,
/// and --fail-on to make a pipeline stop on what they find.
#include <optional>
#include <string>
#include <vector>

#include "avcsift/explain/app_scope.hpp"
#include "avcsift/explain/finding.hpp"
#include "avcsift/explain/flag.hpp"

namespace boost::program_options { class options_description; class variables_map; }

namespace avcsift::cli {

/// The application under review, as given on the command line.
struct ReviewOptions {
  std::vector<std::string> app_roots;        ///< `--app-root DIR` (repeatable).
  std::vector<std::string> app_modules;      ///< `--app-module FILE.te` (repeatable).
  std::optional<std::string> app_types;      ///< `--app-types REGEX`.
  std::optional<explain::Severity> fail_on;  ///< `--fail-on high|medium|low`.

  /// True when any of --app-root, --app-module or --app-types was given.
  [[nodiscard]] bool names_application() const {
    return !app_roots.empty() || !app_modules.empty() || app_types.has_value();
  }
};

/// Declares the review options on `described`, storing into `options`.
void add_review_options(boost::program_options::options_description& described, ReviewOptions& options);

/// Completes `options` after parsing (--app-types, --fail-on); throws
/// avcsift::Error (usage) for an unknown severity.
void finish_review_options(const boost::program_options::variables_map& map, ReviewOptions& options);

/// The application's scope: its roots and the types its modules declare.
[[nodiscard]] explain::AppScope make_scope(const ReviewOptions& options);

/// True when a finding has a flag of the --fail-on severity or worse.
[[nodiscard]] bool fail_on_reached(const ReviewOptions& options,
                                   const std::vector<explain::Finding>& findings);

}  // namespace avcsift::cli
