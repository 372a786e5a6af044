#include "avcsift/cli/app.hpp"

#include <poll.h>
#include <unistd.h>

#include <iostream>
#include <regex>
#include <system_error>

#include "avcsift/cli/allow_command.hpp"
#include "avcsift/cli/compat.hpp"
#include "avcsift/cli/merge_command.hpp"
#include "avcsift/cli/report_command.hpp"
#include "avcsift/cli/watch_command.hpp"
#include "avcsift/cli/why_command.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace {

constexpr const char* kUsage =
    "Usage: avcsift COMMAND [OPTIONS] [FILE...]\n"
    "Turn SELinux denials into reviewed policy, fast.\n\n"
    "Commands:\n"
    "  allow    print type enforcement rules for the denials (like audit2allow)\n"
    "  why      explain why each access was denied (like audit2why)\n"
    "  report   review denials: what happened, what to do, what looks dangerous\n"
    "  watch    keep rules and a report up to date from auditd's live stream (a plugin)\n"
    "  merge    merge the JSON reports of several machines into one report\n\n"
    "Run 'avcsift COMMAND --help' for the options of a command.\n";

/// True when standard output is a pipe whose reader has gone: poll reports
/// POLLERR for it (which SIGPIPE, when not ignored, would have ended us for).
bool standard_output_is_broken_pipe() {
  pollfd fd{STDOUT_FILENO, 0, 0};
  return ::poll(&fd, 1, 0) == 1 && (fd.revents & POLLERR) != 0;
}

int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kUsage;
    return static_cast<int>(ExitStatus::Usage);
  }
  const std::string& command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--help" || command == "-h" || command == "help") {
    out << kUsage;
    return 0;
  }
  if (command == "--version") {
    out << "avcsift " << AVCSIFT_VERSION << '\n';
    return 0;
  }
  if (command == "allow") {
    const auto options = parse_allow_options(rest, out);
    return options ? run_allow(*options, out, err) : 0;
  }
  if (command == "why") {
    const auto options = parse_why_options(rest, out);
    return options ? run_why(*options, out, err) : 0;
  }
  if (command == "report") {
    const auto options = parse_report_options(rest, out);
    return options ? run_report(*options, out, err) : 0;
  }
  if (command == "merge") {
    const auto options = parse_merge_options(rest, out);
    return options ? run_merge(*options, out, err) : 0;
  }
  if (command == "watch") {
    const auto options = parse_watch_options(rest, out);
    return options ? run_watch(*options, err) : 0;
  }
  throw Error("unknown command '" + command + "' (try 'avcsift --help')", ExitStatus::Usage);
}

}  // namespace

int run_program(std::string_view argv0, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
  const Personality personality = personality_of(argv0);
  if (personality == Personality::Avcsift) return run_app(args, out, err);
  return run_compat(personality, args, out, err);
}

int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_guarded(out, err, [&] {
    const int status = dispatch(args, out, err);
    // A product that did not reach its reader (a full disk, /dev/full) is a
    // failure, not a success with nothing to show.
    // A reader that went away (`| head`) is not an error: end quietly.
    out.flush();
    if (out.fail() && !standard_output_is_broken_pipe()) throw Error("cannot write to standard output");
    return status;
  });
}

int run_guarded(std::ostream& out, std::ostream& err, const std::function<int()>& body) {
  // The one place every failure of a run ends up: whatever the pipeline (or
  // the standard library under it) throws becomes one `avcsift: error:` line
  // and an exit status, never std::terminate's abort.
  const auto fail = [&](const std::string& message) {
    out.flush();
    err << "avcsift: error: " << message << '\n';
    return static_cast<int>(ExitStatus::Failure);
  };
  try {
    return body();
  } catch (const Error& error) {
    fail(error.what());
    return static_cast<int>(error.status());
  } catch (const std::bad_alloc&) {
    return fail("out of memory");
  } catch (const std::regex_error& error) {
    return fail(std::string("a regular expression could not be matched: ") + error.what());
  } catch (const std::system_error& error) {
    // A thread that cannot start (too many processes), a lock that fails.
    return fail(std::string("system error: ") + error.what());
  } catch (const std::exception& error) {
    return fail(std::string("internal error: ") + error.what());
  } catch (...) {
    return fail("internal error: unknown exception");
  }
}

}  // namespace avcsift::cli
