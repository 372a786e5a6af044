#pragma once
/// avcsift as `audit2allow` and `audit2why`: the same binary, linked under
/// their names, takes their options with their meanings, so scripts and
/// habits keep working.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace avcsift::cli {

/// The name the binary was started under.
enum class Personality { Avcsift, Audit2allow, Audit2why };

/// The personality for `argv0` (its base name: `audit2allow`, `audit2why`,
/// anything else is avcsift).
[[nodiscard]] Personality personality_of(std::string_view argv0);

/// The avcsift command line that does what `audit2allow`/`audit2why` would do
/// with `args`: `-a`, `-b`, `-d`, `-i`, `-l`, `-m`, `-M`, `-o`, `-r`, `-R`, `-N`,
/// `-C`, `-D`, `-e`, `-v`, `-t`, `-x`, `-w`, `-p`, `--perm-map`,
/// `--interface-info`, `--debug`. Throws avcsift::Error (usage) for options
/// audit2allow would refuse. `append_to` receives `-o`'s file (audit2allow
/// appends to it); `notes` what avcsift does differently, for stderr.
struct CompatTranslation {
  std::vector<std::string> avcsift_args;
  std::string append_to;
  std::vector<std::string> notes;
  bool help = false;
};
[[nodiscard]] CompatTranslation translate_compat(Personality personality,
                                                 const std::vector<std::string>& args);

/// The audit logs under `dir` for `-a`/`-b`: `audit.log` and its rotations
/// (`audit.log.1`, `audit.log.2.gz`, ...), oldest first.
[[nodiscard]] std::vector<std::string> audit_log_files(const std::string& dir);

/// Runs as audit2allow or audit2why; returns the exit status.
int run_compat(Personality personality, const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err);

}  // namespace avcsift::cli
