#include "reference_writer.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "avcsift/emit/refpolicy_emitter.hpp"
#include "avcsift/emit/te_emitter.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/model/identifier.hpp"
#include "avcsift/refpolicy/interface_cache.hpp"
#include "avcsift/refpolicy/interface_matcher.hpp"
#include "avcsift/refpolicy/permission_map.hpp"
#include "avcsift/refpolicy/sepolgen_interface_info.hpp"

namespace avcsift::cli {
namespace {

namespace fs = std::filesystem;
using refpolicy::ParamKind;

/// --perm-map, else sepolgen's installed map, else the built-in weights.
refpolicy::PermissionMap load_permission_map(const ReferenceOptions& options, Diagnostics& diagnostics) {
  if (options.perm_map) return refpolicy::PermissionMap::read_file(*options.perm_map);
  for (const auto path : {refpolicy::kDebianPermMapPath, refpolicy::kSharePermMapPath}) {
    std::error_code error;
    if (fs::is_regular_file(path, error)) return refpolicy::PermissionMap::read_file(path);
  }
  diagnostics.note("no permission map at " + std::string(refpolicy::kDebianPermMapPath) + " or " +
                   std::string(refpolicy::kSharePermMapPath) +
                   "; interfaces are scored with avcsift's built-in weights (install python3-sepolgen or "
                   "use --perm-map)");
  return refpolicy::PermissionMap::built_in();
}

refpolicy::InterfaceDatabase load_database(const ReferenceOptions& options, Diagnostics& diagnostics) {
  if (options.interface_info) {
    std::ifstream in(*options.interface_info);
    if (!in) throw Error(*options.interface_info + ": cannot read the interface information");
    return refpolicy::read_sepolgen_interface_info(in, *options.interface_info);
  }
  refpolicy::CacheSettings settings;
  if (options.cache_dir) settings.dir = fs::path(*options.cache_dir);
  settings.enabled = !options.no_cache;
  refpolicy::CacheOutcome outcome;
  auto database = refpolicy::load_interface_database(options.include_dir, settings, diagnostics, outcome);
  const auto& stats = database.header_stats;
  if (stats.files_skipped > 0) {
    diagnostics.note(std::to_string(stats.files_skipped) + " interface files under " + options.include_dir +
                     " could not be read and were skipped" + (options.verbose ? ":" : " (-v lists them)"));
  }
  if (options.verbose) {
    for (const auto& problem : stats.problems) diagnostics.note("  " + problem);
    std::ostringstream seconds;
    seconds.precision(3);
    seconds << outcome.seconds;
    diagnostics.note(std::to_string(stats.interfaces) + " interfaces and " + std::to_string(stats.templates) +
                     " templates from " + std::to_string(stats.files_read) + " files, " +
                     (outcome.from_cache ? "from the cache " + outcome.file.string() : "parsed") + " in " +
                     seconds.str() + " s; " + std::to_string(database.callable_count(false)) +
                     " can be called with one parameter, " +
                     std::to_string(database.callable_count(true) - database.callable_count(false)) +
                     " with several");
  }
  return database;
}

std::string kind_text(ParamKind kind) {
  switch (kind) {
    case ParamKind::Source: return "source type";
    case ParamKind::Target: return "target type";
    case ParamKind::Class: return "class";
    case ParamKind::Unused: return "unused";
    case ParamKind::Other: return "other";
  }
  return "other";
}

/// `comm a, b` and the like: a few examples of the denials behind a rule
/// (log text: write_comment_lines escapes it).
template <typename Sample>
std::string examples(const std::string& label, const Sample& sample) {
  if (sample.values().empty()) return "";
  std::string text = ", " + label;
  std::size_t shown = 0;
  for (const auto& value : sample.values()) {
    if (shown++ == 3) break;
    text += " " + value;
  }
  return text + (sample.values().size() > 3 || sample.overflowed() ? " ..." : "");
}

/// The -v lines above a call: the denials it covers, its score, the
/// alternatives, and a note when it has several parameters.
std::vector<std::string> explain(const Rule& rule, const std::vector<refpolicy::Candidate>& candidates) {
  const auto& best = candidates.front();
  std::vector<std::string> lines{" covers " + rule.key.source_type + ' ' + rule.key.target_type + ':' +
                                 rule.key.tclass + ' ' + emit::te_set_text(rule.permissions) + " (score " +
                                 std::to_string(best.score) + ')'};
  lines.push_back("  " + std::to_string(rule.count) + (rule.count == 1 ? " denial" : " denials") +
                  examples("comm", rule.commands) + examples("path", rule.paths));
  if (candidates.size() > 1) {
    std::string alternatives = "  alternatives:";
    for (std::size_t i = 1; i < candidates.size() && i < 4; ++i) {
      alternatives += ' ' + candidates[i].call_text() + " [" + std::to_string(candidates[i].score) + ']';
    }
    if (candidates.size() > 4) alternatives += " and " + std::to_string(candidates.size() - 4) + " more";
    lines.push_back(alternatives);
  }
  if (best.interface->params.size() > 1) {
    std::string params = "  " + std::to_string(best.interface->params.size()) + "-parameter interface (";
    for (std::size_t i = 0; i < best.interface->params.size(); ++i) {
      params += (i > 0 ? ", $" : "$") + std::to_string(i + 1) + ' ' + kind_text(best.interface->params[i]);
    }
    lines.push_back(params + "): audit2allow -R never proposes these");
  }
  return lines;
}

}  // namespace

void ReferenceWriter::end() {
  const ReferenceOptions& reference = options_.reference;
  // 1. The weights and the interfaces (from the cache when it is fresh).
  const auto map = load_permission_map(reference, diagnostics_);
  const auto database = load_database(reference, diagnostics_);
  const refpolicy::InterfaceMatcher matcher(database, map, {!reference.one_parameter});

  // 2. Per rule, the best interface; rules nothing covers stay raw.
  emit::RefpolicyEmitter emitter(out_, {options_.module_name, options_.module_version, options_.dontaudit,
                                        options_.xperms});
  emitter.begin();
  std::map<std::pair<std::string, std::string>, emit::InterfaceCallEntry> calls;
  std::size_t multi = 0;
  for (const auto& entry : entries_) {
    const Rule& rule = *entry.rule;
    // A dontaudit module (-D) has no interfaces to call: they grant access.
    std::vector<refpolicy::Candidate> candidates;
    if (!entry.disabled && !options_.dontaudit) {
      candidates = matcher.match({rule.key.source_type, rule.key.target_type, rule.key.tclass, rule.permissions});
    }
    // Arguments come from the log, the name from headers: both must be
    // identifiers before they become policy text.
    const bool valid = !candidates.empty() && is_valid_identifier(candidates.front().interface->name) &&
                       std::all_of(candidates.front().args.begin(), candidates.front().args.end(),
                                   [](const std::string& arg) { return is_valid_identifier(arg); });
    if (!valid) {
      auto comments = entry.comments;
      if (reference.verbose && !entry.disabled) comments.push_back(" no interface covers this access");
      emitter.add(rule, comments, entry.disabled);
      continue;
    }
    const auto& best = candidates.front();
    auto [slot, fresh] = calls.try_emplace({rule.key.source_type, best.call_text()});
    emit::InterfaceCallEntry& call = slot->second;
    if (fresh) {
      call.domain = rule.key.source_type;
      call.name = best.interface->name;
      call.args = best.args;
      for (std::size_t i = 0; i < best.args.size(); ++i) {
        if (best.interface->params[i] != ParamKind::Class) call.types.push_back(best.args[i]);
      }
      if (best.interface->params.size() > 1) ++multi;
    }
    if (reference.verbose) {
      for (auto& line : entry.comments) call.comments.push_back(line);
      for (auto& line : explain(rule, candidates)) call.comments.push_back(std::move(line));
    }
  }
  for (auto& [key, call] : calls) emitter.add(std::move(call));
  for (const auto& role_type : role_types_) emitter.add(role_type);
  emitter.end();
  if (reference.verbose && multi > 0) {
    diagnostics_.note(std::to_string(multi) + " of " + std::to_string(calls.size()) +
                      " interface calls use interfaces with several parameters (audit2allow -R never does)");
  }
}

}  // namespace avcsift::cli
