#pragma once
/// Plain words and fixes for MLS and MCS constraint denials.
///
/// The constraint denials met most often are MCS: every container runs with
/// its own pair of categories (`container_t:s0:c123,c456`) and may only touch
/// files whose categories are among its own, so a volume labelled for another
/// container (`s0:c12,c34`) is out of reach. audit2why prints the raw
/// constraint with `-Fail-` markers; the user then reaches for `spc_t`,
/// `--privileged` or `label=disable`, which switch SELinux off for the whole
/// container, or for an allow rule, which cannot help: the TE rules already
/// allow the access and the constraint compares levels, not types. The cure
/// is a label with the right level: relabel the volume for the container
/// (`:Z`, `:z`), give a host path the container's level, or run containers
/// that must share with the same level. On MLS policies the same comparison
/// forbids reading up and writing down; there the process, not the data,
/// changes level (declassifying a file to let a lower process read it would
/// leak it).
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "avcsift/explain/finding.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift::explain {

/// An MLS/MCS level: `s0:c1,c3.c5` has sensitivity 0 and categories {1,3,4,5}.
struct Level {
  std::string sensitivity;           ///< `s0`.
  int rank = 0;                      ///< 0 for `s0`: the number in the name.
  std::set<unsigned> categories;
};

/// Parses `s0`, `s0:c1,c2`, `s1:c0.c1023`; nullopt for anything else.
[[nodiscard]] std::optional<Level> parse_level(std::string_view text);

/// `c1,c3.c5` for a set of categories (`none` when empty).
[[nodiscard]] std::string category_text(const std::set<unsigned>& categories);

/// True when the denial is a constraint denial on levels (MLS or MCS).
[[nodiscard]] bool is_level_denial(const Verdict& verdict);

/// True when every failed comparison is between levels of the same
/// sensitivity, so only categories differ (MCS).
[[nodiscard]] bool only_categories_differ(const Verdict& verdict);

/// Plain sentences on which side's level does not dominate the other's and
/// that no allow rule can fix it; empty unless is_level_denial().
[[nodiscard]] std::vector<std::string> explain_levels(const Verdict& verdict);

/// True for container domains (`container_t`, `container_init_t`,
/// `svirt_lxc_net_t`...), whose volumes are labelled by podman and docker.
[[nodiscard]] bool is_container_domain(std::string_view type);

/// The fixes of a level denial, in FixKind order; empty unless is_level_denial().
[[nodiscard]] std::vector<Fix> level_fixes(const Finding& finding);

/// The fixes of a container denied a host file by type (not by level): the
/// engine's `:Z`/`:z` relabel of the volume (never for a system type such as
/// etc_t, whose host services would lose it) and the flagged "do not" advice;
/// empty for other sources and for the container's own `container_*` types.
[[nodiscard]] std::vector<Fix> container_volume_fixes(const Finding& finding);

}  // namespace avcsift::explain
