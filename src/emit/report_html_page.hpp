#pragma once
// The fixed parts of the HTML report: style sheet and filter script.
namespace avcsift::emit {

/// The style sheet (inline: nothing is fetched).
extern const char* const kReportCss;
/// The filter script; it only adds controls, the page reads fine without it.
extern const char* const kReportScript;
/// `'sha256-...'` of kReportScript for the Content-Security-Policy, checked by
/// the browser test, so no other script can run even if markup got in.
extern const char* const kReportScriptHash;

}  // namespace avcsift::emit
