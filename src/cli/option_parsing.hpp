#pragma once
/// Shared Boost.Program_options plumbing for the subcommands. Included only
/// by cli/*.cpp, never by public headers of other modules.
#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace avcsift::cli {

/// Parses `args` against `described`, collecting bare arguments into
/// `positional`. Throws avcsift::Error (usage) with Boost's message.
boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& args, const boost::program_options::options_description& described,
    std::vector<std::string>& positional);

/// `--format text|json`: true for json, false for text; throws avcsift::Error
/// (usage) for anything else.
bool wants_json(const std::string& format);

}  // namespace avcsift::cli
