#pragma once
/// The command line, as a library call: what main() and the tests drive.
#include <iosfwd>
#include <string>
#include <vector>

namespace avcsift::cli {

/// Runs avcsift for `args` (the arguments after the program name): the
/// product goes to `out`, diagnostics to `err`. Returns the exit status
/// (0 ok, 1 failure, 2 usage, 3 --fail-on). Catches every avcsift::Error.
int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace avcsift::cli
