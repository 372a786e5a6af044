#pragma once
/// The command line, as a library call: what main() and the tests drive.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace avcsift::cli {

/// Runs avcsift for `args` (the arguments after the program name): the
/// product goes to `out`, diagnostics to `err`. Returns the exit status
/// (0 ok, 1 failure, 2 usage, 3 --fail-on). Catches every avcsift::Error.
int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// What main() calls: as run_app(), or with audit2allow's or audit2why's
/// options when the binary was started under one of those names (`argv0`).
int run_program(std::string_view argv0, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);

}  // namespace avcsift::cli
