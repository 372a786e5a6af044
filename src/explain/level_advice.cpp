#include "avcsift/explain/level_advice.hpp"

#include <algorithm>
#include <charconv>

#include "avcsift/explain/type_catalogue.hpp"
#include "avcsift/model/identifier.hpp"

namespace avcsift::explain {
namespace {

bool parse_number(std::string_view text, unsigned& out) {
  if (text.empty()) return false;
  const auto* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, out);
  return result.ec == std::errc{} && result.ptr == end;
}

/// `c5` -> 5.
bool parse_category(std::string_view text, unsigned& out) {
  return text.size() > 1 && text.front() == 'c' && parse_number(text.substr(1), out);
}

/// One operand of a comparison, in words: `the source (s0:c1,c2)`.
struct Side {
  std::string name;  // "the source" or "the target"
  std::string text;  // the level as logged
  Level level;
};

std::string side_name(std::string_view operand) {
  return operand.size() == 2 && operand[1] == '1' ? "the source" : "the target";
}

/// Why `a` does not dominate `b`, in words, with what it means.
std::string not_dominating(const Side& a, const Side& b) {
  std::string text = a.name + " level " + a.text + " does not dominate " + b.name + " level " + b.text + ":";
  std::set<unsigned> missing;
  std::set_difference(b.level.categories.begin(), b.level.categories.end(), a.level.categories.begin(),
                      a.level.categories.end(), std::inserter(missing, missing.end()));
  bool first = true;
  if (a.level.rank < b.level.rank) {
    text += " its sensitivity " + a.level.sensitivity + " is below " + b.level.sensitivity;
    first = false;
  }
  if (!missing.empty()) {
    text += std::string(first ? "" : ", and") + " " + a.name.substr(4) + " lacks the categories " +
            category_text(missing) + " that " + b.name.substr(4) + " has";
  }
  const bool source_low = a.name == "the source";
  if (a.level.rank < b.level.rank) {
    text += source_low ? " (reading up: a process may not read above its own level)"
                       : " (writing down: a process may not write below its own level, or it could leak "
                         "what it read)";
  } else if (!missing.empty()) {
    text += source_low ? " (a process may only use objects whose categories are all among its own; each "
                         "container gets its own pair)"
                       : " (the object must carry every category of the process that writes it)";
  }
  return text;
}

std::string mismatch_text(const LevelMismatch& m) {
  const auto left = parse_level(m.left_level);
  const auto right = parse_level(m.right_level);
  Side a{side_name(m.left), m.left_level, left.value_or(Level{})};
  Side b{side_name(m.right), m.right_level, right.value_or(Level{})};
  if (!left || !right) {
    return a.name + " level " + m.left_level + " and " + b.name + " level " + m.right_level + " fail `" + m.left +
           ' ' + m.op + ' ' + m.right + '`';
  }
  if (m.op == "dom") return not_dominating(a, b);
  if (m.op == "domby") return not_dominating(b, a);
  if (m.op == "eq") {
    std::string text = a.name + " level " + a.text + " and " + b.name + " level " + b.text +
                       " differ, and this access needs equal levels";
    // Which way the sensitivities differ says what the rule protects.
    const Side& source = a.name == "the source" ? a : b;
    const Side& target = a.name == "the source" ? b : a;
    if (source.name == target.name || source.level.rank == target.level.rank) return text;
    if (source.level.rank > target.level.rank) {
      return text + " (writing down: the process at " + source.level.sensitivity + " may not write below its own "
                    "level, or it could leak what it read into " + target.level.sensitivity + ")";
    }
    return text + " (writing up: the process at " + source.level.sensitivity +
           " may not change data above its level, which it cannot read)";
  }
  if (m.op == "incomp") return a.name + " level " + a.text + " and " + b.name + " level " + b.text + " are comparable";
  return a.name + " level " + a.text + " and " + b.name + " level " + b.text + " are equal";
}

/// The level the source runs at (its low level: containers have one level).
std::string source_level(const Verdict& verdict) {
  for (const auto& m : verdict.level_mismatches) {
    if (m.left == "l1") return m.left_level;
    if (m.right == "l1") return m.right_level;
  }
  for (const auto& m : verdict.level_mismatches) {
    if (m.left == "h1") return m.left_level;
    if (m.right == "h1") return m.right_level;
  }
  return {};
}

std::string target_level(const Verdict& verdict) {
  for (const auto& m : verdict.level_mismatches) {
    if (m.left[1] == '2') return m.left_level;
    if (m.right[1] == '2') return m.right_level;
  }
  return {};
}

/// Levels reach shell commands only when they look like levels.
bool plain_level(const std::string& level) {
  return parse_level(level).has_value();
}

bool shell_path(const std::string& path) {
  return path.size() > 1 && path.front() == '/' && std::all_of(path.begin(), path.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                  c == '.' || c == '_' || c == '-' || c == '+';
         });
}

