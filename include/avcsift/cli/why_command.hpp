#pragma once
/// `avcsift why`: why each access was denied (audit2why's question).
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "avcsift/cli/common_options.hpp"

namespace avcsift::cli {

/// Output formats of `why`.
enum class WhyFormat { Text, Json };

/// Options of `avcsift why`.
struct WhyOptions {
  CommonOptions common;          ///< inputs and policy.
  bool unique = false;           ///< each distinct denial once, with a count.
  WhyFormat format = WhyFormat::Text;
  std::string policy_xml;        ///< boolean descriptions.
};

/// Parses the arguments after `why`; throws avcsift::Error (usage). Returns
/// nullopt when help was printed to `out`.
std::optional<WhyOptions> parse_why_options(const std::vector<std::string>& args, std::ostream& out);

/// Runs `why`; returns the exit status.
int run_why(const WhyOptions& options, std::ostream& out, std::ostream& err);

}  // namespace avcsift::cli
