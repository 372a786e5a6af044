#pragma once
/// Validation of security contexts read from logs before they are trusted.
#include <string>
#include <string_view>

#include "avcsift/model/security_context.hpp"

namespace avcsift::parse {

/// Parses `text` as a context whose user, role and type are valid identifiers
/// and whose level holds only MLS characters (`s0-s0:c0.c1023`, `s0:c1,c2`).
/// On failure returns false and sets `problem` (e.g. `'a:b:c{d' has an invalid
/// type`), with log text escaped.
bool parse_valid_context(std::string_view text, SecurityContext& out, std::string& problem);

}  // namespace avcsift::parse
