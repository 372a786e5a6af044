#pragma once
/// `avcsift allow`: denials in, type enforcement rules out.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "avcsift/cli/common_options.hpp"

namespace avcsift::cli {

/// Options of `avcsift allow`, as parsed from the command line.
struct AllowOptions {
  CommonOptions common;                     ///< inputs and policy.
  std::optional<std::string> module_name;   ///< `-m NAME`: whole module.
  std::string module_version = "1.0";
  std::optional<std::string> output;        ///< `-o FILE`; stdout when absent.
  bool force = false;                       ///< overwrite an existing output.
  bool dontaudit = false;                   ///< `-D`.
  std::optional<std::string> source_type;   ///< `-t REGEX`.
};

/// Parses the arguments after `allow`; throws avcsift::Error (usage) on bad
/// ones. Returns nullopt when help was printed to `out`.
std::optional<AllowOptions> parse_allow_options(const std::vector<std::string>& args, std::ostream& out);

/// Runs `allow`; returns the exit status. Diagnostics go to `err`.
int run_allow(const AllowOptions& options, std::ostream& out, std::ostream& err);

}  // namespace avcsift::cli
