#include "avcsift/cli/allow_command.hpp"

#include <algorithm>
#include <deque>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "avcsift/aggregate/denial_filter.hpp"
#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/cli/ingest.hpp"
#include "avcsift/cli/log_checks.hpp"
#include "avcsift/cli/rule_placement.hpp"
#include "avcsift/cli/review_options.hpp"
#include "avcsift/cli/module_builder.hpp"
#include "avcsift/cli/output_file.hpp"
#include "avcsift/cli/background_policy.hpp"
#include "avcsift/cli/policy_gate.hpp"
#include "avcsift/cli/rule_collector.hpp"
#include "avcsift/emit/cil_emitter.hpp"
#include "avcsift/emit/reason_text.hpp"
#include "avcsift/emit/te_emitter.hpp"
#include "avcsift/explain/finding_builder.hpp"
#include "avcsift/explain/selinux_errors.hpp"
#include "avcsift/explain/type_census.hpp"
#include "avcsift/explain/verdict_cache.hpp"
#include "avcsift/model/diagnostics.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/policy/policy.hpp"
#include "avcsift/te/te_module.hpp"
#include "reference_writer.hpp"
#include "review_findings.hpp"

namespace avcsift::cli {
namespace {

/// The rules and role statements to write: the run's, minus what the
/// --against modules already grant.
struct Proposal {
  /// Into the RuleSet, or into `trimmed`: the rules are not copied (at
  /// 10,000 rules a copy was the largest allocation of a run, 17 MB).
  std::vector<const Rule*> rules;
  std::deque<Rule> trimmed;  ///< rules --against took permissions from
  std::vector<RoleTypeKey> role_types;
  std::uint64_t subtracted = 0;  ///< permissions left out because a module grants them.
};

Proposal propose(const RuleSet& rules, const te::TeModule* against, bool dontaudit) {
  Proposal proposal;
  const auto kind = dontaudit ? te::RuleKind::DontAudit : te::RuleKind::Allow;
  for (const auto& [key, rule] : rules.rules()) {
    if (against == nullptr) {
      proposal.rules.push_back(&rule);
      continue;
    }
    // Per source, target and class, whatever the reason the log gave.
    const te::AccessKey access{key.source_type, key.target_type, key.tclass};
    const auto granted = [&](const std::string& perm) { return against->grants(kind, access, perm); };
    const auto already =
        static_cast<std::size_t>(std::count_if(rule.permissions.begin(), rule.permissions.end(), granted));
    proposal.subtracted += already;
    if (already == 0) {
      proposal.rules.push_back(&rule);
      continue;
    }
    if (already == rule.permissions.size()) continue;  // the module grants all of it
    Rule& kept = proposal.trimmed.emplace_back(rule);
    std::erase_if(kept.permissions, granted);
    proposal.rules.push_back(&kept);
  }
  for (const auto& [role_type, count] : rules.role_types()) {
    if (against != nullptr && against->grants_role(role_type.role, role_type.type)) continue;
    proposal.role_types.push_back(role_type);
  }
  return proposal;
}

/// -M against a policy: takes out the `role R types T;` statements naming a
/// role or type that neither the policy nor an --app-module declares (the
/// package would not install), and says which on stderr.
void leave_out_foreign_roles(Proposal& proposal, const policy::Policy& policy, const std::set<std::string>& app_types,
                             Diagnostics& diagnostics) {
  std::set<std::string> left_out;
  std::erase_if(proposal.role_types, [&](const RoleTypeKey& role_type) {
    if (role_type_installs(role_type, policy, app_types)) return false;
    left_out.insert("role " + role_type.role + " types " + role_type.type);
    return true;
  });
  if (left_out.empty()) return;
  diagnostics.note("the package leaves out " + some_names(left_out) +
                   ": the policy does not declare the role or the type, and no --app-module does");
}

/// The `!!!! WARNING` comment lines of each source, target and class.
using FlagComments = std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::string>>;

/// Reviews the rules as `report` does, when the user named the application
/// (or asked for --fail-on); the flags become comments above the rules.
std::vector<explain::Finding> review(const RuleSet& rules, const AllowOptions& options,
                                     policy::Policy* policy, FlagComments& comments) {
  if (!options.review.names_application() && !options.review.fail_on) return {};
  auto findings = build_review_findings(rules, explain::HiddenFailureTally{}, make_scope(options.review), policy);
  for (const auto& finding : findings) {
    comments[{finding.source_type, finding.target_type, finding.tclass}] = explain::flag_comments(finding);
  }
  return findings;
}

/// What writing the rules left out or kept despite the policy.
struct Written {
  std::uint64_t left_out = 0;              ///< rules written as comments.
  std::set<std::string> unknown_types;     ///< types of live rules the loaded policy lacks.
};

/// Feeds the proposal to a TeEmitter, CilEmitter or ReferenceWriter (one
/// shape); each rule is live or a comment as place_rule() decides.
template <typename Emitter>
Written write_rules(Emitter& emitter, const Proposal& proposal, const FlagComments& flags,
                    const PlacementContext& context) {
  Written written;
  emitter.begin();
  for (const Rule* const entry : proposal.rules) {
    const Rule& rule = *entry;
    Placement placement = place_rule(rule.verdict, context);
    if (!placement.live) ++written.left_out;
    if (placement.live) written.unknown_types.insert(placement.unknown_types.begin(), placement.unknown_types.end());
    std::vector<std::string> comments;
    const auto found = flags.find({rule.key.source_type, rule.key.target_type, rule.key.tclass});
    if (found != flags.end()) comments = found->second;
    for (auto& line : placement.comments) comments.push_back(std::move(line));
    // process2 rules come from SELINUX_ERR reports audit2allow ignores: say
    // what they fix and what a policy without the class needs.
    if (explain::is_nnp_transition_rule(rule.key.tclass)) {
      for (auto& line : explain::transition_rule_comments(rule.key.source_type, rule.key.target_type)) {
        comments.push_back(std::move(line));
      }
    }
    emitter.add(rule, comments, !placement.live);
  }
  for (const auto& role_type : proposal.role_types) emitter.add(role_type);
  emitter.end();
  return written;
}

Written write_policy(const Proposal& proposal, const AllowOptions& options, const FlagComments& flags,
                     const std::set<std::string>& app_types, Diagnostics& diagnostics, std::ostream& out) {
  const PlacementContext context{options.build_package, &app_types};
  if (options.reference.enabled) {
    ReferenceWriter writer(out, options, diagnostics);
    return write_rules(writer, proposal, flags, context);
  }
  if (options.format == AllowFormat::Cil) {
    emit::CilEmitter emitter(out, {options.module_name, options.module_version, options.dontaudit, options.xperms});
    return write_rules(emitter, proposal, flags, context);
  }
  emit::TeEmitter emitter(out, {options.module_name, options.module_version, options.dontaudit, options.xperms});
  return write_rules(emitter, proposal, flags, context);
}

/// -M NAME: NAME.te and NAME.pp (or NAME.cil, which semodule installs as it
/// is) in the current directory. Both are complete before either is put in
/// place, and they go in as a pair: a failure leaves the files as they were.
Written write_package(const Proposal& proposal, const AllowOptions& options, const FlagComments& flags,
                      const std::set<std::string>& app_types, Diagnostics& diagnostics) {
  const std::string& name = *options.module_name;
  if (options.format == AllowFormat::Cil) {
    OutputFile cil(name + ".cil", options.force);
    const Written written = write_policy(proposal, options, flags, app_types, diagnostics, cil.stream());
    cil.commit();
    diagnostics.note("wrote " + name + ".cil; install it with: semodule -i " + name + ".cil");
    return written;
  }
  OutputFile te(name + ".te", options.force);
  OutputFile pp(name + ".pp", options.force);
  std::ostringstream text;
  const Written written = write_policy(proposal, options, flags, app_types, diagnostics, text);
  te.stream() << text.str();
  pp.stream() << (options.reference.enabled ? build_refpolicy_package(text.str(), name, ".")
                                            : build_policy_package(text.str(), name, "."));
  // The source first; a package that cannot follow it takes it back, so a
  // NAME.pp is never left beside a NAME.te it was not built from.
  te.commit_keeping_previous();
  try {
    pp.commit();
  } catch (...) {
    te.revert();
    throw;
  }
  diagnostics.note("wrote " + name + ".te and " + name + ".pp; install it with: semodule -i " + name + ".pp");
  return written;
}

/// The warnings about the input itself: none of it was denials, it comes from
/// another policy, or the --app-module/--app-types name none of its types.
void check_what_was_read(const AllowOptions& options, const IngestStats& stats, const RuleSet& rules,
                         const explain::TypeCensus& census, const explain::AppScope& scope,
                         const policy::Policy* policy, Diagnostics& diagnostics) {
  if (rules.rules().empty() && rules.role_types().empty()) warn_if_no_denials(stats, options.common, diagnostics);
  if (policy != nullptr) warn_if_foreign_log(census, scope, policy->description(), diagnostics);
  warn_unmatched_scope(scope, census.types(), diagnostics);
}

/// Notes on what the output left out, or kept although the policy lacks it.
void note_written(const Written& written, const AllowOptions& options, Diagnostics& diagnostics) {
  if (written.left_out > 0) {
    diagnostics.note(std::to_string(written.left_out) +
                     (options.build_package
                          ? " rules are commented out: they name what the policy does not define, or "
                            "their denials are fixed by a boolean or already allowed or dontaudited"
                          : " rules name classes or permissions the policy does not define; "
                            "they are commented out"));
  }
  if (written.unknown_types.empty()) return;
  diagnostics.note("the rules name types the loaded policy does not define (" + some_names(written.unknown_types) +
                   "); they install together with the module that declares them (--app-module FILE.te "
                   "names it)");
}

}  // namespace

std::uint64_t write_allow_rules(const RuleSet& rules, const AllowOptions& options,
                                const std::set<std::string>& app_types, Diagnostics& diagnostics, std::ostream& out) {
  return write_policy(propose(rules, nullptr, options.dontaudit), options, FlagComments{}, app_types, diagnostics,
                      out)
      .left_out;
}

int run_allow(const AllowOptions& options, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics(err);
  diagnostics.set_quiet(options.common.quiet);
  // Refuse a bad output before reading a possibly huge log.
  std::optional<OutputFile> output;
  if (options.output) output.emplace(*options.output, options.force);
  const FindingFilters filters = load_finding_filters(options.filters);  // --baseline, --ignore
  DenialFilter filter = options.source_type
                            ? DenialFilter(*options.source_type, options.type_matches_target)
                            : DenialFilter();

  // 1. Read the modules whose rules are not to be proposed again (--against),
  //    and the application's own (--app-module), whose types count as defined.
  const explain::AppScope scope = make_scope(options.review);
  std::optional<te::TeModule> against;
  if (!options.against.empty()) against.emplace();
  for (const auto& path : options.against) te::read_te_module_file(path, *against, diagnostics);

  // 2. Start loading the policy that explains the denials (none: reasons
  //    unknown); the first denial waits for it.
  BackgroundPolicy loading(options.common.policy, diagnostics);
  explain::VerdictCache verdicts(loading.oracle());

  // 3. Read every input, group records into events, fold each denial with its
  //    verdict into a rule per source, target, class and reason.
  RuleSet rules;
  RuleCollector collector(filter, verdicts, rules);
  IngestStats stats;
  PolicyGate gate([&loading] { return loading.ready(); }, collector);
  ingest(options.common, gate, diagnostics, stats, /*keep_record_text=*/false);
  gate.flush();
  policy::Policy* policy = loading.get();
  explain::TypeCensus census;
  census.add(rules);
  check_what_was_read(options, stats, rules, census, scope, policy, diagnostics);

  // 4. Leave out what the --against modules grant.
  Proposal proposal = propose(rules, against ? &*against : nullptr, options.dontaudit);
  if (options.build_package && policy != nullptr) {
    leave_out_foreign_roles(proposal, *policy, scope.types(), diagnostics);
  }

  // 5. With the application named, review the rules as `report` does.
  FlagComments flags;
  const auto findings = review(rules, options, policy, flags);

  // 6. Write the rules, annotated with their flags and reasons, as .te or
  //    CIL: onto stdout, into -o FILE, or as a module package (-M).
  Written written;
  if (options.build_package) {
    written = write_package(proposal, options, flags, scope.types(), diagnostics);
  } else if (output) {
    written = write_policy(proposal, options, flags, scope.types(), diagnostics, output->stream());
    output->commit();
  } else {
    written = write_policy(proposal, options, flags, scope.types(), diagnostics, out);
    out.flush();
  }

  // 7. Sum up what could not be read or used.
  diagnostics.finish();
  note_unreadable(stats, diagnostics);
  if (proposal.subtracted > 0) {
    diagnostics.note(std::to_string(proposal.subtracted) +
                     " permissions are already granted by the --against modules and were left out");
  }
  note_written(written, options, diagnostics);
  if (diagnostics.had_errors()) return static_cast<int>(ExitStatus::Failure);
  if (fail_on_reached(options.review, findings, filters)) return static_cast<int>(ExitStatus::FailOnReached);
  return static_cast<int>(ExitStatus::Ok);
}

}  // namespace avcsift::cli
