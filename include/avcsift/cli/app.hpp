#pragma once
/// The command line, as a library call: what main() and the tests drive.
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace avcsift::cli {

/// Runs avcsift for `args` (the arguments after the program name): the
/// product goes to `out`, diagnostics to `err`. Returns the exit status
/// (0 ok, 1 failure, 2 usage, 3 --fail-on). Catches every exception (see
/// run_guarded).
int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// Runs `body` and returns its status; an exception it throws becomes one
/// `avcsift: error: MESSAGE` line on `err` (after flushing `out`) and the
/// status of an avcsift::Error, or 1 for anything else (out of memory, a
/// thread that cannot start, a regular expression too complex to match).
int run_guarded(std::ostream& out, std::ostream& err, const std::function<int()>& body);

/// What main() calls: as run_app(), or with audit2allow's or audit2why's
/// options when the binary was started under one of those names (`argv0`).
int run_program(std::string_view argv0, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);

}  // namespace avcsift::cli
