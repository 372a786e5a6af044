#include "avcsift/explain/flag.hpp"

namespace avcsift::explain {

const char* flag_name(FlagId id) {
  switch (id) {
    case FlagId::OutsideAppRoot: return "outside_app_root";
    case FlagId::SystemTypeChange: return "system_type_change";
    case FlagId::DangerousCapability: return "dangerous_capability";
    case FlagId::DangerousProcess: return "dangerous_process";
    case FlagId::MmapZero: return "mmap_zero";
    case FlagId::SecurityClass: return "security_change";
    case FlagId::UserSecrets: return "user_secrets";
    case FlagId::UnconfinedSource: return "unconfined_source";
    case FlagId::PermissiveMode: return "permissive_mode";
    case FlagId::ConstraintDenial: return "constraint_denial";
    case FlagId::SeparationOff: return "separation_off";
  }
  return "unknown";
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Low: return "low";
    case Severity::Medium: return "medium";
    case Severity::High: return "high";
  }
  return "unknown";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "high") return Severity::High;
  if (text == "medium") return Severity::Medium;
  if (text == "low") return Severity::Low;
  return std::nullopt;
}

}  // namespace avcsift::explain
