#include "avcsift/refpolicy/interface_expansion.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>

namespace avcsift::refpolicy {
namespace {

using Args = std::vector<std::vector<std::string>>;

/// The values `field` takes for a call with `args`: a whole `$N` becomes the
/// N-th argument (a set gives several values); `$N` inside a name (`$1_t`)
/// is replaced textually, which needs a single-name argument. nullopt when
/// the call does not pass what the field needs, which drops the rule.
std::optional<std::vector<std::string>> substitute(const std::string& field, const Args& args) {
  if (is_param(field)) {
    const auto index = static_cast<std::size_t>(std::stoi(field.substr(1)));
    if (index > args.size() || args[index - 1].empty()) return std::nullopt;
    return args[index - 1];
  }
  if (field.find('$') == std::string::npos) return std::vector<std::string>{field};
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '$' && i + 1 < field.size() && field[i + 1] >= '1' && field[i + 1] <= '9') {
      const auto index = static_cast<std::size_t>(field[i + 1] - '0');
      if (index > args.size() || args[index - 1].size() != 1) return std::nullopt;
      out += args[index - 1][0];
      ++i;
    } else {
      out += field[i];
    }
  }
  return std::vector<std::string>{out};
}

/// One rule per source, target and class, as sepolgen's access vector sets.
std::vector<AccessRule> merge(const std::vector<AccessRule>& rules) {
  std::map<std::tuple<std::string, std::string, std::string>, std::set<std::string>> merged;
  for (const auto& rule : rules) {
    merged[{rule.source, rule.target, rule.tclass}].insert(rule.perms.begin(), rule.perms.end());
  }
  std::vector<AccessRule> out;
  out.reserve(merged.size());
  for (auto& [key, perms] : merged) {
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), std::move(perms)});
  }
  return out;
}

struct Expanded {
  std::vector<AccessRule> rules;
  std::map<int, ParamKind> other_uses;
};

class Expander {
 public:
  Expander(const std::vector<ParsedInterface>& parsed, ExpansionStats& stats) : stats_(stats) {
    for (const auto& one : parsed) by_name_[one.name] = &one;
  }

  const Expanded& expand(const ParsedInterface& one) {
    if (const auto done = done_.find(one.name); done != done_.end()) return done->second;
    visiting_[one.name] = true;
    Expanded result{one.rules, one.other_uses};
    for (const auto& call : one.calls) add_call(call, result);
    result.rules = merge(result.rules);  // callers copy these: keep them small
    visiting_.erase(one.name);
    return done_[one.name] = std::move(result);
  }

  const std::unordered_map<std::string, const ParsedInterface*>& by_name() const { return by_name_; }

 private:
  void add_call(const InterfaceCall& call, Expanded& result) {
    const auto callee = by_name_.find(call.name);
    if (callee == by_name_.end()) {
      ++stats_.missing_calls;
      return;
    }
    if (visiting_.count(call.name) != 0) {
      ++stats_.cycles;
      return;
    }
    const Expanded& inner = expand(*callee->second);
    for (const auto& rule : inner.rules) {
      const auto sources = substitute(rule.source, call.args);
      const auto targets = substitute(rule.target, call.args);
      const auto classes = substitute(rule.tclass, call.args);
      if (!sources || !targets || !classes) continue;
      std::set<std::string> perms;
      for (const auto& perm : rule.perms) {
        if (const auto values = substitute(perm, call.args)) perms.insert(values->begin(), values->end());
      }
      if (perms.empty()) continue;
      for (const auto& source : *sources) {
        for (const auto& target : *targets) {
          for (const auto& tclass : *classes) result.rules.push_back({source, target, tclass, perms});
        }
      }
    }
    // A callee's role or new-type parameter makes the caller's own
    // parameter passed there a role or new type too.
    for (const auto& [number, kind] : inner.other_uses) {
      if (number < 1 || static_cast<std::size_t>(number) > call.args.size()) continue;
      for (const auto& word : call.args[static_cast<std::size_t>(number) - 1]) {
        if (is_param(word)) result.other_uses[std::stoi(word.substr(1))] = kind;
      }
    }
  }

  ExpansionStats& stats_;
  std::unordered_map<std::string, const ParsedInterface*> by_name_;
  std::unordered_map<std::string, Expanded> done_;
  std::unordered_map<std::string, bool> visiting_;
};

/// Numbers of the parameters one interface mentions anywhere, its calls included.
int highest_param(const ParsedInterface& one, const Expanded& expanded) {
  int highest = 0;
  const auto see = [&](const std::string& word) {
    if (is_param(word)) highest = std::max(highest, std::stoi(word.substr(1)));
  };
  for (const auto& rule : expanded.rules) {
    see(rule.source);
    see(rule.target);
    see(rule.tclass);
  }
  for (const auto& [number, kind] : expanded.other_uses) highest = std::max(highest, number);
  for (const auto& call : one.calls) {
    for (const auto& arg : call.args) std::for_each(arg.begin(), arg.end(), see);
  }
  return highest;
}

std::vector<ParamKind> classify(const ParsedInterface& one, const Expanded& expanded) {
  std::vector<ParamKind> params(static_cast<std::size_t>(highest_param(one, expanded)), ParamKind::Unused);
  const auto mark = [&](const std::string& word, ParamKind kind) {
    if (!is_param(word)) return;
    ParamKind& current = params[static_cast<std::size_t>(std::stoi(word.substr(1))) - 1];
    // A type used as source somewhere is a domain: the denied subject.
    if (current == ParamKind::Unused || (current == ParamKind::Target && kind == ParamKind::Source)) {
      current = kind;
    }
  };
  for (const auto& rule : expanded.rules) {
    mark(rule.source, ParamKind::Source);
    mark(rule.target, ParamKind::Target);
    mark(rule.tclass, ParamKind::Class);
  }
  for (const auto& [number, kind] : expanded.other_uses) {
    if (number >= 1 && static_cast<std::size_t>(number) <= params.size()) {
      params[static_cast<std::size_t>(number) - 1] = kind;
    }
  }
  return params;
}

}  // namespace

std::vector<Interface> expand_interfaces(const std::vector<ParsedInterface>& parsed, ExpansionStats& stats) {
  Expander expander(parsed, stats);
  std::vector<Interface> out;
  out.reserve(expander.by_name().size());
  // In file order, not hash order: where calls form a cycle, which interface
  // is expanded first decides what the cycle leaves out, and that must not
  // differ between runs or platforms.
  for (const auto& one : parsed) {
    if (expander.by_name().at(one.name) != &one) continue;  // redefined later
    const Expanded& expanded = expander.expand(one);
    out.push_back({one.name, one.file, one.is_template, expanded.rules, classify(one, expanded)});
  }
  std::sort(out.begin(), out.end(), [](const Interface& a, const Interface& b) { return a.name < b.name; });
  return out;
}

}  // namespace avcsift::refpolicy
