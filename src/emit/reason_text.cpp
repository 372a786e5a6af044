#include "avcsift/emit/reason_text.hpp"

#include <ostream>

#include "avcsift/explain/level_advice.hpp"

namespace avcsift::emit {
namespace {

std::string join_names(const std::vector<BooleanSetting>& settings, const char* separator) {
  std::string out;
  for (const auto& setting : settings) {
    if (!out.empty()) out += separator;
    out += setting.name;
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

/// Every fix is a single boolean: audit2why's "one of these" case.
bool all_single(const Verdict& verdict) {
  for (const auto& fix : verdict.boolean_fixes) {
    if (fix.size() != 1) return false;
  }
  return true;
}

}  // namespace

std::string setsebool_command(const std::vector<BooleanSetting>& settings) {
  std::string command = "setsebool -P";
  for (const auto& setting : settings) {
    command += ' ' + setting.name + (setting.value ? " 1" : " 0");
  }
  return command;
}

std::vector<std::string> te_reason_comments(const Verdict& verdict) {
  std::vector<std::string> lines;
  switch (verdict.reason) {
    case Reason::Unknown:
    case Reason::MissingTeRule:
      break;
    case Reason::Allowed:
      lines.emplace_back("!!!! This avc is allowed in the current policy");
      break;
    case Reason::DontAudit:
      lines.emplace_back("!!!! This avc has a dontaudit rule in the current policy");
      break;
    case Reason::Boolean:
      if (verdict.boolean_fixes.size() == 1 && verdict.boolean_fixes.front().size() == 1) {
        lines.push_back("!!!! This avc can be allowed using the boolean '" +
                        verdict.boolean_fixes.front().front().name + "'");
      } else if (all_single(verdict)) {
        lines.emplace_back("!!!! This avc can be allowed using one of the these booleans:");
        std::vector<std::string> names;
        for (const auto& fix : verdict.boolean_fixes) names.push_back(fix.front().name);
        lines.push_back("     " + join(names, ", "));
      } else if (verdict.boolean_fixes.size() == 1) {
        // audit2allow cannot express this: booleans that must change together.
        lines.emplace_back("!!!! This avc can be allowed using all of these booleans:");
        lines.push_back("     " + join_names(verdict.boolean_fixes.front(), ", "));
      } else {
        lines.emplace_back("!!!! This avc can be allowed using one of these sets of booleans:");
        for (const auto& fix : verdict.boolean_fixes) lines.push_back("     " + join_names(fix, " + "));
      }
      for (const auto& fix : verdict.boolean_fixes) lines.push_back("     " + setsebool_command(fix));
      break;
    case Reason::Constraint:
      lines.emplace_back(
          "!!!! This avc is a constraint violation.  You would need to modify the attributes of "
          "either the source or target types to allow this access.");
      lines.emplace_back("Constraint rule: ");
      for (const auto& constraint : verdict.constraints) lines.push_back("\t" + constraint);
      if (!verdict.cause.empty()) lines.push_back("\tPossible cause is " + verdict.cause + ".");
      break;
    case Reason::Rbac:
      lines.emplace_back(
          "!!!! This avc is a role-based access control violation: a role allow rule is missing "
          "or the role may not have this type.");
      if (!verdict.cause.empty()) lines.push_back("     " + verdict.cause);
      break;
    case Reason::Bounds:
      lines.emplace_back("!!!! This avc is a typebounds violation: the bounding type does not allow it.");
      if (!verdict.cause.empty()) lines.push_back("     " + verdict.cause);
      break;
    case Reason::NotInPolicy:
      lines.emplace_back("!!!! This avc names what the current policy lacks; the log comes from another policy:");
      for (const auto& name : verdict.undefined_names) lines.push_back("     " + name + " is not defined in the policy");
      if (!verdict.cause.empty()) lines.push_back("     (" + verdict.cause + ")");
      break;
  }
  return lines;
}

void write_why_explanation(std::ostream& out, const Verdict& verdict,
                           const BooleanDescriber& describe_boolean) {
  out << "\n\tWas caused by:\n";
  switch (verdict.reason) {
    case Reason::Unknown:
      out << "\t\tUnknown - no policy was available to explain this denial.\n";
      break;
    case Reason::Allowed:
    case Reason::DontAudit:
      out << (verdict.reason == Reason::Allowed ? "\t\tUnknown - would be allowed by active policy\n"
                                                : "\t\tUnknown - should be dontaudit'd by active policy\n")
          << "\t\tPossible mismatch between this policy and the one under which the audit message "
             "was generated.\n\n"
             "\t\tPossible mismatch between current in-memory boolean settings vs. permanent ones.\n";
      break;
    case Reason::MissingTeRule:
      out << "\t\tMissing type enforcement (TE) allow rule.\n\n"
             "\t\tYou can use audit2allow to generate a loadable module to allow this access.\n";
      break;
    case Reason::Boolean: {
      const bool single = verdict.boolean_fixes.size() == 1;
      if (single && verdict.boolean_fixes.front().size() == 1) {
        out << "\tThe boolean " << verdict.boolean_fixes.front().front().name
            << " was set incorrectly. \n";
      } else if (single) {
        out << "\tThese booleans were set incorrectly and must be changed together.\n";
      } else if (all_single(verdict)) {
        out << "\tOne of the following booleans was set incorrectly.\n";
      } else {
        out << "\tOne of the following sets of booleans was set incorrectly; each set must be changed together.\n";
      }
      for (const auto& fix : verdict.boolean_fixes) {
        for (const auto& setting : fix) {
          const std::string description = describe_boolean ? describe_boolean(setting.name) : "";
          out << "\tDescription:\n\t" << (description.empty() ? setting.name : description) << "\n";
        }
        out << "\n\tAllow access by executing:\n\t# " << setsebool_command(fix) << '\n';
      }
      break;
    }
    case Reason::Constraint:
      out << "\n#Constraint rule:\n";
      for (const auto& constraint : verdict.constraints) out << "\n#\t" << constraint << '\n';
      if (!verdict.cause.empty()) out << "\n#\tPossible cause is " << verdict.cause << ".\n";
      for (const auto& line : explain::explain_levels(verdict)) out << "\n\tavcsift: " << line << '\n';
      break;
    case Reason::Rbac:
      out << "\t\tMissing role allow rule.\n\n\t\tAdd an allow rule for the role pair.\n";
      if (!verdict.cause.empty()) out << "\t\t(" << verdict.cause << ")\n";
      break;
    case Reason::Bounds:
      out << "\t\tTypebounds violation.\n\n\t\tAdd an allow rule for the parent type.\n";
      if (!verdict.cause.empty()) out << "\t\t(" << verdict.cause << ")\n";
      break;
    case Reason::NotInPolicy:
      for (const auto& name : verdict.undefined_names) out << "\t\t" << name << " is not defined in the policy.\n";
      if (!verdict.cause.empty()) out << "\t\t(" << verdict.cause << ")\n";
      out << "\n\t\tThe log and the policy differ: the denial was logged under another policy.\n";
      break;
  }
  // Beyond audit2why. Upper-case reason names keep audit2why's keywords
  // unique to the first cause, so parsers of its output are not confused.
  if (!verdict.other_reasons.empty()) {
    out << "\n\tavcsift: further causes after the first:";
    for (const Reason reason : verdict.other_reasons) out << ' ' << reason_name(reason);
    out << '\n';
  }
  if (verdict.permissive_domain) {
    out << "\n\tavcsift: the source domain is permissive in this policy; the access was not blocked.\n";
  }
}

}  // namespace avcsift::emit
