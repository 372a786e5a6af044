#pragma once
/// Reads the policy statements of an expanded interface body:
///
///   allow $1 etc_t:dir { getattr search open };
///   files_search_etc($1)
///   role $2 types foo_t;
///   type_transition $1 foo_exec_t:process foo_t;
///
/// `allow` rules become AccessRules, name(args) becomes an InterfaceCall,
/// and parameters used as roles or as the new type of a transition are
/// marked, since no denial can supply them. dontaudit, auditallow and
/// neverallow rules grant nothing and are skipped, as are declarations.
#include <string_view>

#include "avcsift/refpolicy/interface.hpp"

namespace avcsift::refpolicy {

/// Fills `rules`, `calls` and `other_uses` of `into` from expanded text.
void read_statements(std::string_view text, ParsedInterface& into);

}  // namespace avcsift::refpolicy