/// The first logged path that can go into a shell command as it is.
std::string first_shell_path(const Finding& finding) {
  for (const auto& p : finding.paths) {
    if (shell_path(p)) return p;
  }
  return {};
}

Fix volume_relabel_fix(const std::string& path) {
  const std::string dir = path.empty() ? "HOST_DIR" : path;
  return {FixKind::VolumeRelabel,
          "podman run -v " + dir + ":/data:Z IMAGE   # private to this container\n" +
              "podman run -v " + dir + ":/data:z IMAGE   # shared by several containers\n" +
              "# docker run takes the same :Z and :z suffixes",
          "let the container engine relabel the volume: :Z gives it this container's categories (and takes it "
          "from any other container that used it), :z the shared level s0 every container may use; never on a "
          "host system directory (/, /etc, /usr, /home, /var...), whose services would lose access"};
}

Fix unconfine_fix() {
  return {FixKind::Unconfine,
          "# do not: podman run --security-opt label=disable IMAGE\n"
          "# do not: podman run --privileged IMAGE (or --security-opt label=type:spc_t)",
          "what audit2why users reach for: it turns off SELinux separation for the whole "
          "container, so a compromised container reaches every file on the host"};
}

}  // namespace

std::optional<Level> parse_level(std::string_view text) {
  Level level;
  const auto colon = text.find(':');
  const std::string_view sens = text.substr(0, colon);
  unsigned rank = 0;
  if (sens.size() < 2 || sens.front() != 's' || !parse_number(sens.substr(1), rank)) return std::nullopt;
  level.sensitivity = std::string(sens);
  level.rank = static_cast<int>(rank);
  if (colon == std::string_view::npos) return level;
  std::string_view rest = text.substr(colon + 1);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const auto dot = item.find('.');
    unsigned low = 0;
    unsigned high = 0;
    if (!parse_category(item.substr(0, dot), low)) return std::nullopt;
    high = low;
    if (dot != std::string_view::npos && !parse_category(item.substr(dot + 1), high)) return std::nullopt;
    if (high < low || high - low > 4096) return std::nullopt;
    for (unsigned c = low; c <= high; ++c) level.categories.insert(c);
  }
  return level;
}

std::string category_text(const std::set<unsigned>& categories) {
  std::string out;
  for (auto it = categories.begin(); it != categories.end();) {
    auto last = it;
    while (std::next(last) != categories.end() && *std::next(last) == *last + 1) ++last;
    out += (out.empty() ? "c" : ",c") + std::to_string(*it);
    if (last != it) out += (*last == *it + 1 ? ",c" : ".c") + std::to_string(*last);
    it = std::next(last);
  }
  return out.empty() ? "none" : out;
}

bool is_level_denial(const Verdict& verdict) {
  return verdict.reason == Reason::Constraint && !verdict.level_mismatches.empty();
}

