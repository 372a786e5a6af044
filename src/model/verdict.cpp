#include "avcsift/model/verdict.hpp"

namespace avcsift {

const char* reason_name(Reason reason) {
  switch (reason) {
    case Reason::Unknown: return "UNKNOWN";
    case Reason::Allowed: return "ALLOW";
    case Reason::DontAudit: return "DONTAUDIT";
    case Reason::MissingTeRule: return "TERULE";
    case Reason::Boolean: return "BOOLEAN";
    case Reason::Constraint: return "CONSTRAINT";
    case Reason::Rbac: return "RBAC";
    case Reason::Bounds: return "BOUNDS";
    case Reason::NotInPolicy: return "NOTINPOLICY";
  }
  return "UNKNOWN";  // unreachable: the switch is exhaustive
}

}  // namespace avcsift
