#pragma once
// Text into HTML for the report: everything that came from a log
// (paths, commands, contexts, input names) passes through here.
#include <string>
#include <string_view>

namespace avcsift::emit {

/// `text` safe in HTML element content and in quoted attribute values:
/// & < > " ' become entities, and control bytes (but newline and tab) are
/// shown as `\xNN`, so no byte of a log can open a tag or end an attribute.
std::string html_escape(std::string_view text);

/// html_escape() of log text made printable first (escape_for_comment:
/// non-ASCII and control bytes as `\xNN`, as the text report shows it).
std::string html_log_text(std::string_view text);

}  // namespace avcsift::emit