bool only_categories_differ(const Verdict& verdict) {
  return std::all_of(verdict.level_mismatches.begin(), verdict.level_mismatches.end(), [](const LevelMismatch& m) {
    const auto a = parse_level(m.left_level);
    const auto b = parse_level(m.right_level);
    return a && b && a->rank == b->rank;
  });
}

std::vector<std::string> explain_levels(const Verdict& verdict) {
  std::vector<std::string> lines;
  if (!is_level_denial(verdict)) return lines;
  for (const auto& m : verdict.level_mismatches) {
    std::string text = mismatch_text(m);
    text.front() = static_cast<char>(text.front() - 'a' + 'A');
    if (std::find(lines.begin(), lines.end(), text + '.') == lines.end()) lines.push_back(text + '.');
  }
  lines.push_back(std::string("No allow rule can fix this: the TE rules allow the access and an ") +
                  (only_categories_differ(verdict) ? "MCS" : "MLS") +
                  " constraint compares the levels; change a level instead.");
  return lines;
}

bool is_container_domain(std::string_view type) {
  return type.starts_with("container_") || type.starts_with("svirt_lxc") || type.starts_with("svirt_sandbox");
}

std::vector<Fix> level_fixes(const Finding& finding) {
  std::vector<Fix> fixes;
  const Verdict& verdict = finding.verdict;
  if (!is_level_denial(verdict)) return fixes;
  const std::string source = source_level(verdict);
  const std::string target = target_level(verdict);
  if (!plain_level(source) || !plain_level(target)) return fixes;
  const bool mcs = only_categories_differ(verdict);
  const std::string path = first_shell_path(finding);
  if (mcs && is_container_domain(finding.source_type) && is_file_class(finding.tclass)) {
    fixes.push_back(volume_relabel_fix(path));
  }
  if (mcs && is_file_class(finding.tclass) && !path.empty() && !is_system_type(finding.target_type)) {
    fixes.push_back({FixKind::LevelLabel,
                     "chcon -l " + source + ' ' + path + "   # now; a relabel resets it\n" +
                         "semanage fcontext -a -t " + finding.target_type + " -r " + source + " '" + path +
                         "(/.*)?'\nrestorecon -Rv " + path,
                     "give the host path " + path + " the level " + source + " of " + finding.source_type +
                         " (keeping its type " + finding.target_type + ")"});
  }
  if (mcs && is_container_domain(finding.source_type)) {
    fixes.push_back({FixKind::ContainerLevel,
                     "podman run --security-opt label=level:" + target + " IMAGE\n" +
                         "# docker run --security-opt label=level:" + target + " IMAGE",
                     "for containers that must share: run this one with the level " + target +
                         " of the data it shares (they then share everything labelled with it)"});
  }
  if (!mcs) {
    fixes.push_back({FixKind::ProcessLevel, "runcon -l " + target + " COMMAND   # or: newrole -l " + target,
                     "run the process at the level of the data (within the user's clearance); do not "
                     "relabel the data to another level, which would declassify or hide it"});
  }
  if (is_container_domain(finding.source_type)) fixes.push_back(unconfine_fix());
  return fixes;
}

std::vector<Fix> container_volume_fixes(const Finding& finding) {
  std::vector<Fix> fixes;
  if (!is_container_domain(finding.source_type) || !is_file_class(finding.tclass)) return fixes;
  // The container's own types need no relabel; a TE denial on them is
  // something else (a boolean, a missing rule in the container policy).
  if (finding.target_type.starts_with("container_")) return fixes;
  // A system type means the container was given a host system directory:
  // relabelling that (`:Z` on /etc, /usr, /var...) takes it away from the
  // services of the host. Only the "do not" advice fits.
  if (!is_system_type(finding.target_type)) fixes.push_back(volume_relabel_fix(first_shell_path(finding)));
  fixes.push_back(unconfine_fix());
  return fixes;
}

}  // namespace avcsift::explain
