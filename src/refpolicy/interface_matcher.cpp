#include "avcsift/refpolicy/interface_matcher.hpp"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace avcsift::refpolicy {
namespace {

constexpr int kTypePenalty = 10;
constexpr int kClassPenalty = 10;
constexpr int kFlowPenalty = 100;
/// What `*` or a complement weighs: more than any real permission set, so a
/// catch-all interface never beats a specific one.
constexpr int kAllPermsWeight = 100;

/// A fixed type, or "$" for a parameter (self is indexed as a parameter,
/// since it takes the source's type).
std::string index_key(const std::string& word) { return is_param(word) || word == "self" ? "$" : word; }

bool uses_param_target(const Interface& interface) {
  return std::any_of(interface.rules.begin(), interface.rules.end(),
                     [](const AccessRule& rule) { return is_param(rule.target); });
}

}  // namespace

std::string Candidate::call_text() const {
  std::string text = interface->name + '(';
  for (std::size_t i = 0; i < args.size(); ++i) text += (i > 0 ? ", " : "") + args[i];
  return text + ')';
}

InterfaceMatcher::InterfaceMatcher(const InterfaceDatabase& database, const PermissionMap& map,
                                   MatcherOptions options)
    : map_(map), options_(options) {
  for (const auto& interface : database.interfaces()) {
    if (!interface.callable()) continue;
    if (interface.params.size() > 1 && !options_.multi_parameter) continue;
    for (const auto& rule : interface.rules) {
      auto& list = index_[index_key(rule.tclass)][index_key(rule.target)];
      if (list.empty() || list.back() != &interface) list.push_back(&interface);
    }
  }
}

int InterfaceMatcher::score(const Interface& interface, const std::vector<std::string>& args,
                            const AccessRequest& request) const {
  const auto bind = [&](const std::string& word) -> const std::string& {
    if (!is_param(word)) return word;
    const auto index = static_cast<std::size_t>(std::stoi(word.substr(1))) - 1;
    return index < args.size() ? args[index] : word;
  };
  const auto weight = [&](const std::string& tclass, const std::set<std::string>& perms) {
    return perms.count("*") != 0 ? kAllPermsWeight : map_.weight(tclass, perms);
  };
  const bool multi = interface.params.size() > 1;
  bool covered = false;
  bool writes = false;
  int total = 0;
  for (const auto& rule : interface.rules) {
    const std::string& source = bind(rule.source);
    const std::string& target = rule.target == "self" ? source : bind(rule.target);
    const std::string& tclass = bind(rule.tclass);
    writes = writes || rule.perms.count("*") != 0 || map_.writes(tclass, rule.perms);
    int mismatch = 0;
    if (source != request.source) mismatch += kTypePenalty;
    if (target != request.target) mismatch += kTypePenalty;
    if (tclass != request.tclass) mismatch += kClassPenalty;
    if (mismatch > 0) {
      total += mismatch + weight(tclass, rule.perms);
      continue;
    }
    std::set<std::string> missing;
    if (rule.perms.count("*") == 0) {
      std::set_difference(request.perms.begin(), request.perms.end(), rule.perms.begin(), rule.perms.end(),
                          std::inserter(missing, missing.end()));
    }
    if (!missing.empty()) {
      total += map_.weight(request.tclass, missing);
      continue;
    }
    // A rule of only parameters restates the raw rule: it does not make a
    // multi-parameter interface a match.
    if (!multi || !is_param(rule.source) || !is_param(rule.target)) covered = true;
    std::set<std::string> extra;
    if (rule.perms.count("*") != 0) {
      total += kAllPermsWeight;
    } else {
      std::set_difference(rule.perms.begin(), rule.perms.end(), request.perms.begin(), request.perms.end(),
                          std::inserter(extra, extra.end()));
      total += map_.weight(request.tclass, extra);
    }
  }
  if (!covered) return -1;
  if (writes && !map_.writes(request.tclass, request.perms)) total += kFlowPenalty;
  return total;
}

std::vector<Candidate> InterfaceMatcher::match(const AccessRequest& request) const {
  std::vector<const Interface*> seen;
  for (const auto& tclass : {request.tclass, std::string("$")}) {
    const auto by_class = index_.find(tclass);
    if (by_class == index_.end()) continue;
    for (const auto& target : {request.target, std::string("$")}) {
      const auto by_target = by_class->second.find(target);
      if (by_target == by_class->second.end()) continue;
      seen.insert(seen.end(), by_target->second.begin(), by_target->second.end());
    }
  }
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  std::vector<Candidate> candidates;
  for (const Interface* interface : seen) {
    std::vector<std::string> args;
    for (const auto kind : interface->params) {
      switch (kind) {
        case ParamKind::Source: args.push_back(request.source); break;
        case ParamKind::Target: args.push_back(request.target); break;
        case ParamKind::Class: args.push_back(request.tclass); break;
        case ParamKind::Unused:
        case ParamKind::Other: args.push_back(""); break;  // never indexed: not callable
      }
    }
    const int distance = score(*interface, args, request);
    if (distance >= 0 && distance <= options_.max_score) candidates.push_back({interface, std::move(args), distance});
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    const auto rank = [](const Candidate& c) {
      return std::make_tuple(c.score, c.interface->params.size() > 1, !uses_param_target(*c.interface),
                             std::cref(c.interface->name));
    };
    return rank(a) < rank(b);
  });
  return candidates;
}

}  // namespace avcsift::refpolicy
