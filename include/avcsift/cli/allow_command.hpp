#pragma once
/// `avcsift allow`: denials in, type enforcement rules (.te or CIL) out;
/// with `-M NAME`, a module package built with checkmodule and semodule_package.
#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/cli/common_options.hpp"
#include "avcsift/cli/finding_filters.hpp"
#include "avcsift/cli/review_options.hpp"
#include "avcsift/model/diagnostics.hpp"

namespace avcsift::cli {

/// The policy language `allow` writes.
enum class AllowFormat { Te, Cil };

/// `-R`: reference-policy interfaces instead of raw rules.
struct ReferenceOptions {
  bool enabled = false;                        ///< `-R`/`--reference`.
  std::string include_dir = "/usr/share/selinux/devel/include";  ///< `--include-dir`.
  std::optional<std::string> interface_info;   ///< `--interface-info FILE`: sepolgen-ifgen's output instead.
  std::optional<std::string> perm_map;         ///< `--perm-map FILE`; the system's map when absent.
  std::optional<std::string> cache_dir;        ///< `--cache-dir`; ~/.cache/avcsift when absent.
  bool no_cache = false;                       ///< `--no-cache`.
  bool one_parameter = false;                  ///< `--one-parameter`: only what audit2allow -R proposes.
  bool verbose = false;                        ///< `-v`: why each call, its score, the alternatives.
};

/// Options of `avcsift allow`, as parsed from the command line.
struct AllowOptions {
  CommonOptions common;                     ///< inputs and policy.
  std::optional<std::string> module_name;   ///< `-m NAME`: whole module.
  std::string module_version = "1.0";       ///< `--module-version`/`--version X.Y`.
  AllowFormat format = AllowFormat::Te;     ///< `--cil`/`-C`: CIL.
  bool xperms = false;                      ///< `-x`: allowxperm rules for ioctl commands.
  bool build_package = false;               ///< `-M NAME`: write NAME.te and NAME.pp (or NAME.cil).
  std::vector<std::string> against;         ///< `--against FILE.te`: leave out what they grant.
  std::optional<std::string> output;        ///< `-o FILE`; stdout when absent.
  bool force = false;                       ///< overwrite an existing output.
  bool dontaudit = false;                   ///< `-D`.
  std::optional<std::string> source_type;   ///< `-t REGEX`.
  bool type_matches_target = false;          ///< `--type-or-target`: -t as audit2allow's.
  /// `--app-root` and friends: flags as `#!!!! WARNING` comments above the
  /// rules they concern, and `--fail-on`.
  ReviewOptions review;
  FindingFilterOptions filters;              ///< --baseline and --ignore for --fail-on.
  ReferenceOptions reference;                ///< `-R` and its settings.
};

/// Parses the arguments after `allow`; throws avcsift::Error (usage) on bad
/// ones. Returns nullopt when help was printed to `out`.
std::optional<AllowOptions> parse_allow_options(const std::vector<std::string>& args, std::ostream& out);

/// Runs `allow`; returns the exit status. Diagnostics go to `err`.
int run_allow(const AllowOptions& options, std::ostream& out, std::ostream& err);

/// Writes `rules` as `allow` prints them (format, module name, -D and -x of
/// `options`; no --against, no review comments) onto `out`; `app_types` (from
/// --app-module) count as defined. Returns how many rules were commented out
/// because they cannot install.
std::uint64_t write_allow_rules(const RuleSet& rules, const AllowOptions& options,
                                const std::set<std::string>& app_types, Diagnostics& diagnostics,
                                std::ostream& out);

}  // namespace avcsift::cli
